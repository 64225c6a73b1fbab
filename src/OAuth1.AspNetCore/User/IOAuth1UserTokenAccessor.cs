using Microsoft.AspNetCore.Http;

namespace OAuth1.AspNetCore;

/// <summary>
/// Reads the signed-in user's OAuth 1.0a access token from the authentication ticket (saved there by
/// <see cref="Microsoft.AspNetCore.Authentication.RemoteAuthenticationOptions.SaveTokens"/>, on by default). Put it
/// in <see cref="OAuth1RequestOptions.Token"/> to sign one request for that user with a shared client (the
/// <see cref="OAuth1Handler"/>, generated clients and the Refit adapter all honour it).
/// </summary>
/// <remarks>
/// <para>The token is the one issued by the named scheme: a user signed in with another scheme, or not signed in,
/// has none (<see langword="null"/>). The scheme may be left out when exactly one OAuth 1.0a scheme is registered.</para>
/// <para>Registered as a singleton by <c>AddOAuth1</c>.</para>
/// </remarks>
public interface IOAuth1UserTokenAccessor
{
    /// <summary>The access token of the user of <paramref name="httpContext"/>, from the scheme's ticket.</summary>
    /// <param name="httpContext">The current request.</param>
    /// <param name="scheme">The OAuth 1.0a scheme; the only one registered when <see langword="null"/>.</param>
    /// <returns>The token (<c>oauth_token</c>, <c>oauth_token_secret</c> and <c>oauth_session_handle</c> when saved), or <see langword="null"/>.</returns>
    /// <exception cref="InvalidOperationException">The scheme is not an OAuth 1.0a scheme, or several are registered and none is named.</exception>
    Task<OAuth1Token?> GetUserTokenAsync(HttpContext httpContext, string? scheme = null);

    /// <summary>
    /// The access token of the current request's user (through <see cref="IHttpContextAccessor"/>), for code that has
    /// no <see cref="HttpContext"/> at hand, such as a token provider of an <c>IHttpClientFactory</c> client.
    /// </summary>
    /// <param name="scheme">The OAuth 1.0a scheme; the only one registered when <see langword="null"/>.</param>
    /// <returns>The token, or <see langword="null"/> outside a request or when the user has none.</returns>
    /// <exception cref="InvalidOperationException">The scheme is not an OAuth 1.0a scheme, or several are registered and none is named.</exception>
    Task<OAuth1Token?> GetCurrentUserTokenAsync(string? scheme = null);
}
