namespace OAuth1.AspNetCore;

/// <summary>
/// The verification of the current request by an OAuth 1.0a resource-protection scheme, in
/// <c>HttpContext.Features</c>: the endpoint reads the callback, the verifier and every other parameter (the signature
/// is never there), so a provider's own token endpoints can use the scheme.
/// </summary>
/// <example><c>OAuth1VerificationResult? verified = context.Features.Get&lt;IOAuth1VerificationFeature&gt;()?.Result;</c></example>
public interface IOAuth1VerificationFeature
{
    /// <summary>What the verifier found.</summary>
    OAuth1VerificationResult Result { get; }
}

/// <summary>The default <see cref="IOAuth1VerificationFeature"/>.</summary>
/// <param name="result">What the verifier found.</param>
public sealed class OAuth1VerificationFeature(OAuth1VerificationResult result) : IOAuth1VerificationFeature
{
    /// <inheritdoc />
    public OAuth1VerificationResult Result { get; } = result;
}
