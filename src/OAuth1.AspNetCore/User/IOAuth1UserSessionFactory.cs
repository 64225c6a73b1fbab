using Microsoft.AspNetCore.Http;

namespace OAuth1.AspNetCore;

/// <summary>
/// Makes what a page needs to call the provider's API on the signed-in user's behalf, from a scheme's settings and
/// the token saved in the user's ticket: an <see cref="OAuth1Session"/>, or <see cref="OAuth1Options"/> for a
/// generated client or an <see cref="OAuth1Handler"/>.
/// </summary>
/// <remarks>
/// Sessions send through the scheme's <see cref="Microsoft.AspNetCore.Authentication.RemoteAuthenticationOptions.BackchannelHttpHandler"/>,
/// which they do not own: dispose each session (it is an <see cref="HttpClient"/>) when done; the connection pool
/// stays. Registered as a singleton by <c>AddOAuth1</c>.
/// </remarks>
public interface IOAuth1UserSessionFactory
{
    /// <summary>
    /// A session signed with the scheme's client credentials and the user's access token, for <c>GetAsync</c> and the
    /// other <see cref="HttpClient"/> methods.
    /// </summary>
    /// <param name="httpContext">The current request.</param>
    /// <param name="scheme">The OAuth 1.0a scheme; the only one registered when <see langword="null"/>.</param>
    /// <returns>A session to dispose, or <see langword="null"/> when the user did not sign in with this scheme (or tokens are not saved).</returns>
    /// <exception cref="InvalidOperationException">The scheme is not an OAuth 1.0a scheme, or several are registered and none is named.</exception>
    Task<OAuth1Session?> CreateUserSessionAsync(HttpContext httpContext, string? scheme = null);

    /// <summary>The user's signing options (the scheme's client credentials and the user's token), for a generated client: <c>new MyApiClient(httpClient, options)</c>.</summary>
    /// <param name="httpContext">The current request.</param>
    /// <param name="scheme">The OAuth 1.0a scheme; the only one registered when <see langword="null"/>.</param>
    /// <returns>New options, or <see langword="null"/> when the user did not sign in with this scheme.</returns>
    /// <exception cref="InvalidOperationException">The scheme is not an OAuth 1.0a scheme, or several are registered and none is named.</exception>
    Task<OAuth1Options?> CreateUserOptionsAsync(HttpContext httpContext, string? scheme = null);

    /// <summary>
    /// The scheme's signing options with <paramref name="token"/>, or with no token: for one shared
    /// <see cref="OAuth1Handler"/> or client that signs each request for its user through
    /// <see cref="OAuth1RequestOptions.Token"/>.
    /// </summary>
    /// <param name="scheme">The OAuth 1.0a scheme; the only one registered when <see langword="null"/>.</param>
    /// <param name="token">A token to sign with, or <see langword="null"/>.</param>
    /// <returns>New options (consumer key and secret, method, placement, realm).</returns>
    /// <exception cref="InvalidOperationException">The scheme is not an OAuth 1.0a scheme, or several are registered and none is named.</exception>
    OAuth1Options CreateOptions(string? scheme = null, OAuth1Token? token = null);

    /// <summary>A session signed with the scheme's client credentials and <paramref name="token"/> (a token you stored yourself), over the scheme's backchannel.</summary>
    /// <param name="scheme">The OAuth 1.0a scheme; the only one registered when <see langword="null"/>.</param>
    /// <param name="token">The token, or <see langword="null"/> for two-legged calls.</param>
    /// <returns>A session to dispose.</returns>
    /// <exception cref="InvalidOperationException">The scheme is not an OAuth 1.0a scheme, or several are registered and none is named.</exception>
    OAuth1Session CreateSession(string? scheme = null, OAuth1Token? token = null);
}
