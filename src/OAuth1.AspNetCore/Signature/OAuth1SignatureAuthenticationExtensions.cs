using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OAuth1.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OAuth 1.0a resource protection: endpoints that accept requests signed with OAuth 1.0a.</summary>
/// <example>
/// <code>
/// builder.Services.AddSingleton&lt;IOAuth1CredentialStore, MyClients&gt;();
/// builder.Services.AddAuthentication().AddOAuth1Signature("lti", o =&gt; o.Realm = "tools");
/// app.MapPost("/lti/launch", [Authorize(AuthenticationSchemes = "lti")] (HttpContext context) =&gt;
///     context.Features.Get&lt;IOAuth1VerificationFeature&gt;()!.Result.ConsumerKey);
/// </code>
/// </example>
public static class OAuth1SignatureAuthenticationExtensions
{
    /// <summary>
    /// Adds a scheme that authenticates requests signed with OAuth 1.0a, verified by <see cref="OAuth1.OAuth1RequestVerifier"/>.
    /// Clients and tokens come from the <see cref="OAuth1.IOAuth1CredentialStore"/> registered in the services; nonces go
    /// to the registered <see cref="OAuth1.IOAuth1NonceStore"/> (share one between instances), else to an in-memory store
    /// for the scheme.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configureOptions">Adjusts the options, or <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static AuthenticationBuilder AddOAuth1Signature(
        this AuthenticationBuilder builder,
        string authenticationScheme,
        Action<OAuth1SignatureAuthenticationOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        builder.Services.TryAddSingleton<OAuth1SignatureNonceStores>();
        return builder.AddScheme<OAuth1SignatureAuthenticationOptions, OAuth1SignatureAuthenticationHandler>(authenticationScheme, displayName: null, configureOptions);
    }
}
