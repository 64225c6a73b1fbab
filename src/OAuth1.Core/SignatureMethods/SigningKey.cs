namespace OAuth1;

/// <summary>
/// The signing key of RFC 5849 sections 3.4.2 and 3.4.4: the encoded consumer secret, <c>&amp;</c>, the encoded token
/// secret. Building it costs two encodings, so each thread keeps the last key it built while the same secrets repeat;
/// a replaced key's bytes are wiped.
/// </summary>
internal static class SigningKey
{
    [ThreadStatic]
    private static Cached? t_last;

    /// <summary>The key bytes for these secrets. Do not keep or change the array: the next key may wipe it.</summary>
    public static byte[] For(string? consumerSecret, string? tokenSecret)
    {
        consumerSecret ??= string.Empty;
        tokenSecret ??= string.Empty;
        Cached? last = t_last;
        if (last is not null && string.Equals(last.ConsumerSecret, consumerSecret, StringComparison.Ordinal)
            && string.Equals(last.TokenSecret, tokenSecret, StringComparison.Ordinal))
        {
            return last.Bytes;
        }

        var buffer = new PooledByteBuffer(64);
        try
        {
            OAuth1PercentEncoding.AppendEncoded(ref buffer, consumerSecret.AsSpan());
            buffer.Append((byte)'&');
            OAuth1PercentEncoding.AppendEncoded(ref buffer, tokenSecret.AsSpan());
            byte[] bytes = buffer.WrittenSpan.ToArray();
            if (last is not null)
            {
                Array.Clear(last.Bytes);
            }

            t_last = new Cached(consumerSecret, tokenSecret, bytes);
            return bytes;
        }
        finally
        {
            buffer.ClearAndDispose();
        }
    }

    private sealed class Cached(string consumerSecret, string tokenSecret, byte[] bytes)
    {
        public string ConsumerSecret { get; } = consumerSecret;

        public string TokenSecret { get; } = tokenSecret;

        public byte[] Bytes { get; } = bytes;

        public override string ToString() => "SigningKey (hidden)";
    }
}
