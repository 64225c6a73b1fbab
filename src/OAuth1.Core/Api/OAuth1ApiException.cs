using System.Collections.ObjectModel;
using System.Net;
using System.Text;

namespace OAuth1;

/// <summary>
/// A generated client's call answered with a status that is not a success (2xx). Carries the status, the response
/// headers, the provider's problem report (<see cref="ProblemReport"/>, when it sent <c>oauth_problem</c>) and the start
/// of the response body (at most <see cref="MaxBodyExcerptBytes"/> bytes, with secrets hidden). The message never
/// contains the query, where query placement puts the signature.
/// </summary>
public class OAuth1ApiException : OAuth1Exception
{
    /// <summary>The most bytes of the response body that <see cref="ResponseBodyExcerpt"/> keeps.</summary>
    public const int MaxBodyExcerptBytes = ResponseExcerpt.MaxBytes;

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoHeaders =
        new ReadOnlyDictionary<string, IReadOnlyList<string>>(new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase));

    /// <summary>Creates the exception from its parts (for tests and custom clients).</summary>
    /// <param name="message">What went wrong, without secrets.</param>
    /// <param name="statusCode">The response status.</param>
    /// <param name="reasonPhrase">The response reason phrase.</param>
    /// <param name="responseHeaders">The response and content headers; <see langword="null"/> for none.</param>
    /// <param name="responseBodyExcerpt">The start of the response body.</param>
    /// <param name="isResponseBodyTruncated">Whether the body was longer than the excerpt.</param>
    public OAuth1ApiException(
        string message,
        HttpStatusCode statusCode,
        string? reasonPhrase,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? responseHeaders,
        string responseBodyExcerpt,
        bool isResponseBodyTruncated)
        : this(message, statusCode, reasonPhrase, responseHeaders, responseBodyExcerpt, isResponseBodyTruncated, problemReport: null)
    {
    }

    /// <summary>Creates the exception from its parts, with the provider's problem report (for tests and custom clients).</summary>
    /// <param name="message">What went wrong, without secrets.</param>
    /// <param name="statusCode">The response status.</param>
    /// <param name="reasonPhrase">The response reason phrase.</param>
    /// <param name="responseHeaders">The response and content headers; <see langword="null"/> for none.</param>
    /// <param name="responseBodyExcerpt">The start of the response body.</param>
    /// <param name="isResponseBodyTruncated">Whether the body was longer than the excerpt.</param>
    /// <param name="problemReport">The provider's problem report, or <see langword="null"/> when the answer had none.</param>
    public OAuth1ApiException(
        string message,
        HttpStatusCode statusCode,
        string? reasonPhrase,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? responseHeaders,
        string responseBodyExcerpt,
        bool isResponseBodyTruncated,
        OAuth1Problem? problemReport)
        : base(message)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        ResponseHeaders = responseHeaders ?? NoHeaders;
        ResponseBodyExcerpt = responseBodyExcerpt ?? string.Empty;
        IsResponseBodyTruncated = isResponseBodyTruncated;
        ProblemReport = problemReport;
    }

    /// <summary>The response status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response reason phrase, when the server sent one.</summary>
    public string? ReasonPhrase { get; }

    /// <summary>The response headers and content headers, names compared without case.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ResponseHeaders { get; }

    /// <summary>
    /// The start of the response body as text, at most <see cref="MaxBodyExcerptBytes"/> bytes as UTF-8, never cut
    /// inside a character; the values of <c>oauth_signature</c> and <c>oauth_token_secret</c>, and the signature the
    /// request carried, replaced by <c>(hidden)</c>.
    /// </summary>
    public string ResponseBodyExcerpt { get; }

    /// <summary>Whether the body was longer than <see cref="ResponseBodyExcerpt"/>.</summary>
    public bool IsResponseBodyTruncated { get; }

    /// <summary>
    /// The provider's problem report (<c>oauth_problem</c>, <c>oauth_problem_advice</c> and the other fields, from the
    /// <c>WWW-Authenticate: OAuth</c> header or the body), or <see langword="null"/> when the answer had none.
    /// </summary>
    public OAuth1Problem? ProblemReport { get; }

    /// <summary>The <c>oauth_problem</c> code (such as <c>signature_invalid</c>), if the provider sent one.</summary>
    public string? Problem => ProblemReport?.Problem;

    /// <summary>
    /// Builds the exception for a response that is not a success: reads at most 64 KB of its body, for the problem
    /// report and the excerpt. Does not dispose <paramref name="response"/>.
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The exception, to throw.</returns>
    public static async Task<OAuth1ApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        AddHeaders(headers, response.Headers);
        AddHeaders(headers, response.Content.Headers);

        (byte[] body, bool tooLarge) = await ResponseBody.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
        SecretRedactor redactor = SecretRedactor.ForSentRequest(response.RequestMessage);
        ResponseExcerpt excerpt = ResponseExcerpt.Create(body, tooLarge, redactor);
        OAuth1Problem? report = OAuth1ProblemReader.Read(response.StatusCode, response.Headers, response.Content.Headers.ContentType, body, excerpt, redactor);
        return new OAuth1ApiException(
            Describe(response, report),
            response.StatusCode,
            response.ReasonPhrase,
            new ReadOnlyDictionary<string, IReadOnlyList<string>>(headers),
            excerpt.Text,
            excerpt.IsTruncated,
            report);
    }

    private static string Describe(HttpResponseMessage response, OAuth1Problem? report)
    {
        var message = new StringBuilder(128);
        HttpRequestMessage? request = response.RequestMessage;
        message.Append(request?.Method.Method ?? "The request");
        if (request?.RequestUri is { IsAbsoluteUri: true } uri)
        {
            // Scheme, host, port and path only: query placement puts the signature in the query, and user info is a secret.
            message.Append(' ').Append(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
        }

        message.Append(" answered ").Append((int)response.StatusCode);
        if (!string.IsNullOrEmpty(response.ReasonPhrase))
        {
            message.Append(' ').Append(response.ReasonPhrase);
        }

        if (report is not null)
        {
            message.Append(" (").Append(report).Append(')');
        }

        return message.Append('.').ToString();
    }

    private static void AddHeaders(Dictionary<string, IReadOnlyList<string>> target, System.Net.Http.Headers.HttpHeaders headers)
    {
        foreach (var header in headers.NonValidated)
        {
            var values = new List<string>(header.Value.Count);
            foreach (string value in header.Value)
            {
                values.Add(value);
            }

            target[header.Key] = values.AsReadOnly();
        }
    }
}
