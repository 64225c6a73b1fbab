using System.Security.Cryptography;
using System.Text;

namespace OAuth1.Generator.Tests.Integration;

/// <summary>
/// RFC 5849 section 3.4 written out again in test code, sharing nothing with the engine: a second opinion on HMAC-SHA1
/// signatures of requests the provider received (Authorization header placement).
/// </summary>
internal static class IndependentSignatureCheck
{
    public static (string BaseString, bool Valid) Check(ReceivedRequest request, Uri provider, string consumerSecret, string tokenSecret)
    {
        var pairs = new List<(string Name, string Value)>();
        int question = request.RawTarget.IndexOf('?');
        string path = question < 0 ? request.RawTarget : request.RawTarget[..question];
        if (question >= 0)
        {
            pairs.AddRange(ParseForm(request.RawTarget[(question + 1)..]));
        }

        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            pairs.AddRange(ParseForm(request.BodyText));
        }

        string? signature = null;
        string header = request.Authorization ?? throw new InvalidOperationException("Header placement expected.");
        foreach (string part in header["OAuth ".Length..].Split(','))
        {
            string[] nameValue = part.Trim().Split('=', 2);
            string value = Uri.UnescapeDataString(nameValue[1].Trim('"'));
            if (nameValue[0] == "oauth_signature")
            {
                signature = value;
            }
            else if (nameValue[0] != "realm")
            {
                pairs.Add((nameValue[0], value));
            }
        }

        string normalized = string.Join("&", pairs
            .Select(p => (Name: Encode(p.Name), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
        string baseUri = $"{provider.Scheme}://{provider.Host}:{provider.Port}{path}";
        string baseString = $"{request.Method}&{Encode(baseUri)}&{Encode(normalized)}";
        byte[] key = Encoding.ASCII.GetBytes(Encode(consumerSecret) + "&" + Encode(tokenSecret));
        string expected = Convert.ToBase64String(HMACSHA1.HashData(key, Encoding.ASCII.GetBytes(baseString)));
        return (baseString, expected == signature);
    }

    /// <summary>RFC 3986 unreserved characters kept, every other UTF-8 byte as upper-case <c>%XX</c>.</summary>
    private static string Encode(string value) => Uri.EscapeDataString(value);

    private static IEnumerable<(string, string)> ParseForm(string text) =>
        text.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            string[] parts = pair.Split('=', 2);
            return (Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : string.Empty);
        });

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
