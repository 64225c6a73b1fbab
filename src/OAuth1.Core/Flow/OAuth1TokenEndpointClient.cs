using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OAuth1;

/// <summary>
/// The token endpoints of the three-step flow (RFC 5849 section 2), without state: each call takes its step's inputs
/// (the callback, the request token, the verifier, the session handle) as arguments and returns the token the provider
/// answered with. <see cref="OAuth1Session"/> keeps Authlib's stateful API on top of it; a web app's sign-in handler
/// calls it directly with what it kept between the steps.
/// </summary>
/// <remarks>
/// Each request carries its token in <see cref="OAuth1RequestOptions.Token"/> and its protocol inputs in
/// <see cref="OAuth1RequestOptions.RequestParameters"/>, and is signed with the options' consumer credentials, so an
/// <see cref="OAuth1Handler"/> in the <see cref="HttpClient"/> signs it the same way. Errors are
/// <see cref="OAuth1Exception"/>s (<see cref="OAuth1ProblemException"/> for a refusal,
/// <see cref="OAuth1InvalidTokenResponseException"/> for an answer that is not a token); transport errors and
/// cancellation are not wrapped. No message contains a secret.
/// </remarks>
public sealed class OAuth1TokenEndpointClient
{
    private readonly HttpClient _httpClient;
    private readonly OAuth1Options _options;
    private readonly bool _signsRequests;

    /// <summary>Creates a client that signs its requests with <paramref name="options"/> and sends them through <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">Sends the requests; it needs no <see cref="OAuth1Handler"/>.</param>
    /// <param name="options">The consumer credentials and protocol options (its token, if any, is not used by the flow's calls).</param>
    public OAuth1TokenEndpointClient(HttpClient httpClient, OAuth1Options options)
        : this(httpClient, options, signsRequests: true)
    {
    }

    /// <summary>Creates a client over an <see cref="HttpClient"/> whose pipeline already signs with <paramref name="options"/>.</summary>
    internal OAuth1TokenEndpointClient(HttpClient httpClient, OAuth1Options options, bool signsRequests)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _httpClient = httpClient;
        _options = options;
        _signsRequests = signsRequests;
    }

    /// <summary>
    /// Requires the guarantees OAuth 1.0a (RFC 5849) added to OAuth 1.0: <c>oauth_callback_confirmed=true</c> in the
    /// request-token answer, and a verifier for the access-token request. True by default.
    /// </summary>
    public bool RequireOAuth10a { get; init; } = true;

    /// <summary>Step 1: obtains temporary credentials (RFC 5849 section 2.1) with a signed POST without a token.</summary>
    /// <param name="endpoint">The temporary credential request endpoint.</param>
    /// <param name="callback">The <c>oauth_callback</c>: the absolute URL the provider sends the user back to, or <c>oob</c>.</param>
    /// <param name="realm">The <c>realm</c> of the <c>Authorization</c> header for this request, if any.</param>
    /// <param name="extraParameters">More parameters: <c>oauth_*</c> names are sent as protocol parameters, others in the form body; all are signed.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The request token, with every field of the answer.</returns>
    /// <exception cref="OAuth1ProblemException">The provider refused the request.</exception>
    /// <exception cref="OAuth1InvalidTokenResponseException">The answer is not a token, or does not confirm the callback.</exception>
    public async Task<OAuth1Token> FetchRequestTokenAsync(
        Uri endpoint,
        string callback,
        string? realm = null,
        IEnumerable<KeyValuePair<string, string>>? extraParameters = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(callback);
        (List<KeyValuePair<string, string>> form, Dictionary<string, string>? extra) = SplitExtraParameters(extraParameters);
        var parameters = new OAuth1RequestParameters { Callback = callback, Realm = realm, WithoutToken = true, ExtraProtocolParameters = extra };
        OAuth1Token token = await SendAsync("Fetching the request token", endpoint, token: null, parameters, form, new SecretRedactor(_options.ConsumerSecret), cancellationToken)
            .ConfigureAwait(false);
        if (RequireOAuth10a && !token.CallbackConfirmed)
        {
            throw new OAuth1InvalidTokenResponseException(
                $"Fetching the request token failed: {endpoint.GetLeftPart(UriPartial.Path)} answered without oauth_callback_confirmed=true, "
                + "which OAuth 1.0a (RFC 5849 section 2.1) requires. If this is an OAuth 1.0 provider, set RequireOAuth10a = false.",
                endpoint.GetLeftPart(UriPartial.Path),
                HttpStatusCode.OK,
                null,
                [.. token.Parameters.Keys]);
        }

        return token;
    }

    /// <summary>
    /// Step 2: the URL to send the user to (RFC 5849 section 2.2): <paramref name="url"/> with its own query and
    /// fragment kept, plus <c>oauth_token</c> and <paramref name="extraParameters"/>, every name and value percent-encoded.
    /// </summary>
    /// <param name="url">The resource owner authorization endpoint (absolute http or https).</param>
    /// <param name="requestToken">The request token's identifier.</param>
    /// <param name="extraParameters">More query parameters, such as Twitter's <c>force_login</c>.</param>
    /// <returns>The authorization URL.</returns>
    /// <exception cref="ArgumentException">The URL is not absolute http or https, or the token is empty.</exception>
    public static string CreateAuthorizationUrl(string url, string requestToken, IEnumerable<KeyValuePair<string, string>>? extraParameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        ArgumentException.ThrowIfNullOrEmpty(requestToken);
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? parsed) || parsed.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The authorization URL '{url}' is not an absolute http or https URL.", nameof(url));
        }

        IEnumerable<KeyValuePair<string, string>> parameters = [new(OAuth1Parameters.Token, requestToken), .. extraParameters ?? []];
        return ParameterPlacement.AppendToQuery(url, parameters, keepFragment: true);
    }

    /// <summary>
    /// Step 3: exchanges the request token and the verifier for token credentials (RFC 5849 section 2.3) with a
    /// signed POST carrying <c>oauth_verifier</c>.
    /// </summary>
    /// <param name="endpoint">The token request endpoint.</param>
    /// <param name="requestToken">The request token and its secret, from step 1.</param>
    /// <param name="verifier">The verifier from the callback (or the PIN of the <c>oob</c> flow); <see langword="null"/> only for an OAuth 1.0 provider.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The access token, with every field of the answer (<c>user_id</c>, <c>screen_name</c>, ...).</returns>
    /// <exception cref="ArgumentException">There is no verifier and <see cref="RequireOAuth10a"/> is set.</exception>
    /// <exception cref="OAuth1ProblemException">The provider refused the request.</exception>
    /// <exception cref="OAuth1InvalidTokenResponseException">The answer is not a token.</exception>
    public Task<OAuth1Token> FetchAccessTokenAsync(Uri endpoint, OAuth1Token requestToken, string? verifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestToken);
        if (string.IsNullOrEmpty(verifier) && RequireOAuth10a)
        {
            throw new ArgumentException(
                "There is no verifier: OAuth 1.0a (RFC 5849 section 2.3) sends the oauth_verifier of the callback (or the PIN of the oob flow).",
                nameof(verifier));
        }

        var parameters = new OAuth1RequestParameters { Verifier = string.IsNullOrEmpty(verifier) ? null : verifier };
        return SendAsync("Fetching the access token", endpoint, requestToken, parameters, [], new SecretRedactor(_options.ConsumerSecret, requestToken.TokenSecret), cancellationToken);
    }

    /// <summary>
    /// xAuth: exchanges a user's name and password for token credentials in one signed POST without a token, with
    /// <c>x_auth_username</c>, <c>x_auth_password</c> and <c>x_auth_mode=client_auth</c> in the form body.
    /// </summary>
    /// <param name="endpoint">The token request endpoint.</param>
    /// <param name="username">The user's name.</param>
    /// <param name="password">The user's password; never put in a message.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The access token.</returns>
    /// <exception cref="OAuth1ProblemException">The provider refused the request.</exception>
    /// <exception cref="OAuth1InvalidTokenResponseException">The answer is not a token.</exception>
    public Task<OAuth1Token> FetchAccessTokenWithXAuthAsync(Uri endpoint, string username, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        List<KeyValuePair<string, string>> form =
        [
            new("x_auth_username", username),
            new("x_auth_password", password),
            new("x_auth_mode", "client_auth"),
        ];
        var parameters = new OAuth1RequestParameters { WithoutToken = true };
        return SendAsync("Fetching the access token with xAuth", endpoint, token: null, parameters, form, new SecretRedactor(_options.ConsumerSecret, password), cancellationToken);
    }

    /// <summary>
    /// Refreshes an expired access token (the ScalableOAuth session extension): a signed POST with the token and its
    /// <c>oauth_session_handle</c>. When the answer has no new session handle, the old one is kept in the new token.
    /// </summary>
    /// <param name="endpoint">The token request endpoint.</param>
    /// <param name="accessToken">The expired access token, with its <c>oauth_session_handle</c> field.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new access token.</returns>
    /// <exception cref="ArgumentException">The token has no <c>oauth_session_handle</c>.</exception>
    /// <exception cref="OAuth1ProblemException">The provider refused the request.</exception>
    /// <exception cref="OAuth1InvalidTokenResponseException">The answer is not a token.</exception>
    public async Task<OAuth1Token> RefreshAccessTokenAsync(Uri endpoint, OAuth1Token accessToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        string handle = accessToken[OAuth1Parameters.SessionHandle] is { Length: > 0 } value
            ? value
            : throw new ArgumentException(
                "The token has no oauth_session_handle: the provider did not issue a refreshable token (restore the whole saved token with OAuth1Token.FromDictionary).",
                nameof(accessToken));
        var parameters = new OAuth1RequestParameters { SessionHandle = handle };
        OAuth1Token token = await SendAsync(
            "Refreshing the access token", endpoint, accessToken, parameters, [], new SecretRedactor(_options.ConsumerSecret, accessToken.TokenSecret), cancellationToken)
            .ConfigureAwait(false);
        if (token[OAuth1Parameters.SessionHandle] is null)
        {
            Dictionary<string, string> fields = token.ToDictionary();
            fields[OAuth1Parameters.SessionHandle] = handle;
            token = OAuth1Token.FromDictionary(fields);
        }

        return token;
    }

    private async Task<OAuth1Token> SendAsync(
        string operation,
        Uri endpoint,
        OAuth1Token? token,
        OAuth1RequestParameters parameters,
        List<KeyValuePair<string, string>> form,
        SecretRedactor redactor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The endpoint '{endpoint.OriginalString}' is not an absolute http or https URL.", nameof(endpoint));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        if (form.Count > 0)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(FormUrlEncoding.Format(form)));
            content.Headers.ContentType = new MediaTypeHeaderValue(FormUrlEncoding.MediaType);
            request.Content = content;
        }

        if (token is not null)
        {
            request.Options.Set(OAuth1RequestOptions.Token, token);
        }

        request.Options.Set(OAuth1RequestOptions.RequestParameters, parameters);
        if (_signsRequests)
        {
            await OAuth1Signer.SignAsync(request, _options, cancellationToken).ConfigureAwait(false);
        }

        using HttpResponseMessage response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await TokenResponseReader.ReadAsync(response, operation, endpoint, redactor, cancellationToken).ConfigureAwait(false);
    }

    private static (List<KeyValuePair<string, string>> Form, Dictionary<string, string>? Extra) SplitExtraParameters(IEnumerable<KeyValuePair<string, string>>? extraParameters)
    {
        var form = new List<KeyValuePair<string, string>>();
        Dictionary<string, string>? extra = null;
        foreach (var pair in extraParameters ?? [])
        {
            ArgumentException.ThrowIfNullOrEmpty(pair.Key, nameof(extraParameters));
            if (pair.Key.StartsWith("oauth_", StringComparison.Ordinal))
            {
                (extra ??= new(StringComparer.Ordinal))[pair.Key] = pair.Value ?? string.Empty;
            }
            else
            {
                form.Add(new(pair.Key, pair.Value ?? string.Empty));
            }
        }

        return (form, extra);
    }
}
