using Refit;

namespace OAuth1.Refit;

/// <summary>
/// An <see cref="ApiException"/> whose response carried an OAuth 1.0a problem report (<c>oauth_problem</c>), so that
/// callers can catch refusals by kind: <c>catch (OAuth1ProblemApiException ex) when (ex.Problem == "token_expired")</c>.
/// Refit raises it for clients whose settings went through <see cref="OAuth1RefitSettingsExtensions.UseOAuth1Exceptions"/>,
/// from calls that throw and in <see cref="IApiResponse.Error"/> of <see cref="ApiResponse{T}"/> results alike.
/// </summary>
/// <remarks>
/// It is an <see cref="ApiException"/> in every other respect (status, headers, content), so existing
/// <c>catch (ApiException)</c> blocks keep working. Its message adds the <c>oauth_problem</c> code to Refit's, and
/// nothing else the provider wrote (its advice may echo request values; read <see cref="Advice"/> for it) and never
/// the request's <c>Authorization</c> header.
/// </remarks>
public sealed class OAuth1ProblemApiException : ApiException
{
    private OAuth1ProblemApiException(ApiException source, OAuth1Problem report)
        : base(
            $"{source.Message} The provider reported {report}.",
            source.RequestMessage,
            source.HttpMethod,
            source.Content,
            source.StatusCode,
            source.ReasonPhrase,
            source.Headers,
            source.RefitSettings,
            source.InnerException)
    {
        ProblemReport = report;
        ContentHeaders = source.ContentHeaders;
    }

    /// <summary>The <c>oauth_problem</c> code, e.g. <c>token_expired</c> or <c>signature_invalid</c>.</summary>
    public string Problem => ProblemReport.Problem;

    /// <summary>The <c>oauth_problem_advice</c> text, when the provider sent one.</summary>
    public string? Advice => ProblemReport.Advice;

    /// <summary>The whole problem report, with every <c>oauth_*</c> field the provider sent (never <see langword="null"/> here).</summary>
    public OAuth1Problem ProblemReport { get; }

    /// <summary>
    /// Wraps <paramref name="source"/> in an <see cref="OAuth1ProblemApiException"/> when its response reports an
    /// <c>oauth_problem</c>; returns it unchanged otherwise.
    /// </summary>
    /// <param name="source">The exception Refit created for an unsuccessful response.</param>
    /// <returns>The OAuth 1.0a exception, or <paramref name="source"/>.</returns>
    public static ApiException FromApiException(ApiException source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source is OAuth1ProblemApiException)
        {
            return source;
        }

        return Read(source) is { } report ? new OAuth1ProblemApiException(source, report) : source;
    }

    /// <summary>The problem report of the response behind <paramref name="source"/>, read by OAuth1.Core's one reader.</summary>
    /// <param name="source">The exception Refit created.</param>
    /// <returns>The report, or <see langword="null"/> when the response has none.</returns>
    internal static OAuth1Problem? Read(ApiException source) =>
        OAuth1Problem.Parse(source.StatusCode, source.Headers, source.ContentHeaders, source.Content, source.RequestMessage);
}
