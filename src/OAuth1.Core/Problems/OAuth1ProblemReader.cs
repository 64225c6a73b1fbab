using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OAuth1;

/// <summary>
/// Reads an <see cref="OAuth1Problem"/> from an answer: the <c>oauth_*</c> fields of its <c>WWW-Authenticate: OAuth</c>
/// challenges and of its body (form-encoded, or a JSON object), the header winning where both name a field. The one
/// reader of problem reports: token endpoints, generated clients and OAuth1.Refit all call it.
/// </summary>
internal static class OAuth1ProblemReader
{
    /// <summary>Reads the problem report of an answer whose body was already read.</summary>
    /// <param name="statusCode">The status of the answer.</param>
    /// <param name="headers">The response headers (for <c>WWW-Authenticate</c>), if any.</param>
    /// <param name="contentType">The Content-Type of the body, if any.</param>
    /// <param name="body">The body bytes that were read.</param>
    /// <param name="excerpt">The excerpt of the body, for the report.</param>
    /// <param name="redactor">Removes secrets from the values.</param>
    /// <returns>The report, or <see langword="null"/> when the answer has no non-empty <c>oauth_problem</c>.</returns>
    internal static OAuth1Problem? Read(
        HttpStatusCode statusCode,
        HttpResponseHeaders? headers,
        MediaTypeHeaderValue? contentType,
        ReadOnlyMemory<byte> body,
        ResponseExcerpt excerpt,
        SecretRedactor redactor)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (headers is not null)
        {
            // First, so that the header wins: Clean keeps the first field of a name.
            foreach (AuthenticationHeaderValue challenge in headers.WwwAuthenticate)
            {
                if (string.Equals(challenge.Scheme, OAuth1AuthorizationHeader.Scheme, StringComparison.OrdinalIgnoreCase) && challenge.Parameter is { Length: > 0 } parameter)
                {
                    ReadChallenge(parameter, fields);
                }
            }
        }

        ReadBody(contentType, body, fields);
        Dictionary<string, string> report = Clean(fields, redactor);
        return report.TryGetValue(OAuth1Parameters.Problem, out string? problem) && problem.Length > 0
            ? new OAuth1Problem(statusCode, report, excerpt)
            : null;
    }

    /// <summary>Reads the problem report of an answer whose body Refit (or another caller) already read as text.</summary>
    /// <param name="statusCode">The status of the answer.</param>
    /// <param name="headers">The response headers, if any.</param>
    /// <param name="contentType">The Content-Type of the body, if any.</param>
    /// <param name="content">The body as text, if any.</param>
    /// <param name="redactor">Removes secrets from the values and the excerpt.</param>
    /// <returns>The report, or <see langword="null"/> when the answer has no non-empty <c>oauth_problem</c>.</returns>
    internal static OAuth1Problem? Read(HttpStatusCode statusCode, HttpResponseHeaders? headers, MediaTypeHeaderValue? contentType, string? content, SecretRedactor redactor)
    {
        string text = content ?? string.Empty;
        bool cut = text.Length > ResponseBody.MaxBytes;
        int length = cut && char.IsHighSurrogate(text[ResponseBody.MaxBytes - 1]) ? ResponseBody.MaxBytes - 1 : ResponseBody.MaxBytes;
        byte[] body = Encoding.UTF8.GetBytes(cut ? text[..length] : text);
        return Read(statusCode, headers, contentType, body, ResponseExcerpt.Create(body, cut, redactor), redactor);
    }

    /// <summary>
    /// The fields of a report: the <c>oauth_*</c> ones, the first of each name, without <c>oauth_signature</c> and
    /// <c>oauth_token_secret</c>, values redacted.
    /// </summary>
    /// <param name="fields">The fields, decoded.</param>
    /// <param name="redactor">Removes secrets from the values.</param>
    /// <returns>The report's fields.</returns>
    internal static Dictionary<string, string> Clean(IEnumerable<KeyValuePair<string, string>> fields, SecretRedactor redactor)
    {
        var report = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in fields)
        {
            if (pair.Key is { } name && name.StartsWith("oauth_", StringComparison.Ordinal) && !SecretRedactor.IsSecretField(name) && !report.ContainsKey(name))
            {
                report.Add(name, redactor.Redact(pair.Value ?? string.Empty));
            }
        }

        return report;
    }

    /// <summary>Reads the <c>oauth_*</c> pairs of an <c>OAuth</c> challenge (values percent-decoded).</summary>
    private static void ReadChallenge(string parameter, List<KeyValuePair<string, string>> fields)
    {
        try
        {
            fields.AddRange(OAuth1AuthorizationHeader.ParseDecoded(OAuth1AuthorizationHeader.Scheme + " " + parameter));
        }
        catch (FormatException)
        {
            // A malformed challenge adds nothing; the body may still carry the report.
        }
    }

    /// <summary>Reads the fields of a JSON object, or of a one-line form-encoded body ("Bad request" is text, not a report).</summary>
    private static void ReadBody(MediaTypeHeaderValue? contentType, ReadOnlyMemory<byte> body, List<KeyValuePair<string, string>> fields)
    {
        switch (ResponseBody.Classify(contentType, body.Span))
        {
            case ResponseBodyKind.Json:
                if (ResponseBody.TryReadJsonObject(body, out List<KeyValuePair<string, string>> json))
                {
                    fields.AddRange(json);
                }

                break;
            case ResponseBodyKind.Form:
                string text = Encoding.UTF8.GetString(ResponseBody.Trim(body.Span));
                if (text.Contains('=', StringComparison.Ordinal) && !text.Contains('\n', StringComparison.Ordinal))
                {
                    fields.AddRange(FormUrlEncoding.Parse(text));
                }

                break;
        }
    }
}
