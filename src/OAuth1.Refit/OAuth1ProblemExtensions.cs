using Refit;

namespace OAuth1.Refit;

/// <summary>Reads a provider's OAuth 1.0a problem report (<c>oauth_problem</c>) from Refit's errors.</summary>
public static class OAuth1ProblemExtensions
{
    /// <summary>
    /// The <c>oauth_problem</c> report of the response that caused <paramref name="exception"/>, from its
    /// <c>WWW-Authenticate: OAuth ...</c> header or its body (form-encoded or JSON); works with any Refit settings.
    /// </summary>
    /// <param name="exception">The exception from a Refit call.</param>
    /// <returns>The problem, or <see langword="null"/> when the provider reported none.</returns>
    public static OAuth1Problem? GetOAuthProblem(this ApiException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is OAuth1ProblemApiException oauth ? oauth.ProblemReport : OAuth1ProblemApiException.Read(exception);
    }

    /// <summary>The <c>oauth_problem</c> report of an unsuccessful <see cref="IApiResponse"/> (an <see cref="ApiResponse{T}"/> result).</summary>
    /// <param name="response">The response of a Refit call.</param>
    /// <returns>The problem, or <see langword="null"/> when the call succeeded or the provider reported none.</returns>
    public static OAuth1Problem? GetOAuthProblem(this IApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Error is ApiException exception ? exception.GetOAuthProblem() : null;
    }
}
