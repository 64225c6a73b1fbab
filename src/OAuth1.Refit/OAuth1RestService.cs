using Refit;

namespace OAuth1.Refit;

/// <summary>
/// Creates Refit clients that sign every request with OAuth 1.0a, for applications without dependency injection
/// (with it, use <c>AddOAuth1</c> on the client builder). The counterpart of Refit's <see cref="RestService"/>.
/// </summary>
/// <remarks>
/// <para>The client is the one Refit's source generator made for the interface (the interface's project
/// must reference the Refit package, as for <see cref="RestService.ForGenerated{T}(HttpClient, RefitSettings)"/>; no
/// reflection, so it suits trimmed and Native AOT applications); signing happens in an <see cref="OAuth1Handler"/>
/// below it, on the request exactly as Refit built it: the query as Refit encoded it, the form body as bytes.</para>
/// <para>Per-user tokens: a parameter <c>[Property(OAuth1RequestOptions.TokenKeyName)] OAuth1Token token</c> signs
/// that call with that token; or pass an <see cref="OAuth1TokenProvider"/>.</para>
/// <para>Provider errors: call <see cref="OAuth1ProblemExtensions.GetOAuthProblem(ApiException)"/> on an
/// <see cref="ApiException"/>, or opt in to <see cref="OAuth1ProblemApiException"/> with
/// <see cref="OAuth1RefitSettingsExtensions.UseOAuth1Exceptions(RefitSettings)"/>.</para>
/// </remarks>
public static class OAuth1RestService
{
    /// <summary>
    /// Creates a Refit client for <paramref name="baseUrl"/> whose requests are signed with <paramref name="options"/>.
    /// </summary>
    /// <typeparam name="T">The Refit interface.</typeparam>
    /// <param name="baseUrl">The absolute base address, e.g. <c>https://api.example.com/1.1</c>.</param>
    /// <param name="options">Credentials and protocol options, read at each send.</param>
    /// <param name="settings">
    /// Refit settings. Their <see cref="RefitSettings.HttpMessageHandlerFactory"/>, when set, makes the handler below
    /// the signer (its automatic redirects are turned off when it is a <see cref="SocketsHttpHandler"/> or
    /// <see cref="HttpClientHandler"/>); otherwise a new <see cref="SocketsHttpHandler"/> without automatic redirects.
    /// </param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentException"><paramref name="baseUrl"/> is not an absolute http(s) URI.</exception>
    public static T For<T>(string baseUrl, OAuth1Options options, RefitSettings? settings = null) =>
        ForCore<T>(baseUrl, options, tokenProvider: null, settings);

    /// <summary>
    /// Creates a Refit client for <paramref name="baseUrl"/> whose requests are signed with <paramref name="options"/>
    /// and the token <paramref name="tokenProvider"/> chooses for each request.
    /// </summary>
    /// <typeparam name="T">The Refit interface.</typeparam>
    /// <param name="baseUrl">The absolute base address.</param>
    /// <param name="options">Credentials and protocol options, read at each send.</param>
    /// <param name="tokenProvider">
    /// Chooses the token per request; <see langword="null"/> from it signs with the options' token. Not called for a
    /// request that carries a token in <see cref="OAuth1RequestOptions.Token"/> already.
    /// </param>
    /// <param name="settings">Refit settings, as for <see cref="For{T}(string, OAuth1Options, RefitSettings?)"/>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentException"><paramref name="baseUrl"/> is not an absolute http(s) URI.</exception>
    public static T For<T>(string baseUrl, OAuth1Options options, OAuth1TokenProvider tokenProvider, RefitSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        return ForCore<T>(baseUrl, options, tokenProvider, settings);
    }

    /// <summary>
    /// Creates a Refit client that signs each request with <paramref name="options"/> and then sends it through
    /// <paramref name="httpClient"/>, keeping that client's handlers, default headers, timeout and
    /// <see cref="HttpClient.BaseAddress"/>.
    /// </summary>
    /// <typeparam name="T">The Refit interface.</typeparam>
    /// <param name="httpClient">
    /// The client to send through; its <see cref="HttpClient.BaseAddress"/> (read now) must be absolute. Its handlers
    /// run after signing, so a retry handler among them would re-send the same nonce, and a primary handler with
    /// automatic redirects would drop the signature on a redirect: give it <c>AllowAutoRedirect = false</c> and the
    /// signer follows same-origin redirects itself, re-signed. To retry with fresh signatures, use
    /// <c>AddOAuth1</c> after a resilience handler instead.
    /// </param>
    /// <param name="options">Credentials and protocol options, read at each send.</param>
    /// <param name="settings">Refit settings (<see cref="RefitSettings.HttpMessageHandlerFactory"/> is not used: the given client sends).</param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentException"><paramref name="httpClient"/> has no absolute base address.</exception>
    public static T For<T>(HttpClient httpClient, OAuth1Options options, RefitSettings? settings = null) =>
        ForCore<T>(httpClient, options, tokenProvider: null, settings);

    /// <summary>
    /// Creates a Refit client that signs each request with <paramref name="options"/> and the token
    /// <paramref name="tokenProvider"/> chooses, and then sends it through <paramref name="httpClient"/>.
    /// </summary>
    /// <typeparam name="T">The Refit interface.</typeparam>
    /// <param name="httpClient">The client to send through, as for <see cref="For{T}(HttpClient, OAuth1Options, RefitSettings?)"/>.</param>
    /// <param name="options">Credentials and protocol options, read at each send.</param>
    /// <param name="tokenProvider">Chooses the token per request.</param>
    /// <param name="settings">Refit settings.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentException"><paramref name="httpClient"/> has no absolute base address.</exception>
    public static T For<T>(HttpClient httpClient, OAuth1Options options, OAuth1TokenProvider tokenProvider, RefitSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        return ForCore<T>(httpClient, options, tokenProvider, settings);
    }

    private static T ForCore<T>(string baseUrl, OAuth1Options options, OAuth1TokenProvider? tokenProvider, RefitSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out Uri? baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The base URL '{baseUrl}' is not an absolute http or https URI; OAuth 1.0a signs absolute URIs.", nameof(baseUrl));
        }

        settings ??= new RefitSettings();
        HttpMessageHandler primary = settings.HttpMessageHandlerFactory?.Invoke()
            ?? new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
        OAuth1PrimaryHandler.DisableAutomaticRedirects(primary);
        var client = new HttpClient(Chain(options, tokenProvider, primary)) { BaseAddress = baseAddress };
        return RestService.ForGenerated<T>(client, settings);
    }

    private static T ForCore<T>(HttpClient httpClient, OAuth1Options options, OAuth1TokenProvider? tokenProvider, RefitSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        Uri baseAddress = httpClient.BaseAddress is { IsAbsoluteUri: true } address
            ? address
            : throw new ArgumentException("The HttpClient has no absolute BaseAddress; OAuth 1.0a signs absolute URIs, so set BaseAddress before creating the client.", nameof(httpClient));

        // The given client times out, buffers and adds its default headers itself; this outer client only carries
        // Refit's requests to the signer.
        var client = new HttpClient(Chain(options, tokenProvider, new ForwardingHandler(httpClient)))
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return RestService.ForGenerated<T>(client, settings ?? new RefitSettings());
    }

    private static HttpMessageHandler Chain(OAuth1Options options, OAuth1TokenProvider? tokenProvider, HttpMessageHandler inner)
    {
        var signer = new OAuth1Handler(options, inner);
        return tokenProvider is null ? signer : new OAuth1TokenSelectionHandler(tokenProvider, signer);
    }
}
