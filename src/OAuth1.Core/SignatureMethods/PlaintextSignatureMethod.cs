namespace OAuth1;

/// <summary>
/// PLAINTEXT (RFC 5849 section 3.4.4): the signature is the encoded client secret, <c>&amp;</c>, and the encoded
/// token secret. It sends the secrets themselves, so it is refused over plain HTTP unless the caller opts in.
/// </summary>
internal sealed class PlaintextSignatureMethod() : OAuth1SignatureMethod("PLAINTEXT")
{
    public override bool RevealsSecrets => true;

    public override string Sign(ReadOnlySpan<byte> baseString, string consumerSecret, string tokenSecret) =>
        System.Text.Encoding.ASCII.GetString(SigningKey.For(consumerSecret, tokenSecret));

    /// <inheritdoc />
    internal override void AddSignature(ref ParameterCollection list, ReadOnlySpan<byte> baseString, string consumerSecret, string tokenSecret) =>
        list.Add(OAuth1Parameters.Signature, SigningKey.For(consumerSecret, tokenSecret));
}
