using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace OAuth1.AspNetCore;

/// <summary>The events of an OAuth 1.0a resource-protection scheme.</summary>
public class OAuth1SignatureEvents
{
    /// <summary>Called when a request verified: add claims to the context's <c>Principal</c>, or call <see cref="ResultContext{TOptions}.Fail(string)"/>.</summary>
    public Func<OAuth1SignatureValidatedContext, Task> OnValidated { get; set; } = _ => Task.CompletedTask;

    /// <summary>Calls <see cref="OnValidated"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>A task.</returns>
    public virtual Task Validated(OAuth1SignatureValidatedContext context) => OnValidated(context);
}

/// <summary>A request that verified, before its principal is used.</summary>
public sealed class OAuth1SignatureValidatedContext : ResultContext<OAuth1SignatureAuthenticationOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="options">The scheme's options.</param>
    /// <param name="principal">The principal, with the <c>oauth_consumer_key</c> and <c>oauth_token</c> claims.</param>
    /// <param name="verification">What the verifier found.</param>
    public OAuth1SignatureValidatedContext(
        HttpContext context,
        AuthenticationScheme scheme,
        OAuth1SignatureAuthenticationOptions options,
        ClaimsPrincipal principal,
        OAuth1VerificationResult verification)
        : base(context, scheme, options)
    {
        Principal = principal;
        Verification = verification;
    }

    /// <summary>What the verifier found (every parameter but the signature).</summary>
    public OAuth1VerificationResult Verification { get; }
}
