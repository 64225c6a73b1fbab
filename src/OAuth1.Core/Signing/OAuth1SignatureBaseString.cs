using System.Text;

namespace OAuth1;

/// <summary>
/// The signature base string of RFC 5849 section 3.4.1.1: the upper-case HTTP method, the encoded base string URI
/// (section 3.4.1.2) and the encoded normalised parameters (section 3.4.1.3), joined by <c>&amp;</c>. These helpers
/// are public so that an "invalid signature" answer can be debugged by comparing base strings; to see what a whole
/// request signs, use <see cref="OAuth1Signer.ComputeSignatureAsync"/>.
/// </summary>
public static class OAuth1SignatureBaseString
{
    /// <summary>The base string URI (section 3.4.1.2) of <paramref name="uri"/>, e.g. <c>http://example.com/r%20v/X</c>.</summary>
    /// <param name="uri">An absolute URI.</param>
    /// <returns>The base string URI.</returns>
    /// <exception cref="ArgumentException">The URI is relative or has no usable host or port.</exception>
    public static string GetBaseStringUri(Uri uri) => BaseStringUri.Parse(uri, nameof(uri)).ToString();

    /// <summary>
    /// Normalises parameters (section 3.4.1.3.2): each name and value encoded, sorted by name then value in ordinal
    /// byte order, joined as <c>name=value</c> with <c>&amp;</c>.
    /// </summary>
    /// <param name="parameters">Decoded parameters; duplicates and empty values are kept.</param>
    /// <returns>The normalised parameter string.</returns>
    public static string NormalizeParameters(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var collection = new ParameterCollection(256);
        var output = new PooledByteBuffer(256);
        try
        {
            foreach (var pair in parameters)
            {
                collection.Add(pair.Key, pair.Value);
            }

            collection.Sort();
            collection.WritePairs(ref output);
            return Encoding.ASCII.GetString(output.WrittenSpan);
        }
        finally
        {
            output.Dispose();
            collection.Dispose();
        }
    }

    /// <summary>
    /// Builds a signature base string from a method, a URI and the complete decoded parameter list. The URI's query
    /// is not read here: pass its parameters in <paramref name="parameters"/> (section 3.4.1.3.1 lists the sources).
    /// </summary>
    /// <param name="method">The HTTP method (written in upper case).</param>
    /// <param name="uri">The absolute request URI.</param>
    /// <param name="parameters">Every request parameter, decoded: query, form body and protocol parameters, without <c>realm</c> and <c>oauth_signature</c>.</param>
    /// <returns>The signature base string.</returns>
    public static string Create(string method, Uri uri, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(parameters);
        BaseStringUri baseUri = BaseStringUri.Parse(uri, nameof(uri));
        var collection = new ParameterCollection(256);
        var output = new PooledByteBuffer(512);
        try
        {
            foreach (var pair in parameters)
            {
                collection.Add(pair.Key, pair.Value);
            }

            Write(ref output, method, baseUri, ref collection);
            return Encoding.ASCII.GetString(output.WrittenSpan);
        }
        finally
        {
            output.Dispose();
            collection.Dispose();
        }
    }

    /// <summary>Sorts <paramref name="parameters"/> and writes the base string into <paramref name="output"/>.</summary>
    internal static void Write(ref PooledByteBuffer output, ReadOnlySpan<char> method, BaseStringUri uri, ref ParameterCollection parameters)
    {
        Span<byte> upper = output.GetSpan(method.Length);
        for (int i = 0; i < method.Length; i++)
        {
            char c = method[i];
            upper[i] = (byte)(c is >= 'a' and <= 'z' ? c - 32 : c);
        }

        output.Advance(method.Length);
        output.Append((byte)'&');
        uri.WriteEncoded(ref output);
        output.Append((byte)'&');
        parameters.Sort();
        parameters.WriteNormalizedEncodedAgain(ref output);
    }
}
