using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace OAuth1;

/// <summary>
/// Removes secrets from text quoted from a provider (a body excerpt, a problem report, a message): every form of the
/// secrets it knows (consumer secret, token secret, password, the signature that was sent), and the value of any
/// <c>oauth_signature</c> or <c>oauth_token_secret</c> field, each replaced by <c>(hidden)</c>. The one redactor of the
/// library: token endpoints, generated clients and OAuth1.Refit quote bodies through it.
/// </summary>
internal sealed partial class SecretRedactor
{
    /// <summary>What a secret is replaced by.</summary>
    internal const string Hidden = "(hidden)";

    /// <summary>Shorter values are not searched for: they would match ordinary text.</summary>
    private const int MinimumLength = 4;

    private readonly List<string> _secrets = [];

    /// <summary>Creates a redactor that knows <paramref name="secrets"/> (<see langword="null"/> and short values are skipped).</summary>
    /// <param name="secrets">The secrets of one call.</param>
    public SecretRedactor(params string?[] secrets)
    {
        foreach (string? secret in secrets)
        {
            Add(secret);
        }
    }

    /// <summary>
    /// A redactor for the answer to <paramref name="request"/>: it knows the <c>oauth_signature</c> that was sent (in
    /// the <c>Authorization</c> header or the query) and, for <c>PLAINTEXT</c>, the two secrets the signature is made of.
    /// </summary>
    /// <param name="request">The request that was sent, if known.</param>
    /// <returns>The redactor.</returns>
    public static SecretRedactor ForSentRequest(HttpRequestMessage? request)
    {
        var redactor = new SecretRedactor();
        redactor.AddSentRequest(request);
        return redactor;
    }

    /// <summary>
    /// Adds the <c>oauth_signature</c> that <paramref name="request"/> carried (in the <c>Authorization</c> header or the
    /// query) and, for <c>PLAINTEXT</c>, the two secrets the signature is made of.
    /// </summary>
    /// <param name="request">The request that was sent, if known.</param>
    public void AddSentRequest(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return;
        }

        if (request.Headers.Authorization is AuthenticationHeaderValue { Parameter: { Length: > 0 } parameter } authorization
            && string.Equals(authorization.Scheme, OAuth1AuthorizationHeader.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                AddSentParameters(OAuth1AuthorizationHeader.ParseDecoded(OAuth1AuthorizationHeader.Scheme + " " + parameter));
            }
            catch (FormatException)
            {
                // Not a header this library wrote: nothing to learn from it.
            }
        }

        if (request.RequestUri is { IsAbsoluteUri: true } uri && uri.Query.Contains(OAuth1Parameters.Signature, StringComparison.Ordinal))
        {
            AddSentParameters(FormUrlEncoding.Parse(uri.Query));
        }
    }

    /// <summary>Adds a secret, in every form a provider may quote it in.</summary>
    /// <param name="secret">The secret; <see langword="null"/> and values shorter than 4 characters are skipped.</param>
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

    /// <summary>Replaces every known secret and every <c>oauth_signature</c> or <c>oauth_token_secret</c> value in <paramref name="text"/>.</summary>
    /// <param name="text">Text quoted from a provider.</param>
    /// <returns>The text without secrets.</returns>
    public string Redact(string text)
    {
        foreach (string secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Hidden, StringComparison.Ordinal);
            }
        }

        return text.Contains("oauth_", StringComparison.Ordinal) ? SecretField().Replace(text, "$1" + Hidden) : text;
    }

    /// <summary>Whether a field of a report is a secret by its name, and is left out of it.</summary>
    /// <param name="name">The field name.</param>
    /// <returns><see langword="true"/> for <c>oauth_signature</c> and <c>oauth_token_secret</c>.</returns>
    public static bool IsSecretField(string name) => name is OAuth1Parameters.Signature or OAuth1Parameters.TokenSecret;

    private void AddSentParameters(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        string? signature = null;
        bool plaintext = false;
        foreach (var pair in parameters)
        {
            if (pair.Key == OAuth1Parameters.Signature)
            {
                signature = pair.Value;
            }
            else if (pair.Key == OAuth1Parameters.SignatureMethod)
            {
                plaintext = string.Equals(pair.Value, "PLAINTEXT", StringComparison.Ordinal);
            }
        }

        if (signature is null)
        {
            return;
        }

        Add(signature);
        int amp = signature.IndexOf('&', StringComparison.Ordinal);
        if (plaintext && amp >= 0)
        {
            // RFC 5849 section 3.4.4: the signature is the encoded consumer secret, '&', the encoded token secret.
            Add(OAuth1PercentEncoding.Decode(signature[..amp]));
            Add(OAuth1PercentEncoding.Decode(signature[(amp + 1)..]));
        }
    }

    /// <summary>A secret field as a form, JSON or header quotes it: <c>oauth_signature=...</c>, <c>"oauth_token_secret": "..."</c>.</summary>
    [GeneratedRegex("(oauth_(?:signature|token_secret)\"?\\s*[=:]\\s*\"?)[^\"&,\\s}]*", RegexOptions.CultureInvariant)]
    private static partial Regex SecretField();
}
