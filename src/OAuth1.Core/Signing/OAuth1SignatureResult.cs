namespace OAuth1;

/// <summary>What signing a request produces, for debugging: see <see cref="OAuth1Signer.ComputeSignatureAsync"/>.</summary>
public sealed class OAuth1SignatureResult
{
    internal OAuth1SignatureResult(string baseString, string signature, IReadOnlyList<KeyValuePair<string, string>> protocolParameters, string authorizationHeader)
    {
        BaseString = baseString;
        Signature = signature;
        ProtocolParameters = protocolParameters;
        AuthorizationHeader = authorizationHeader;
    }

    /// <summary>The signature base string (RFC 5849 section 3.4.1.1).</summary>
    public string BaseString { get; }

    /// <summary>The <c>oauth_signature</c> value, not percent-encoded. For PLAINTEXT this is the secrets themselves.</summary>
    public string Signature { get; }

    /// <summary>The protocol parameters in the order they are sent, <c>oauth_signature</c> last.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ProtocolParameters { get; }

    /// <summary>The <c>Authorization</c> header value for header placement.</summary>
    public string AuthorizationHeader { get; }

    /// <summary>The base string (no secrets; the signature is left out since PLAINTEXT's is the secrets).</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"OAuth1SignatureResult {{ BaseString = {BaseString} }}";
}
