using System.Net;

namespace OAuth1;

/// <summary>
/// A token endpoint (temporary credentials, token credentials, xAuth or refresh) did not give a token: the base of
/// <see cref="OAuth1ProblemException"/> (the provider refused) and <see cref="OAuth1InvalidTokenResponseException"/>
/// (the answer is not a token). Messages never contain a secret.
/// </summary>
public class OAuth1TokenEndpointException : OAuth1Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="endpoint">The endpoint that answered, without its query.</param>
    /// <param name="statusCode">The HTTP status code of the answer.</param>
    /// <param name="contentType">The Content-Type of the answer, if any.</param>
    public OAuth1TokenEndpointException(string message, string endpoint, HttpStatusCode statusCode, string? contentType)
        : base(message)
    {
        Endpoint = endpoint;
        StatusCode = statusCode;
        ContentType = contentType;
    }

    /// <summary>The endpoint that answered (scheme, host and path; the query is left out).</summary>
    public string Endpoint { get; }

    /// <summary>The HTTP status code of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The Content-Type of the answer, if any.</summary>
    public string? ContentType { get; }
}

/// <summary>
/// A token endpoint refused the request: it answered a non-2xx status, or a 2xx answer carrying
/// <c>oauth_problem</c>. Carries the OAuth Problem Reporting fields as <see cref="ProblemReport"/> when the provider
/// sent them (in the body or the <c>WWW-Authenticate</c> header) and at most 1 KB of the body.
/// </summary>
public sealed class OAuth1ProblemException : OAuth1TokenEndpointException
{
    private static readonly IReadOnlyDictionary<string, string> NoParameters = new Dictionary<string, string>(StringComparer.Ordinal).AsReadOnly();

    /// <summary>Creates an exception from a problem report.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="endpoint">The endpoint that answered, without its query.</param>
    /// <param name="statusCode">The HTTP status code of the answer.</param>
    /// <param name="contentType">The Content-Type of the answer, if any.</param>
    /// <param name="problemReport">The provider's problem report, or <see langword="null"/> when the answer had none.</param>
    /// <param name="responseBody">At most 1 KB of the body, secrets removed.</param>
    public OAuth1ProblemException(
        string message,
        string endpoint,
        HttpStatusCode statusCode,
        string? contentType,
        OAuth1Problem? problemReport,
        string responseBody)
        : base(message, endpoint, statusCode, contentType)
    {
        ProblemReport = problemReport;
        ResponseBody = responseBody ?? string.Empty;
    }

    /// <summary>Creates an exception from the fields of a problem report.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="endpoint">The endpoint that answered, without its query.</param>
    /// <param name="statusCode">The HTTP status code of the answer.</param>
    /// <param name="contentType">The Content-Type of the answer, if any.</param>
    /// <param name="problem">The <c>oauth_problem</c> value, if any; without one there is no <see cref="ProblemReport"/>.</param>
    /// <param name="problemAdvice">The <c>oauth_problem_advice</c> value, if any.</param>
    /// <param name="problemParameters">Every field of the problem report (<c>oauth_acceptable_timestamps</c>, ...).</param>
    /// <param name="responseBody">At most 1 KB of the body, secrets removed.</param>
    public OAuth1ProblemException(
        string message,
        string endpoint,
        HttpStatusCode statusCode,
        string? contentType,
        string? problem,
        string? problemAdvice,
        IReadOnlyDictionary<string, string> problemParameters,
        string responseBody)
        : this(message, endpoint, statusCode, contentType, Report(statusCode, problem, problemAdvice, problemParameters, responseBody), responseBody)
    {
    }

    /// <summary>
    /// The provider's problem report (<c>oauth_problem</c>, <c>oauth_problem_advice</c> and the other fields), or
    /// <see langword="null"/> when the answer had none.
    /// </summary>
    public OAuth1Problem? ProblemReport { get; }

    /// <summary>The <c>oauth_problem</c> code (such as <c>signature_invalid</c> or <c>token_expired</c>), if the provider sent one.</summary>
    public string? Problem => ProblemReport?.Problem;

    /// <summary>The <c>oauth_problem_advice</c> text, if the provider sent one.</summary>
    public string? ProblemAdvice => ProblemReport?.Advice;

    /// <summary>Every field of the problem report, keys as on the wire; empty when the answer had none.</summary>
    public IReadOnlyDictionary<string, string> ProblemParameters => ProblemReport?.Parameters ?? NoParameters;

    /// <summary>
    /// At most the first 1 KB of the body (followed by <c>[truncated]</c> when it was longer), with secrets replaced
    /// by <c>(hidden)</c>.
    /// </summary>
    public string ResponseBody { get; }

    private static OAuth1Problem? Report(HttpStatusCode statusCode, string? problem, string? problemAdvice, IReadOnlyDictionary<string, string> problemParameters, string? responseBody)
    {
        ArgumentNullException.ThrowIfNull(problemParameters);
        if (string.IsNullOrEmpty(problem))
        {
            return null;
        }

        var fields = new List<KeyValuePair<string, string>> { new(OAuth1Parameters.Problem, problem) };
        if (problemAdvice is not null)
        {
            fields.Add(new(OAuth1Parameters.ProblemAdvice, problemAdvice));
        }

        fields.AddRange(problemParameters);
        return new OAuth1Problem(statusCode, fields, responseBody);
    }
}

/// <summary>
/// A token endpoint answered 2xx, but the answer is not a usable token: empty, HTML, malformed JSON, without
/// <c>oauth_token</c> or <c>oauth_token_secret</c>, or (for temporary credentials) without
/// <c>oauth_callback_confirmed=true</c>.
/// </summary>
public sealed class OAuth1InvalidTokenResponseException : OAuth1TokenEndpointException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="endpoint">The endpoint that answered, without its query.</param>
    /// <param name="statusCode">The HTTP status code of the answer.</param>
    /// <param name="contentType">The Content-Type of the answer, if any.</param>
    /// <param name="receivedFields">The names (never the values) of the fields the answer had.</param>
    public OAuth1InvalidTokenResponseException(string message, string endpoint, HttpStatusCode statusCode, string? contentType, IReadOnlyList<string> receivedFields)
        : base(message, endpoint, statusCode, contentType)
    {
        ReceivedFields = receivedFields ?? throw new ArgumentNullException(nameof(receivedFields));
    }

    /// <summary>The names of the fields the answer had (values are left out: one may be a secret).</summary>
    public IReadOnlyList<string> ReceivedFields { get; }
}
