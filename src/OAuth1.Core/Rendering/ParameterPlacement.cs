using System.Text;

namespace OAuth1;

/// <summary>
/// Query (RFC 5849 section 3.5.3) and form body (section 3.5.2) placement: the parameters are appended after what
/// the request already carries, which is kept byte for byte (never decoded and encoded again). Appended parameters
/// are written non-<c>oauth_*</c> first, then <c>oauth_*</c>, each group in its given order (as oauthlib does).
/// </summary>
internal static class ParameterPlacement
{
    /// <summary>Orders parameters for appending: a stable partition, non-<c>oauth_*</c> first.</summary>
    public static List<KeyValuePair<string, string>> OrderForAppending(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var ordered = new List<KeyValuePair<string, string>>();
        var protocol = new List<KeyValuePair<string, string>>();
        foreach (var pair in parameters)
        {
            (pair.Key.StartsWith("oauth_", StringComparison.Ordinal) ? protocol : ordered).Add(pair);
        }

        ordered.AddRange(protocol);
        return ordered;
    }

    /// <summary>Appends parameters to the query of an escaped absolute URI (its fragment dropped).</summary>
    public static string AppendToQuery(string absoluteUri, ReadOnlySpan<KeyValuePair<string, string>> parameters)
    {
        int fragment = absoluteUri.IndexOf('#');
        string withoutFragment = fragment < 0 ? absoluteUri : absoluteUri[..fragment];
        string encoded = Encode(parameters);
        if (encoded.Length == 0)
        {
            return withoutFragment;
        }

        int question = withoutFragment.IndexOf('?');
        string separator = question < 0 ? "?" : (withoutFragment.EndsWith('?') || withoutFragment.EndsWith('&') ? "" : "&");
        return string.Concat(withoutFragment, separator, encoded);
    }

    /// <summary>Appends parameters to form body bytes.</summary>
    public static byte[] AppendToForm(ReadOnlySpan<byte> body, ReadOnlySpan<KeyValuePair<string, string>> parameters)
    {
        string encoded = Encode(parameters);
        bool separator = !body.IsEmpty && encoded.Length > 0 && body[^1] != '&';
        byte[] combined = new byte[body.Length + (separator ? 1 : 0) + encoded.Length];
        body.CopyTo(combined);
        if (separator)
        {
            combined[body.Length] = (byte)'&';
        }

        Encoding.ASCII.GetBytes(encoded, combined.AsSpan(combined.Length - encoded.Length));
        return combined;
    }

    private static string Encode(ReadOnlySpan<KeyValuePair<string, string>> parameters)
    {
        var buffer = new PooledByteBuffer(256);
        try
        {
            foreach (var pair in OrderForAppending(parameters.ToArray()))
            {
                if (buffer.Length > 0)
                {
                    buffer.Append((byte)'&');
                }

                OAuth1PercentEncoding.AppendEncoded(ref buffer, pair.Key.AsSpan());
                buffer.Append((byte)'=');
                OAuth1PercentEncoding.AppendEncoded(ref buffer, pair.Value.AsSpan());
            }

            return Encoding.ASCII.GetString(buffer.WrittenSpan);
        }
        finally
        {
            buffer.Dispose();
        }
    }
}
