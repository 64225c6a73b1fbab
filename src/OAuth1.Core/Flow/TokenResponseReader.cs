using System.Globalization;
using System.Net;
using System.Text;

namespace OAuth1;

/// <summary>
/// Reads a token endpoint's answer (RFC 5849 sections 2.1 and 2.3): a form-encoded or JSON body with
/// <c>oauth_token</c> and <c>oauth_token_secret</c>, or a refusal with the OAuth Problem Reporting fields. Never
/// throws <see cref="KeyNotFoundException"/>, never puts a secret in a message.
/// </summary>
internal static class TokenResponseReader
{
    public static async Task<OAuth1Token> ReadAsync(HttpResponseMessage response, string operation, Uri endpoint, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        string where = endpoint.GetLeftPart(UriPartial.Path);
        string? contentType = response.Content.Headers.ContentType?.ToString();
        (byte[] body, bool tooLarge) = await ResponseBody.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
        HttpStatusCode status = response.StatusCode;
        string statusText = $"{(int)status} {response.ReasonPhrase ?? status.ToString()}".TrimEnd();
        ResponseBodyKind kind = ResponseBody.Classify(response.Content.Headers.ContentType, body);
        redactor.AddSentRequest(response.RequestMessage);

        if (!response.IsSuccessStatusCode)
        {
            throw Problem(response, operation, where, statusText, contentType, body, tooLarge, redactor);
        }

        if (tooLarge)
        {
            throw Invalid($"{operation} failed: {where} answered {statusText} with more than {ResponseBody.MaxBytes / 1024} KB, which is not a token.", where, status, contentType, []);
        }

        switch (kind)
        {
            case ResponseBodyKind.Empty:
                throw Invalid(
                    $"{operation} failed: {where} answered {statusText} with an empty body instead of a token (oauth_token and oauth_token_secret expected).",
                    where, status, contentType, []);
            case ResponseBodyKind.Html:
                throw Invalid(
                    $"{operation} failed: {where} answered {statusText} with an HTML page instead of a token. "
                    + "Check that the URL is the provider's token endpoint, not its authorization or login page.",
                    where, status, contentType, []);
        }

        List<KeyValuePair<string, string>> fields;
        if (kind == ResponseBodyKind.Json)
        {
            if (!ResponseBody.TryReadJsonObject(body, out fields))
            {
                throw Invalid(
                    $"{operation} failed: {where} answered {statusText} with JSON that is not an object of token fields.",
                    where, status, contentType, []);
            }
        }
        else
        {
            fields = [.. FormUrlEncoding.Parse(Encoding.UTF8.GetString(body))];
        }

        var names = new List<string>(fields.Count);
        foreach (var field in fields)
        {
            names.Add(field.Key);
        }

        if (FindContradiction(fields) is string contradicted)
        {
            // Which value would count is a guess (the reader and OAuth1Token used to disagree): refuse instead.
            throw Invalid(
                $"{operation} failed: {where} answered {statusText} with the field '{redactor.Redact(contradicted)}' twice, with different values. "
                + "A token answer names each field once.",
                where, status, contentType, names);
        }

        if (Find(fields, OAuth1Parameters.Problem) is not null)
        {
            throw Problem(response, operation, where, statusText, contentType, body, tooLarge, redactor);
        }

        string? missing = string.IsNullOrEmpty(Find(fields, OAuth1Parameters.Token)) ? OAuth1Parameters.Token
            : Find(fields, OAuth1Parameters.TokenSecret) is null ? OAuth1Parameters.TokenSecret
            : null;
        if (missing is not null)
        {
            string received = names.Count == 0 ? "no fields" : "fields: " + redactor.Redact(string.Join(", ", names));
            throw Invalid(
                $"{operation} failed: {where} answered {statusText} without '{missing}' ({received}). A token answer needs oauth_token and oauth_token_secret.",
                where, status, contentType, names);
        }

        return OAuth1Token.FromDictionary(fields);
    }

    /// <summary>The refusal: the problem report (from the body and the <c>WWW-Authenticate: OAuth</c> header) and the start of the body.</summary>
    private static OAuth1ProblemException Problem(
        HttpResponseMessage response,
        string operation,
        string where,
        string statusText,
        string? contentType,
        byte[] body,
        bool tooLarge,
        SecretRedactor redactor)
    {
        ResponseExcerpt excerpt = ResponseExcerpt.Create(body, tooLarge, redactor);
        OAuth1Problem? report = OAuth1ProblemReader.Read(response.StatusCode, response.Headers, response.Content.Headers.ContentType, body, excerpt, redactor);
        var message = new StringBuilder();
        message.Append(CultureInfo.InvariantCulture, $"{operation} failed: {where} answered {statusText}");
        if (report is not null)
        {
            message.Append(CultureInfo.InvariantCulture, $" with oauth_problem={report.SafeProblem}");
            if (report.Advice is { } advice)
            {
                message.Append(CultureInfo.InvariantCulture, $" (oauth_problem_advice: {advice})");
            }
        }

        message.Append('.');
        string quoted = excerpt.Text.Trim();
        if (quoted.Length > 0)
        {
            quoted = excerpt.IsTruncated ? quoted + " [truncated]" : quoted;
            message.Append(" Body: ").Append(quoted);
        }

        return new OAuth1ProblemException(message.ToString(), where, response.StatusCode, contentType, report, quoted);
    }

    private static OAuth1InvalidTokenResponseException Invalid(string message, string where, HttpStatusCode status, string? contentType, IReadOnlyList<string> names) =>
        new(message, where, status, contentType, names);

    /// <summary>The first field that appears more than once with different values, or <see langword="null"/>.</summary>
    private static string? FindContradiction(List<KeyValuePair<string, string>> fields)
    {
        var seen = new Dictionary<string, string>(fields.Count, StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (seen.TryGetValue(field.Key, out string? earlier) && !string.Equals(earlier, field.Value, StringComparison.Ordinal))
            {
                return field.Key;
            }

            seen.TryAdd(field.Key, field.Value);
        }

        return null;
    }

    private static string? Find(List<KeyValuePair<string, string>> fields, string name)
    {
        foreach (var pair in fields)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                return pair.Value;
            }
        }

        return null;
    }
}
