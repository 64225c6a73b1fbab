using System.Text;

namespace OAuth1;

/// <summary>
/// The key that HMAC and PLAINTEXT use (RFC 5849 section 3.4.2): the encoded client secret, <c>&amp;</c>, and the
/// encoded token secret. Immutable; never printed.
/// </summary>
internal sealed class SigningKey
{
    private readonly string _consumerSecret;
    private readonly string _tokenSecret;

    public SigningKey(string consumerSecret, string tokenSecret)
    {
        _consumerSecret = consumerSecret ?? string.Empty;
        _tokenSecret = tokenSecret ?? string.Empty;
        var buffer = new PooledByteBuffer(64);
        try
        {
            OAuth1PercentEncoding.AppendEncoded(ref buffer, _consumerSecret.AsSpan());
            buffer.Append((byte)'&');
            OAuth1PercentEncoding.AppendEncoded(ref buffer, _tokenSecret.AsSpan());
            Bytes = buffer.WrittenSpan.ToArray();
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>The key as ASCII bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>The key as text (the PLAINTEXT signature).</summary>
    public string Text => Encoding.ASCII.GetString(Bytes);

    public bool Matches(string consumerSecret, string tokenSecret) =>
        string.Equals(_consumerSecret, consumerSecret ?? string.Empty, StringComparison.Ordinal)
        && string.Equals(_tokenSecret, tokenSecret ?? string.Empty, StringComparison.Ordinal);

    public override string ToString() => "SigningKey (hidden)";
}
