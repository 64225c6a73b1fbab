using System.Diagnostics.CodeAnalysis;

namespace OAuth1;

/// <summary>
/// The OAuth 1.0a three-step flow (RFC 5849 section 2) as an <see cref="HttpClient"/> whose requests are signed, in
/// the shape of Authlib's <c>OAuth1Session</c>: <see cref="FetchRequestTokenAsync"/>, <see cref="CreateAuthorizationUrl"/>,
/// <see cref="ParseAuthorizationResponse"/>, <see cref="FetchAccessTokenAsync"/>, then <c>GetAsync</c> and the other
/// <see cref="HttpClient"/> methods for the protected resources. Also the PIN (<c>oob</c>) flow, xAuth and token refresh.
/// </summary>
/// <remarks>
/// <para>Requests go through an <see cref="OAuth1Handler"/> over the inner handler (by default a
/// <see cref="SocketsHttpHandler"/> with automatic redirects off, as the handler follows same-origin redirects itself
/// and re-signs them).</para>
/// <para>The token calls are made by an <see cref="OAuth1TokenEndpointClient"/>, which takes each step's inputs as
/// arguments: the per-step protocol parameters (<c>oauth_callback</c>, <c>oauth_verifier</c>, <c>realm</c>,
/// <c>oauth_session_handle</c>) travel with their token request only (<see cref="OAuth1RequestOptions.RequestParameters"/>),
/// so other requests in flight on the same session are not affected. The session keeps Authlib's state on top: the
/// <see cref="RedirectUri"/>, the <see cref="Token"/> (in <see cref="Options"/>, replaced atomically) and the
/// <see cref="Verifier"/> between <see cref="ParseAuthorizationResponse"/> and <see cref="FetchAccessTokenAsync"/>.</para>
/// <para>Errors are <see cref="OAuth1Exception"/>s: <see cref="OAuth1ProblemException"/> when a token endpoint refuses,
/// <see cref="OAuth1InvalidTokenResponseException"/> when its answer is not a token,
/// <see cref="OAuth1AuthorizationDeniedException"/> and <see cref="OAuth1CallbackMismatchException"/> for the
/// callback. No message contains a secret.</para>
/// </remarks>
public class OAuth1Session : HttpClient
{
    /// <summary>The <c>oauth_callback</c> value of the out-of-band (PIN) flow (RFC 5849 section 2.1).</summary>
    public const string OutOfBand = "oob";

    private readonly OAuth1Options _options;
    private volatile string? _redirectUri;
    private volatile string? _verifier;

    /// <summary>Creates a session for a client, optionally with a saved token (a request token or an access token).</summary>
    /// <param name="consumerKey">The client identifier.</param>
    /// <param name="consumerSecret">The client shared-secret.</param>
    /// <param name="token">A saved <c>oauth_token</c>, or <see langword="null"/>.</param>
    /// <param name="tokenSecret">Its <c>oauth_token_secret</c>.</param>
    /// <exception cref="ArgumentException">The consumer key is empty, or a token secret is given without a token.</exception>
    public OAuth1Session(string consumerKey, string consumerSecret, string? token = null, string? tokenSecret = null)
        : this(CreateOptions(consumerKey, consumerSecret, token, tokenSecret))
    {
    }

    /// <summary>Creates a session over options (signature method, placement, token, ...) and an inner handler that it then owns.</summary>
    /// <param name="options">The credentials and protocol options; the session keeps and updates them (the token, the callback, the verifier).</param>
    /// <param name="innerHandler">
    /// The handler that sends the signed requests; by default a <see cref="SocketsHttpHandler"/> with
    /// <c>AllowAutoRedirect = false</c>. Turn automatic redirects off on your own: they would re-send requests unsigned.
    /// </param>
    public OAuth1Session(OAuth1Options options, HttpMessageHandler? innerHandler = null)
        : this(options, innerHandler, disposeInnerHandler: true)
    {
    }

    /// <summary>Creates a session over options and an inner handler, saying whether disposing the session disposes that handler.</summary>
    /// <param name="options">The credentials and protocol options.</param>
    /// <param name="innerHandler">The handler that sends the signed requests, or <see langword="null"/> for the default.</param>
    /// <param name="disposeInnerHandler">Whether <see cref="HttpMessageInvoker.Dispose()"/> also disposes <paramref name="innerHandler"/>.</param>
    public OAuth1Session(OAuth1Options options, HttpMessageHandler? innerHandler, bool disposeInnerHandler)
        : base(CreatePipeline(options, innerHandler, disposeInnerHandler), disposeHandler: true)
    {
        _options = options;
    }

    /// <summary>The options the session signs with. The session updates the token in them, and nothing else.</summary>
    public OAuth1Options Options => _options;

    /// <summary>
    /// The callback URI the provider redirects the user to, sent as <c>oauth_callback</c> on the request-token call
    /// only; <see cref="OutOfBand"/> (<c>"oob"</c>) when none is set, for the PIN flow. Setting <see langword="null"/>
    /// goes back to <c>"oob"</c>. It is the session's own state, not <see cref="OAuth1Options.Callback"/> (which
    /// would be sent with every request signed with those options).
    /// </summary>
    [AllowNull]
    public string RedirectUri
    {
        get => string.IsNullOrEmpty(_redirectUri) ? OutOfBand : _redirectUri;
        set => _redirectUri = value;
    }

    /// <summary>
    /// The current token: the request token after <see cref="FetchRequestTokenAsync"/>, the access token after
    /// <see cref="FetchAccessTokenAsync"/>. Set it to restore a saved one (<see cref="OAuth1Token.FromDictionary"/>).
    /// Token and secret change together.
    /// </summary>
    public OAuth1Token? Token
    {
        get => _options.TokenCredentials;
        set => _options.TokenCredentials = value;
    }

    /// <summary>The verifier stored by <see cref="ParseAuthorizationResponse"/>, until <see cref="FetchAccessTokenAsync"/> uses it.</summary>
    public string? Verifier => _verifier;

    /// <summary>
    /// Requires the guarantees OAuth 1.0a (RFC 5849) added to OAuth 1.0: <c>oauth_callback_confirmed=true</c> in the
    /// request-token answer, and an <c>oauth_verifier</c> in the callback and the access-token request. True by
    /// default; set it to false only for an old OAuth 1.0 provider.
    /// </summary>
    public bool RequireOAuth10a { get; set; } = true;

    /// <summary>
    /// Step 1: obtains temporary credentials (RFC 5849 section 2.1) with a signed POST that carries
    /// <c>oauth_callback</c> (<see cref="RedirectUri"/>), and stores them as <see cref="Token"/>.
    /// </summary>
    /// <param name="url">The temporary credential request endpoint (absolute, or relative to <see cref="HttpClient.BaseAddress"/>).</param>
    /// <param name="realm">The <c>realm</c> of the <c>Authorization</c> header for this request, if any.</param>
    /// <param name="extraParameters">
    /// More parameters for this request: <c>oauth_*</c> names are sent as protocol parameters, others in the form
    /// body (such as Twitter's <c>x_auth_access_type</c> or Google's <c>scope</c>); all are signed.
    /// </param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The request token, with every field of the answer.</returns>
    /// <exception cref="OAuth1ProblemException">The provider refused the request.</exception>
    /// <exception cref="OAuth1InvalidTokenResponseException">The answer is not a token, or does not confirm the callback.</exception>
    public async Task<OAuth1Token> FetchRequestTokenAsync(
        string url,
        string? realm = null,
        IEnumerable<KeyValuePair<string, string>>? extraParameters = null,
        CancellationToken cancellationToken = default)
    {
        OAuth1Token token = await TokenEndpoints().FetchRequestTokenAsync(ResolveEndpoint(url), RedirectUri, realm, extraParameters, cancellationToken)
            .ConfigureAwait(false);
        _verifier = null;
        _options.TokenCredentials = token;
        return token;
    }

    /// <summary>
    /// Step 2: the URL to send the user to (RFC 5849 section 2.2): <paramref name="url"/> with its own query and
    /// fragment kept, plus <c>oauth_token</c> and <paramref name="extraParameters"/>, every name and value percent-encoded.
    /// </summary>
    /// <param name="url">The resource owner authorization endpoint (absolute).</param>
    /// <param name="requestToken">The request token; the session's <see cref="Token"/> when <see langword="null"/>.</param>
    /// <param name="extraParameters">More query parameters, such as Twitter's <c>force_login</c>.</param>
    /// <returns>The authorization URL.</returns>
    /// <exception cref="ArgumentException">The URL is not absolute http or https.</exception>
    /// <exception cref="InvalidOperationException">No request token was given and the session holds none.</exception>
    public string CreateAuthorizationUrl(string url, string? requestToken = null, IEnumerable<KeyValuePair<string, string>>? extraParameters = null)
    {
        string token = requestToken ?? Token?.Token
            ?? throw new InvalidOperationException("The session holds no request token: call FetchRequestTokenAsync first, or pass the request token.");
        return OAuth1TokenEndpointClient.CreateAuthorizationUrl(url, token, extraParameters);
    }

    /// <summary>
    /// Reads the callback the provider redirected the user to (RFC 5849 section 2.2): checks that its
    /// <c>oauth_token</c> is the session's request token, and stores its <c>oauth_verifier</c> for
    /// <see cref="FetchAccessTokenAsync"/>.
    /// </summary>
    /// <param name="url">The callback URL as received (or just its query).</param>
    /// <returns>The token, the verifier and the other callback parameters.</returns>
    /// <exception cref="OAuth1AuthorizationDeniedException">The user or provider refused (<c>denied=...</c>, <c>error=...</c>, <c>oauth_problem=...</c>, or no token).</exception>
    /// <exception cref="OAuth1CallbackMismatchException">The token is not the session's request token: a forged or stale callback.</exception>
    /// <exception cref="OAuth1Exception">The callback has no verifier and <see cref="RequireOAuth10a"/> is set.</exception>
    /// <exception cref="InvalidOperationException">The session holds no request token to compare with.</exception>
    public OAuth1AuthorizationResponse ParseAuthorizationResponse(string url)
    {
        OAuth1AuthorizationResponse response = OAuth1AuthorizationResponse.Parse(url);
        OAuth1Token current = Token
            ?? throw new InvalidOperationException(
                "The session holds no request token to match the callback with: call FetchRequestTokenAsync first, or set Token to the saved request token.");
        response.EnsureAnswers(current.Token, RequireOAuth10a);
        _verifier = response.Verifier;
        return response;
    }

    /// <summary>
    /// Step 3: exchanges the request token and the verifier for token credentials (RFC 5849 section 2.3) with a
    /// signed POST carrying <c>oauth_verifier</c>, and stores them as <see cref="Token"/> for later requests. The stored
    /// verifier is cleared once the provider has answered.
    /// </summary>
    /// <param name="url">The token request endpoint.</param>
    /// <param name="verifier">The verifier (the PIN of the <c>oob</c> flow); the one <see cref="ParseAuthorizationResponse"/> stored when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The access token, with every field of the answer (<c>user_id</c>, <c>screen_name</c>, ...).</returns>
    /// <exception cref="OAuth1ProblemException">The provider refused the request.</exception>
    /// <exception cref="OAuth1InvalidTokenResponseException">The answer is not a token.</exception>
    /// <exception cref="InvalidOperationException">The session holds no request token, or there is no verifier.</exception>
    public async Task<OAuth1Token> FetchAccessTokenAsync(string url, string? verifier = null, CancellationToken cancellationToken = default)
    {
        Uri endpoint = ResolveEndpoint(url);
        OAuth1Token requestToken = Token
            ?? throw new InvalidOperationException(
                "The session holds no request token: call FetchRequestTokenAsync first, or create the session with the saved request token and its secret.");
        string? used = string.IsNullOrEmpty(verifier) ? _verifier : verifier;
        if (string.IsNullOrEmpty(used) && RequireOAuth10a)
        {
            throw new InvalidOperationException(
                "There is no verifier: call ParseAuthorizationResponse with the callback URL, or pass the verifier (the PIN of the oob flow).");
        }

        OAuth1Token token;
        try
        {
            token = await TokenEndpoints().FetchAccessTokenAsync(endpoint, requestToken, used, cancellationToken).ConfigureAwait(false);
        }
        catch (OAuth1TokenEndpointException)
        {
            // The provider answered: a verifier works once, whatever the answer.
            ClearVerifier(used);
            throw;
        }

        ClearVerifier(used);
        _options.TokenCredentials = token;
        return token;
    }

    /// <summary>Clears the stored verifier if it is still the one just used.</summary>
    private void ClearVerifier(string? used) => Interlocked.CompareExchange(ref _verifier, null, used);

    /// <summary>
    /// xAuth: exchanges a user's name and password for token credentials in one signed POST without a token, with
    /// <c>x_auth_username</c>, <c>x_auth_password</c> and <c>x_auth_mode=client_auth</c> in the form body, and stores
    /// them as <see cref="Token"/>. Only for clients the provider allows to use xAuth.
    /// </summary>
    /// <param name="url">The token request endpoint.</param>
    /// <param name="username">The user's name.</param>
    /// <param name="password">The user's password; never put in a message.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The access token.</returns>
    /// <exception cref="OAuth1ProblemException">The provider refused the request.</exception>
    /// <exception cref="OAuth1InvalidTokenResponseException">The answer is not a token.</exception>
    public async Task<OAuth1Token> FetchAccessTokenWithXAuthAsync(string url, string username, string password, CancellationToken cancellationToken = default)
    {
        OAuth1Token token = await TokenEndpoints().FetchAccessTokenWithXAuthAsync(ResolveEndpoint(url), username, password, cancellationToken).ConfigureAwait(false);
        _options.TokenCredentials = token;
        return token;
    }

    /// <summary>
    /// Refreshes an expired access token (the ScalableOAuth session extension, as Yahoo and others use it): a signed
    /// POST with the current token and its <c>oauth_session_handle</c> as a protocol parameter. The new token replaces
    /// <see cref="Token"/>; when the answer has no new session handle, the old one is kept in it.
    /// </summary>
    /// <param name="url">The token request endpoint.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new access token.</returns>
    /// <exception cref="InvalidOperationException">The session holds no token, or its token has no <c>oauth_session_handle</c>.</exception>
    /// <exception cref="OAuth1ProblemException">The provider refused the request.</exception>
    /// <exception cref="OAuth1InvalidTokenResponseException">The answer is not a token.</exception>
    public async Task<OAuth1Token> RefreshAccessTokenAsync(string url, CancellationToken cancellationToken = default)
    {
        Uri endpoint = ResolveEndpoint(url);
        OAuth1Token current = Token ?? throw new InvalidOperationException("The session holds no token to refresh.");
        if (current[OAuth1Parameters.SessionHandle] is not { Length: > 0 })
        {
            throw new InvalidOperationException(
                "The session's token has no oauth_session_handle: the provider did not issue a refreshable token (restore the whole saved token with OAuth1Token.FromDictionary).");
        }

        OAuth1Token token = await TokenEndpoints().RefreshAccessTokenAsync(endpoint, current, cancellationToken).ConfigureAwait(false);
        _options.TokenCredentials = token;
        return token;
    }

    /// <summary>The stateless token-endpoint client over this session, whose handler signs its requests.</summary>
    private OAuth1TokenEndpointClient TokenEndpoints() => new(this, _options, signsRequests: false) { RequireOAuth10a = RequireOAuth10a };

    private Uri ResolveEndpoint(string url)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        if (Uri.TryCreate(url, UriKind.Absolute, out Uri? absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute;
        }

        if (BaseAddress is not null && Uri.TryCreate(BaseAddress, url, out Uri? resolved))
        {
            return resolved;
        }

        throw new ArgumentException($"The endpoint '{url}' is not an absolute http or https URL, and the session has no BaseAddress.", nameof(url));
    }

    private static OAuth1Options CreateOptions(string consumerKey, string consumerSecret, string? token, string? tokenSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumerKey);
        if (string.IsNullOrEmpty(token) && !string.IsNullOrEmpty(tokenSecret))
        {
            throw new ArgumentException("A token secret was given without its token.", nameof(tokenSecret));
        }

        return new OAuth1Options
        {
            ConsumerKey = consumerKey,
            ConsumerSecret = consumerSecret ?? string.Empty,
            TokenCredentials = string.IsNullOrEmpty(token) ? null : new OAuth1Token(token, tokenSecret ?? string.Empty),
        };
    }

    private static HttpMessageHandler CreatePipeline(OAuth1Options options, HttpMessageHandler? innerHandler, bool disposeInnerHandler)
    {
        ArgumentNullException.ThrowIfNull(options);
        HttpMessageHandler transport = innerHandler is null
            ? new SocketsHttpHandler { AllowAutoRedirect = false }
            : disposeInnerHandler ? innerHandler : new NonDisposingHandler(innerHandler);
        return new OAuth1Handler(options, transport);
    }
}
