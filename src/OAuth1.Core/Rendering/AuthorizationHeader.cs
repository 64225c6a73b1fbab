using System.Text;

namespace OAuth1;

/// <summary>
/// The <c>Authorization: OAuth ...</c> header of RFC 5849 section 3.5.1: <c>realm</c> first as an RFC 2617
/// quoted-string (not percent-encoded, never signed), then each protocol parameter as <c>name="value"</c> with the
/// value percent-encoded, separated by <c>", "</c>.
/// </summary>
public static class OAuth1AuthorizationHeader
{
    /// <summary>The authentication scheme, <c>OAuth</c>.</summary>
    public const string Scheme = "OAuth";

    /// <summary>Formats the header value (starting with <c>OAuth </c>) from protocol parameters, in the given order.</summary>
    /// <param name="protocolParameters">Decoded <c>oauth_*</c> parameters; others are left out, as the header carries only protocol parameters.</param>
    /// <param name="realm">The realm, or <see langword="null"/>.</param>
    /// <returns>The header value.</returns>
    public static string Format(IEnumerable<KeyValuePair<string, string>> protocolParameters, string? realm = null)
    {
        ArgumentNullException.ThrowIfNull(protocolParameters);
        HeaderSafeText.Ensure(realm, nameof(realm), "The realm");
        var list = new ParameterCollection(512);
        try
        {
            foreach (var pair in protocolParameters)
            {
                if (pair.Key.StartsWith("oauth_", StringComparison.Ordinal))
                {
                    list.Add(pair.Key, pair.Value);
                }
            }

            return Format(in list, realm);
        }
        finally
        {
            list.Dispose();
        }
    }

    /// <summary>Writes the header from already encoded protocol parameters: the one string the signing path allocates.</summary>
    internal static string Format(in ParameterCollection protocolParameters, string? realm, bool holdsSecret = true)
    {
        var buffer = new PooledByteBuffer(512);
        try
        {
            buffer.Append("OAuth "u8);
            bool first = true;
            if (realm is not null)
            {
                buffer.Append("realm=\""u8);
                AppendQuotedStringContent(ref buffer, realm);
                buffer.Append((byte)'"');
                first = false;
            }

            for (int i = 0; i < protocolParameters.Count; i++)
            {
                if (!first)
                {
                    buffer.Append(", "u8);
                }

                first = false;
                buffer.Append(protocolParameters.NameAt(i));
                buffer.Append("=\""u8);
                buffer.Append(protocolParameters.ValueAt(i));
                buffer.Append((byte)'"');
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            // A PLAINTEXT signature is both secrets.
            if (holdsSecret)
            {
                buffer.ClearAndDispose();
            }
            else
            {
                buffer.Dispose();
            }
        }
    }

    /// <summary>
    /// Parses an <c>OAuth</c> header value into its parameters, in order, values still percent-encoded as sent
    /// (<c>realm</c> unquoted). Line breaks and white space around commas and <c>=</c> are allowed.
    /// </summary>
    /// <param name="headerValue">The value, starting with <c>OAuth</c> (any case).</param>
    /// <returns>The parameters, values as sent (not percent-decoded).</returns>
    /// <exception cref="FormatException">The value is not an OAuth header or a parameter is malformed.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string headerValue)
    {
        ArgumentNullException.ThrowIfNull(headerValue);
        ReadOnlySpan<char> s = headerValue.AsSpan().Trim();
        if (s.Length < Scheme.Length || !s[..Scheme.Length].Equals(Scheme, StringComparison.OrdinalIgnoreCase)
            || (s.Length > Scheme.Length && !char.IsWhiteSpace(s[Scheme.Length])))
        {
            throw new FormatException("The Authorization header does not use the OAuth scheme.");
        }

        s = s[Scheme.Length..].TrimStart();
        if (s.IsEmpty)
        {
            throw new FormatException("The OAuth Authorization header has no parameters.");
        }

        var result = new List<KeyValuePair<string, string>>();
        while (!s.IsEmpty)
        {
            int eq = s.IndexOf('=');
            if (eq <= 0)
            {
                throw new FormatException($"OAuth Authorization header parameter {result.Count + 1} has no '=value'.");
            }

            string name = s[..eq].Trim().ToString();
            s = s[(eq + 1)..].TrimStart();
            if (s.IsEmpty || s[0] != '"')
            {
                throw new FormatException($"The value of '{name}' in the OAuth Authorization header is not a quoted string.");
            }

            var value = new StringBuilder();
            int i = 1;
            for (; i < s.Length && s[i] != '"'; i++)
            {
                if (s[i] == '\\' && i + 1 < s.Length)
                {
                    i++;
                }

                value.Append(s[i]);
            }

            if (i >= s.Length)
            {
                throw new FormatException($"The value of '{name}' in the OAuth Authorization header has no closing quote.");
            }

            result.Add(new(name, value.ToString()));
            s = s[(i + 1)..].TrimStart();
            if (!s.IsEmpty)
            {
                if (s[0] != ',')
                {
                    throw new FormatException($"Expected ',' after '{name}' in the OAuth Authorization header.");
                }

                s = s[1..].TrimStart();
            }
        }

        return result;
    }

    /// <summary>
    /// Parses an <c>OAuth</c> header value like <see cref="Parse"/>, then percent-decodes each value once (RFC 5849
    /// section 3.5.1): the values a provider or a verifier works with. <c>realm</c> is an RFC 2617 quoted-string, not
    /// percent-encoded, and is returned as sent.
    /// </summary>
    /// <param name="headerValue">The value, starting with <c>OAuth</c> (any case); a <c>WWW-Authenticate</c> challenge has the same form.</param>
    /// <returns>The parameters, in order, values decoded.</returns>
    /// <exception cref="FormatException">The value is not an OAuth header or a parameter is malformed.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseDecoded(string headerValue)
    {
        IReadOnlyList<KeyValuePair<string, string>> sent = Parse(headerValue);
        var decoded = new KeyValuePair<string, string>[sent.Count];
        for (int i = 0; i < sent.Count; i++)
        {
            var pair = sent[i];
            decoded[i] = pair.Key == OAuth1Parameters.Realm ? pair : new(pair.Key, OAuth1PercentEncoding.Decode(pair.Value));
        }

        return decoded;
    }

    private static void AppendQuotedStringContent(ref PooledByteBuffer buffer, string value)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (Rune rune in value.EnumerateRunes())
        {
            if (rune.Value is '"' or '\\')
            {
                buffer.Append((byte)'\\');
            }

            buffer.Append(utf8[..rune.EncodeToUtf8(utf8)]);
        }
    }
}
