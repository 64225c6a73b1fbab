using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OAuth1;

/// <summary>
/// Reads a token endpoint's answer (RFC 5849 sections 2.1 and 2.3): a form-encoded or JSON body with
/// <c>oauth_token</c> and <c>oauth_token_secret</c>, or a refusal with the OAuth Problem Reporting fields. Never
/// throws <see cref="KeyNotFoundException"/>, never puts a secret in a message.
/// </summary>
internal static class TokenResponseReader
{
    /// <summary>The most bytes of a token answer read: a token is a few hundred bytes.</summary>
    internal const int MaxBodyBytes = 64 * 1024;

    /// <summary>The most bytes of a body quoted in an exception.</summary>
    internal const int MaxExcerptBytes = 1024;

    public static async Task<OAuth1Token> ReadAsync(HttpResponseMessage response, string operation, Uri endpoint, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        string where = endpoint.GetLeftPart(UriPartial.Path);
        string? contentType = response.Content.Headers.ContentType?.ToString();
        (byte[] body, bool tooLarge) = await ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
        HttpStatusCode status = response.StatusCode;
        string statusText = $"{(int)status} {response.ReasonPhrase ?? status.ToString()}".TrimEnd();
        BodyKind kind = Classify(response.Content.Headers.ContentType, body);

        if (!response.IsSuccessStatusCode)
        {
            Dictionary<string, string> problem = ReadProblem(response, kind, body);
            throw Problem(operation, where, statusText, status, contentType, problem, body, redactor);
        }

        if (tooLarge)
        {
            throw Invalid($"{operation} failed: {where} answered {statusText} with more than {MaxBodyBytes / 1024} KB, which is not a token.", where, status, contentType, []);
        }

        switch (kind)
        {
            case BodyKind.Empty:
                throw Invalid(
                    $"{operation} failed: {where} answered {statusText} with an empty body instead of a token (oauth_token and oauth_token_secret expected).",
                    where, status, contentType, []);
            case BodyKind.Html:
                throw Invalid(
                    $"{operation} failed: {where} answered {statusText} with an HTML page instead of a token. "
                    + "Check that the URL is the provider's token endpoint, not its authorization or login page.",
                    where, status, contentType, []);
        }

        List<KeyValuePair<string, string>> fields;
        if (kind == BodyKind.Json)
        {
            if (!TryReadJsonObject(body, out fields))
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

        if (Find(fields, OAuth1Parameters.Problem) is not null)
        {
            throw Problem(operation, where, statusText, status, contentType, ToDictionary(fields), body, redactor);
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

    /// <summary>Builds the problem report from the body (form or JSON) and the <c>WWW-Authenticate: OAuth</c> header.</summary>
    private static Dictionary<string, string> ReadProblem(HttpResponseMessage response, BodyKind kind, byte[] body)
    {
        var problem = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (AuthenticationHeaderValue challenge in response.Headers.WwwAuthenticate)
        {
            if (!string.Equals(challenge.Scheme, OAuth1AuthorizationHeader.Scheme, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(challenge.Parameter))
            {
                continue;
            }

            try
            {
                foreach (var pair in OAuth1AuthorizationHeader.Parse(OAuth1AuthorizationHeader.Scheme + " " + challenge.Parameter))
                {
                    if (pair.Key.StartsWith("oauth_", StringComparison.Ordinal))
                    {
                        problem[pair.Key] = OAuth1PercentEncoding.Decode(pair.Value);
                    }
                }
            }
            catch (FormatException)
            {
                // A malformed challenge adds nothing; the body may still carry the report.
            }
        }

        List<KeyValuePair<string, string>> fields = [];
        if (kind == BodyKind.Json)
        {
            TryReadJsonObject(body, out fields);
        }
        else if (kind == BodyKind.Form)
        {
            string text = Encoding.UTF8.GetString(body).Trim();
            // Only a body that reads as form fields: "Bad request" is text, not a report.
            if (text.Contains('=', StringComparison.Ordinal) && !text.Contains('\n', StringComparison.Ordinal))
            {
                fields = [.. FormUrlEncoding.Parse(text)];
            }
        }

        foreach (var pair in fields)
        {
            if (pair.Key.StartsWith("oauth_", StringComparison.Ordinal))
            {
                problem[pair.Key] = pair.Value;
            }
        }

        return problem;
    }

    private static OAuth1ProblemException Problem(
        string operation,
        string where,
        string statusText,
        HttpStatusCode status,
        string? contentType,
        Dictionary<string, string> fields,
        byte[] body,
        SecretRedactor redactor)
    {
        // The report is from the provider: keep its problem fields, and nothing that looks like a token secret.
        var report = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in fields)
        {
            if (pair.Key.StartsWith("oauth_", StringComparison.Ordinal) && pair.Key != OAuth1Parameters.TokenSecret)
            {
                report[pair.Key] = redactor.Redact(pair.Value);
            }
        }

        report.TryGetValue(OAuth1Parameters.Problem, out string? problem);
        report.TryGetValue(OAuth1Parameters.ProblemAdvice, out string? advice);
        string excerpt = redactor.Redact(Excerpt(body));
        var message = new StringBuilder();
        message.Append(CultureInfo.InvariantCulture, $"{operation} failed: {where} answered {statusText}");
        if (problem is not null)
        {
            message.Append(CultureInfo.InvariantCulture, $" with oauth_problem={problem}");
            if (advice is not null)
            {
                message.Append(CultureInfo.InvariantCulture, $" (oauth_problem_advice: {advice})");
            }
        }

        message.Append('.');
        if (excerpt.Length > 0)
        {
            message.Append(" Body: ").Append(excerpt);
        }

        return new OAuth1ProblemException(message.ToString(), where, status, contentType, problem, advice, report, excerpt);
    }

    private static OAuth1InvalidTokenResponseException Invalid(string message, string where, HttpStatusCode status, string? contentType, IReadOnlyList<string> names) =>
        new(message, where, status, contentType, names);

    /// <summary>The first <see cref="MaxExcerptBytes"/> bytes as text, without a character cut in half.</summary>
    internal static string Excerpt(byte[] body)
    {
        if (body.Length == 0)
        {
            return string.Empty;
        }

        int length = Math.Min(body.Length, MaxExcerptBytes);
        // Step back to a UTF-8 boundary so that the cut never makes a replacement character.
        while (length < body.Length && length > 0 && (body[length] & 0xC0) == 0x80)
        {
            length--;
        }

        string text = Encoding.UTF8.GetString(body, 0, length).Trim();
        return length < body.Length ? text + " [truncated]" : text;
    }

    private static async Task<(byte[] Body, bool TooLarge)> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        while (buffer.Length <= MaxBodyBytes)
        {
            int read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (buffer.ToArray(), false);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), true);
    }

    private static BodyKind Classify(MediaTypeHeaderValue? contentType, byte[] body)
    {
        ReadOnlySpan<byte> trimmed = body.AsSpan().Trim(" \t\r\n"u8);
        if (trimmed.StartsWith("\uFEFF"u8))
        {
            trimmed = trimmed[3..].TrimStart(" \t\r\n"u8);
        }

        if (trimmed.IsEmpty)
        {
            return BodyKind.Empty;
        }

        string mediaType = contentType?.MediaType ?? string.Empty;
        if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase))
        {
            return BodyKind.Json;
        }

        if (mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase)
            || trimmed[0] == (byte)'<')
        {
            return BodyKind.Html;
        }

        return trimmed[0] is (byte)'{' or (byte)'[' ? BodyKind.Json : BodyKind.Form;
    }

    private static bool TryReadJsonObject(byte[] body, out List<KeyValuePair<string, string>> fields)
    {
        fields = [];
        try
        {
            using JsonDocument document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                string? value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => property.Value.GetRawText(),
                };
                if (value is not null)
                {
                    fields.Add(new(property.Name, value));
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
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

    private static Dictionary<string, string> ToDictionary(List<KeyValuePair<string, string>> fields)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in fields)
        {
            result.TryAdd(pair.Key, pair.Value);
        }

        return result;
    }

    private enum BodyKind
    {
        Empty,
        Form,
        Json,
        Html,
    }
}

/// <summary>Replaces the secrets of one call (consumer secret, token secret, password) by <c>***</c> in text quoted from a provider.</summary>
internal sealed class SecretRedactor
{
    /// <summary>Shorter values are not searched for: they would match ordinary text.</summary>
    private const int MinimumLength = 4;

    private readonly List<string> _secrets = [];

    public SecretRedactor(params string?[] secrets)
    {
        foreach (string? secret in secrets)
        {
            Add(secret);
        }
    }

    public void Add(string? secret)
    {
        if (secret is null || secret.Length < MinimumLength)
        {
            return;
        }

        // As sent (PLAINTEXT signature), as quoted in a form or URL, and encoded twice (a signature quoted in a form).
        string encoded = OAuth1PercentEncoding.Encode(secret);
        foreach (string form in new[] { secret, encoded, OAuth1PercentEncoding.Encode(encoded), Uri.EscapeDataString(secret), WebUtility.UrlEncode(secret), WebUtility.HtmlEncode(secret) })
        {
            if (!_secrets.Contains(form))
            {
                _secrets.Add(form);
            }
        }

        // Longest first, so that an encoded form is replaced whole.
        _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
    }

    public string Redact(string text)
    {
        foreach (string secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }
}
