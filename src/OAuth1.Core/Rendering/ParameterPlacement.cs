using System.Text;

namespace OAuth1;

/// <summary>
/// Puts parameters into a query (RFC 5849 section 3.5.3) or a form body (section 3.5.2), appended after what is
/// already there, each name and value percent-encoded. The one place that appends to a query or a form.
/// </summary>
internal static class ParameterPlacement
{
    /// <summary>
    /// Appends encoded <c>name=value&amp;…</c> pairs to the query of <paramref name="url"/>. The fragment is dropped when
    /// the URL is a request's (it is never sent), and kept after the query otherwise (an authorization URL).
    /// </summary>
    public static string AppendToQuery(string url, ReadOnlySpan<byte> encodedPairs, bool keepFragment)
    {
        int hash = url.IndexOf('#', StringComparison.Ordinal);
        ReadOnlySpan<char> main = hash < 0 ? url : url.AsSpan(0, hash);
        ReadOnlySpan<char> fragment = hash < 0 || !keepFragment ? default : url.AsSpan(hash);
        if (encodedPairs.IsEmpty)
        {
            return string.Concat(main, fragment);
        }

        ReadOnlySpan<char> separator = !main.Contains('?') ? "?" : main[^1] is '?' or '&' ? default : "&";
        int length = main.Length + separator.Length + encodedPairs.Length + fragment.Length;
        char[]? rented = null;
        Span<char> chars = length <= 1024 ? stackalloc char[1024] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(length));
        main.CopyTo(chars);
        separator.CopyTo(chars[main.Length..]);
        int pairsStart = main.Length + separator.Length;
        Encoding.ASCII.GetChars(encodedPairs, chars[pairsStart..]);
        fragment.CopyTo(chars[(pairsStart + encodedPairs.Length)..]);
        string result = new(chars[..length]);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }

    /// <summary>Appends the protocol parameters to a request URI's query (query placement).</summary>
    public static string AppendToQuery(string absoluteUri, in ParameterCollection protocol) =>
        AppendToQuery(absoluteUri, Encoding.ASCII.GetBytes(protocol.ToPairsString()), keepFragment: false);

    /// <summary>Appends the protocol parameters to a form body (body placement).</summary>
    public static byte[] AppendToForm(ReadOnlySpan<byte> body, in ParameterCollection protocol)
    {
        var pairs = new PooledByteBuffer(256);
        try
        {
            protocol.WritePairs(ref pairs);
            ReadOnlySpan<byte> encoded = pairs.WrittenSpan;
            bool separator = !body.IsEmpty && !encoded.IsEmpty && body[^1] != '&';
            byte[] combined = new byte[body.Length + (separator ? 1 : 0) + encoded.Length];
            body.CopyTo(combined);
            if (separator)
            {
                combined[body.Length] = (byte)'&';
            }

            encoded.CopyTo(combined.AsSpan(combined.Length - encoded.Length));
            return combined;
        }
        finally
        {
            pairs.ClearAndDispose();
        }
    }

    /// <summary>Appends named values to a URL's query, keeping its fragment (an authorization URL).</summary>
    public static string AppendToQuery(string url, IEnumerable<KeyValuePair<string, string>> parameters, bool keepFragment)
    {
        var list = new ParameterCollection(512);
        var pairs = new PooledByteBuffer(256);
        try
        {
            foreach (var pair in parameters)
            {
                list.Add(pair.Key, pair.Value);
            }

            list.WritePairs(ref pairs);
            return AppendToQuery(url, pairs.WrittenSpan, keepFragment);
        }
        finally
        {
            pairs.Dispose();
            list.Dispose();
        }
    }
}
