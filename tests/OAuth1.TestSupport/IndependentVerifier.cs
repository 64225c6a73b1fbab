using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OAuth1.TestSupport;

/// <summary>
/// A server-side RFC 5849 verifier written for these tests only, independently of OAuth1.Core (it shares no code
/// with the signer): it parses the request as it arrived on the wire (raw target, Authorization header, body bytes),
/// builds the signature base string by the RFC's rules and checks the signature with the client's secrets or RSA
/// public key. A disagreement between the signer and this code fails the tests. It reads the client's secrets from
/// the same <see cref="FakeCredentialStore"/> as the engine's verifier, without using OAuth1.Core to check anything.
/// </summary>
public sealed class IndependentVerifier
{
    private readonly ConcurrentDictionary<string, byte> _nonces = new(StringComparer.Ordinal);
    private readonly FakeCredentialStore _credentials;

    /// <summary>A verifier of one client's requests.</summary>
    /// <param name="credentials">Where the client's secret, RSA public key and tokens are.</param>
    /// <param name="consumerKey">The client; requests of any other are refused.</param>
    public IndependentVerifier(FakeCredentialStore credentials, string consumerKey)
    {
        _credentials = credentials;
        ConsumerKey = consumerKey;
        TokenSecrets = new TokenSecretTable(credentials, consumerKey);
    }

    public string ConsumerKey { get; }

    /// <summary>Token → token secret of the client (in the credential store); tests add users while the server runs.</summary>
    public TokenSecretTable TokenSecrets { get; }

    public VerificationResult Verify(string method, string scheme, string host, string rawTarget, string? authorization, string? contentType, string? contentEncoding, byte[] body)
    {
        var result = new VerificationResult();
        int q = rawTarget.IndexOf('?');
        string path = q < 0 ? rawTarget : rawTarget[..q];
        string? query = q < 0 ? null : rawTarget[(q + 1)..];
        bool formBody = IsForm(contentType) && string.IsNullOrEmpty(contentEncoding);

        List<(string Name, string Value)> queryPairs = ParseForm(query);
        List<(string Name, string Value)> bodyPairs = formBody ? ParseForm(Encoding.UTF8.GetString(body)) : [];
        List<(string Name, string Value)> headerPairs = ParseAuthorization(authorization);
        result.QueryParameters = queryPairs;
        result.BodyParameters = bodyPairs;

        var locations = new List<string>();
        if (headerPairs.Count > 0)
        {
            locations.Add("Header");
        }

        if (queryPairs.Any(p => p.Name.StartsWith("oauth_", StringComparison.Ordinal)))
        {
            locations.Add("Query");
        }

        if (bodyPairs.Any(p => p.Name.StartsWith("oauth_", StringComparison.Ordinal)))
        {
            locations.Add("Body");
        }

        if (locations.Count != 1)
        {
            return result.Fail("parameter_absent", locations.Count == 0 ? "no protocol parameters" : "protocol parameters in " + string.Join(" and ", locations));
        }

        result.Location = locations[0];
        List<(string Name, string Value)> protocolSource = result.Location switch
        {
            "Header" => headerPairs,
            "Query" => queryPairs,
            _ => bodyPairs,
        };
        var protocol = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in protocolSource.Where(p => p.Name.StartsWith("oauth_", StringComparison.Ordinal)))
        {
            if (!protocol.TryAdd(name, value))
            {
                return result.Fail("parameter_rejected", "duplicate " + name);
            }
        }

        result.Protocol = protocol;
        foreach (string required in new[] { "oauth_consumer_key", "oauth_signature_method", "oauth_signature", "oauth_timestamp", "oauth_nonce" })
        {
            if (!protocol.ContainsKey(required))
            {
                return result.Fail("parameter_absent", "missing " + required);
            }
        }

        if (protocol.TryGetValue("oauth_version", out string? version) && version != "1.0")
        {
            return result.Fail("version_rejected", "version " + version);
        }

        if (protocol["oauth_consumer_key"] != ConsumerKey)
        {
            return result.Fail("consumer_key_unknown", "unknown consumer");
        }

        string tokenSecret = string.Empty;
        if (protocol.TryGetValue("oauth_token", out string? token))
        {
            result.Token = token;
            if (_credentials.FindTokenSecret(ConsumerKey, token) is not { } secret)
            {
                return result.Fail("token_rejected", "unknown token");
            }

            tokenSecret = secret;
        }

        long timestamp = long.Parse(protocol["oauth_timestamp"], NumberStyles.None, CultureInfo.InvariantCulture);
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp) > 300)
        {
            return result.Fail("timestamp_refused", "timestamp out of range");
        }

        result.Nonce = protocol["oauth_nonce"];
        result.SignatureMethod = protocol["oauth_signature_method"];

        if (protocol.TryGetValue("oauth_body_hash", out string? bodyHash))
        {
            if (formBody)
            {
                return result.Fail("parameter_rejected", "oauth_body_hash with a form body");
            }

            string expectedHash = Convert.ToBase64String(SHA1.HashData(body));
            if (bodyHash != expectedHash)
            {
                return result.Fail("body_hash_invalid", "body hash mismatch");
            }

            result.BodyHash = bodyHash;
        }

        // RFC 5849 3.4.1.3: query + form body + Authorization header (less realm), all but oauth_signature.
        var all = new List<(string Name, string Value)>();
        all.AddRange(queryPairs);
        all.AddRange(bodyPairs);
        all.AddRange(headerPairs.Where(p => p.Name != "realm"));
        var encoded = all.Where(p => p.Name != "oauth_signature")
            .Select(p => (Name: Encode(p.Name), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value);
        string normalized = string.Join("&", encoded);
        string baseUri = scheme.ToLowerInvariant() + "://" + NormalizeHost(scheme, host) + path;
        string baseString = method.ToUpperInvariant() + "&" + Encode(baseUri) + "&" + Encode(normalized);
        result.BaseString = baseString;

        string signature = protocol["oauth_signature"];
        OAuth1ConsumerCredentials consumer = _credentials.FindConsumer(ConsumerKey)!;
        string key = Encode(consumer.ConsumerSecret) + "&" + Encode(tokenSecret);
        byte[] baseBytes = Encoding.ASCII.GetBytes(baseString);
        bool valid = result.SignatureMethod switch
        {
            "HMAC-SHA1" => signature == Convert.ToBase64String(HMACSHA1.HashData(Encoding.ASCII.GetBytes(key), baseBytes)),
            "HMAC-SHA256" => signature == Convert.ToBase64String(HMACSHA256.HashData(Encoding.ASCII.GetBytes(key), baseBytes)),
            "HMAC-SHA512" => signature == Convert.ToBase64String(HMACSHA512.HashData(Encoding.ASCII.GetBytes(key), baseBytes)),
            "PLAINTEXT" => signature == key,
            "RSA-SHA1" => VerifyRsa(consumer.RsaPublicKey, baseBytes, signature, HashAlgorithmName.SHA1),
            "RSA-SHA256" => VerifyRsa(consumer.RsaPublicKey, baseBytes, signature, HashAlgorithmName.SHA256),
            "RSA-SHA512" => VerifyRsa(consumer.RsaPublicKey, baseBytes, signature, HashAlgorithmName.SHA512),
            _ => false,
        };
        if (!valid)
        {
            return result.Fail("signature_invalid", "signature mismatch for " + result.SignatureMethod);
        }

        // Replay check after the signature, so a forged request cannot burn a nonce.
        if (!_nonces.TryAdd($"{token}|{timestamp}|{result.Nonce}", 0))
        {
            return result.Fail("nonce_used", "nonce replayed");
        }

        result.Verified = true;
        return result;
    }

    public static bool IsForm(string? contentType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>RFC 5849 3.6: UTF-8, then everything but ALPHA / DIGIT / - . _ ~ as %XX, upper-case hex.</summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            char c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>application/x-www-form-urlencoded: split on &amp;, then on the first =, '+' is a space, %XX a byte of UTF-8.</summary>
    public static List<(string Name, string Value)> ParseForm(string? text)
    {
        var pairs = new List<(string, string)>();
        if (string.IsNullOrEmpty(text))
        {
            return pairs;
        }

        foreach (string part in text.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            int eq = part.IndexOf('=');
            string name = eq < 0 ? part : part[..eq];
            string value = eq < 0 ? string.Empty : part[(eq + 1)..];
            pairs.Add((PercentDecode(name.Replace('+', ' ')), PercentDecode(value.Replace('+', ' '))));
        }

        return pairs;
    }

    /// <summary>Decodes %XX escapes as bytes of UTF-8 (and nothing else).</summary>
    public static string PercentDecode(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length
                && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out byte b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool VerifyRsa(RSA? publicKey, byte[] baseBytes, string signature, HashAlgorithmName hash)
    {
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return publicKey?.VerifyData(baseBytes, raw, hash, RSASignaturePadding.Pkcs1) == true;
    }

    private static List<(string Name, string Value)> ParseAuthorization(string? header)
    {
        var pairs = new List<(string, string)>();
        if (header is null || !header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase))
        {
            return pairs;
        }

        foreach (string part in header[6..].Split(','))
        {
            string item = part.Trim();
            int eq = item.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            string value = item[(eq + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            {
                value = value[1..^1];
            }

            pairs.Add((PercentDecode(item[..eq].Trim()), PercentDecode(value)));
        }

        return pairs;
    }

    private static string NormalizeHost(string scheme, string host)
    {
        host = host.ToLowerInvariant();
        if ((scheme == "http" && host.EndsWith(":80", StringComparison.Ordinal)) || (scheme == "https" && host.EndsWith(":443", StringComparison.Ordinal)))
        {
            host = host[..host.LastIndexOf(':')];
        }

        return host;
    }
}

/// <summary>Sets the token secrets of one client in a <see cref="FakeCredentialStore"/>: <c>verifier.TokenSecrets[token] = secret</c>.</summary>
public sealed class TokenSecretTable(FakeCredentialStore credentials, string consumerKey)
{
    /// <summary>Registers (or replaces) a token's secret.</summary>
    /// <param name="token">The token.</param>
    public string this[string token]
    {
        set => credentials.AddToken(consumerKey, token, value);
    }
}

/// <summary>What <see cref="IndependentVerifier"/> concluded, and what it read.</summary>
public sealed class VerificationResult
{
    public bool Verified { get; set; }

    public string? Problem { get; private set; }

    public string? Failure { get; private set; }

    public string? Location { get; set; }

    public string? Token { get; set; }

    public string? Nonce { get; set; }

    public string? SignatureMethod { get; set; }

    public string? BodyHash { get; set; }

    public string? BaseString { get; set; }

    public Dictionary<string, string> Protocol { get; set; } = new(StringComparer.Ordinal);

    public List<(string Name, string Value)> QueryParameters { get; set; } = [];

    public List<(string Name, string Value)> BodyParameters { get; set; } = [];

    public VerificationResult Fail(string problem, string failure)
    {
        Problem = problem;
        Failure = failure;
        return this;
    }
}
