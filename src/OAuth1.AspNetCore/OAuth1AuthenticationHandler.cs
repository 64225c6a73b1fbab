using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace OAuth1.AspNetCore;

/// <summary>
/// Signs users in with any OAuth 1.0a provider (RFC 5849 section 2), on ASP.NET Core's
/// <see cref="RemoteAuthenticationHandler{TOptions}"/>: the challenge fetches a request token and sends the browser to
/// the provider; the callback checks the returned token against the one kept in the state cookie, exchanges the
/// verifier for an access token and signs the user in.
/// </summary>
/// <remarks>
/// <para><b>State.</b> The request token, its secret and the authentication properties (the return URL) travel in
/// one cookie per scheme, encrypted and authenticated by <see cref="OAuth1AuthenticationOptions.StateDataFormat"/>,
/// scoped to the callback path and expiring after <see cref="RemoteAuthenticationOptions.RemoteAuthenticationTimeout"/>;
/// nothing of it goes into a URL. The cookie is Secure by default (<see cref="CookieSecurePolicy.Always"/>, as ASP.NET
/// Core's correlation cookie). A callback that names the stored request token (as <c>oauth_token</c>, or as the value
/// of <c>denied</c>) deletes the cookie before anything else, so a callback URL works once: replayed, it finds no state
/// and fails. A callback that names no token or another one (a forged callback, or a cross-site
/// <c>?denied=1</c>) fails and leaves the state alone, so the sign-in in progress can still complete. Starting a
/// second sign-in with the same scheme in another tab replaces the first one's state, and the first one's callback
/// then fails as stale.</para>
/// <para><b>Identity.</b> The <see cref="ClaimTypes.NameIdentifier"/> comes from the access-token answer (<c>user_id</c>,
/// <c>userid</c>, <c>xoauth_yahoo_guid</c> or <c>encoded_user_id</c>, in that order) or from
/// <see cref="OAuth1AuthenticationOptions.UserInformationEndpoint"/> through
/// <see cref="OAuth1AuthenticationOptions.ClaimActions"/> (or <see cref="OAuth1Events.OnCreatingTicket"/>); never from
/// the access token. Without one, the sign-in fails with a message naming
/// <see cref="OAuth1AuthenticationOptions.UserInformationEndpoint"/>.</para>
/// <para><b>Failures.</b> A denial that names the stored request token (<c>denied=...</c>, <c>error=access_denied</c>,
/// <c>oauth_problem=user_refused</c> or <c>permission_denied</c>) takes the access-denied path: a redirect to
/// <see cref="RemoteAuthenticationOptions.AccessDeniedPath"/> when set, else a remote failure with an
/// <see cref="OAuth1AuthorizationDeniedException"/>. Everything else (no or unreadable or expired state, a token that
/// does not match, a provider that refuses) is a remote failure with an <see cref="OAuth1Exception"/> whose message
/// says what happened and never contains a secret; see <see cref="OAuth1Events"/> for the default page.</para>
/// </remarks>
public class OAuth1AuthenticationHandler : RemoteAuthenticationHandler<OAuth1AuthenticationOptions>
{
    private static readonly Action<ILogger, string, string, Exception?> LogChallengeFailed = LoggerMessage.Define<string, string>(
        LogLevel.Warning, new EventId(1, "OAuth1ChallengeFailed"), "The OAuth 1.0a challenge of scheme '{Scheme}' failed: {Message}");

    private static readonly Action<ILogger, string, string, Exception?> LogAccessDenied = LoggerMessage.Define<string, string>(
        LogLevel.Information, new EventId(2, "OAuth1AccessDenied"), "The OAuth 1.0a sign-in of scheme '{Scheme}' was denied ({Reason}).");

    /// <summary>Creates a handler (by dependency injection).</summary>
    /// <param name="options">The options monitor.</param>
    /// <param name="logger">The logger factory.</param>
    /// <param name="encoder">The URL encoder.</param>
    public OAuth1AuthenticationHandler(IOptionsMonitor<OAuth1AuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : base(options, logger, encoder)
    {
    }

    /// <summary>The scheme's events.</summary>
    protected new OAuth1Events Events
    {
        get => (OAuth1Events)base.Events;
        set => base.Events = value;
    }

    private string DisplayName => Scheme.DisplayName ?? Scheme.Name;

    /// <inheritdoc />
    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new OAuth1Events());

    /// <summary>
    /// Fetches a request token with <c>oauth_callback</c> set to the absolute callback URL, keeps it with
    /// <paramref name="properties"/> in the state cookie, and redirects to the authorization endpoint with
    /// <c>oauth_token</c>. A provider that refuses goes through <see cref="RemoteAuthenticationEvents.OnRemoteFailure"/>.
    /// </summary>
    /// <param name="properties">The properties of the challenge; the return URL is the current URL when unset.</param>
    /// <returns>A task.</returns>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (string.IsNullOrEmpty(properties.RedirectUri))
        {
            properties.RedirectUri = OriginalPathBase + OriginalPath + Request.QueryString;
        }

        string callback = BuildRedirectUri(Options.CallbackPath);
        using HttpClient backchannel = CreateBackchannel();
        OAuth1Token requestToken;
        try
        {
            requestToken = await CreateTokenClient(backchannel).FetchRequestTokenAsync(
                new Uri(Options.RequestTokenEndpoint!),
                callback,
                realm: null,
                Options.RequestTokenParameters.Count == 0 ? null : Options.RequestTokenParameters,
                Context.RequestAborted);
        }
        catch (Exception ex) when (IsFlowFailure(ex))
        {
            await ChallengeFailedAsync(Describe(ex, "Fetching the request token", Options.RequestTokenEndpoint!), properties);
            return;
        }

        DateTimeOffset expires = TimeProvider.GetUtcNow() + Options.RemoteAuthenticationTimeout;
        var state = new OAuth1RequestTokenState(requestToken.Token, requestToken.TokenSecret, properties, expires);
        Response.Cookies.Append(Options.StateCookie.Name!, Options.StateDataFormat.Protect(state), BuildStateCookieOptions(expires));

        string authorizationUrl = OAuth1TokenEndpointClient.CreateAuthorizationUrl(
            Options.AuthorizationEndpoint!,
            requestToken.Token,
            Options.AuthorizationParameters.Count == 0 ? null : Options.AuthorizationParameters);
        await Events.RedirectToAuthorizationEndpoint(new RedirectContext<OAuth1AuthenticationOptions>(Context, Scheme, Options, properties, authorizationUrl));
    }

    /// <summary>
    /// Handles the callback: reads the state cookie, and deletes it only when the callback names the stored request
    /// token (as <c>oauth_token</c>, or as the value of <c>denied</c>); then handles a denial, exchanges the verifier
    /// and builds the ticket. A callback that names no token or another one fails and leaves the state alone, so a
    /// link from another site cannot cancel a sign-in in progress.
    /// </summary>
    /// <returns>The result.</returns>
    protected override async Task<HandleRequestResult> HandleRemoteAuthenticateAsync()
    {
        OAuth1AuthorizationResponse? response = null;
        OAuth1AuthorizationDeniedException? refused = null;
        try
        {
            response = OAuth1AuthorizationResponse.Parse(Request.QueryString.Value ?? string.Empty);
        }
        catch (OAuth1AuthorizationDeniedException ex)
        {
            refused = ex;
        }

        (OAuth1RequestTokenState? state, string? stateProblem) = ReadState();
        if (state is null)
        {
            return Fail(stateProblem!, new AuthenticationProperties());
        }

        if (!NamesRequestToken(state.Token, response, refused))
        {
            // Not the answer to this browser's sign-in: its state stays, and its properties are not handed out.
            return Fail(DescribeUnrelatedCallback(response, refused), new AuthenticationProperties());
        }

        Response.Cookies.Delete(Options.StateCookie.Name!, BuildStateCookieOptions(expires: null));
        AuthenticationProperties properties = state.Properties;
        if (refused is { IsRefusal: true })
        {
            LogAccessDenied(Logger, Scheme.Name, refused.Message, null);
            HandleRequestResult result = await HandleAccessDeniedErrorAsync(properties);
            if (!result.None)
            {
                return result;
            }

            return HandleRequestResult.Fail(
                new OAuth1AuthorizationDeniedException(
                    $"The sign-in with {DisplayName} was cancelled: the authorization was refused, so nothing was shared ({refused.Message}). Start the sign-in again to retry.",
                    refused.Error,
                    refused.DeniedToken,
                    refused.Parameters),
                properties);
        }

        if (refused is not null)
        {
            return Fail($"{DisplayName} sent the sign-in back with an error: {refused.Message}", properties);
        }

        if (state.ExpiresUtc <= TimeProvider.GetUtcNow())
        {
            return Fail(
                $"The sign-in with {DisplayName} took longer than {Options.RemoteAuthenticationTimeout.TotalMinutes:0.#} minutes and expired. Start the sign-in again.",
                properties);
        }

        try
        {
            response!.EnsureAnswers(state.Token, Options.RequireOAuth10a);
        }
        catch (OAuth1Exception ex)
        {
            return HandleRequestResult.Fail(ex, properties);
        }

        OAuth1Token accessToken;
        using (HttpClient backchannel = CreateBackchannel())
        {
            try
            {
                accessToken = await CreateTokenClient(backchannel).FetchAccessTokenAsync(
                    new Uri(Options.AccessTokenEndpoint!), state.ToToken(), response.Verifier, Context.RequestAborted);
            }
            catch (Exception ex) when (IsFlowFailure(ex))
            {
                return HandleRequestResult.Fail(Describe(ex, "Fetching the access token", Options.AccessTokenEndpoint!), properties);
            }
        }

        using OAuth1Session session = CreateSession(accessToken);
        var identity = new ClaimsIdentity(ClaimsIssuer);

        // The user id from the token answer, when the provider sends one; otherwise it must come from the
        // user-information document (ClaimActions) or OnCreatingTicket. Never the token: it is half of a credential.
        if (OAuth1AuthenticationDefaults.FindUserId(accessToken) is { } userId)
        {
            identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, userId, ClaimValueTypes.String, ClaimsIssuer));
        }

        if (accessToken[OAuth1AuthenticationDefaults.ScreenNameField] is { Length: > 0 } screenName)
        {
            identity.AddClaim(new Claim(ClaimTypes.Name, screenName, ClaimValueTypes.String, ClaimsIssuer));
        }

        if (Options.SaveTokens)
        {
            var tokens = new List<AuthenticationToken>
            {
                new() { Name = OAuth1AuthenticationDefaults.AccessTokenName, Value = accessToken.Token },
                new() { Name = OAuth1AuthenticationDefaults.AccessTokenSecretName, Value = accessToken.TokenSecret },
            };
            if (accessToken[OAuth1Parameters.SessionHandle] is { Length: > 0 } handle)
            {
                tokens.Add(new() { Name = OAuth1AuthenticationDefaults.SessionHandleName, Value = handle });
            }

            properties.StoreTokens(tokens);
        }

        JsonElement user = default;
        if (!string.IsNullOrEmpty(Options.UserInformationEndpoint))
        {
            try
            {
                user = await FetchUserInformationAsync(session, Options.UserInformationEndpoint);
            }
            catch (Exception ex) when (IsFlowFailure(ex))
            {
                return HandleRequestResult.Fail(Describe(ex, "Fetching the user information", Options.UserInformationEndpoint), properties);
            }
        }

        var context = new OAuth1CreatingTicketContext(new ClaimsPrincipal(identity), properties, Context, Scheme, Options, accessToken, session, user);
        if (user.ValueKind == JsonValueKind.Object)
        {
            context.RunClaimActions(user);
        }

        await Events.CreatingTicket(context);
        if (context.Result?.Failure is { } failure)
        {
            return HandleRequestResult.Fail(failure, context.Properties);
        }

        if (context.Principal is null)
        {
            return Fail("OnCreatingTicket removed the principal, so there is no one to sign in.", context.Properties ?? properties);
        }

        if (string.IsNullOrEmpty(context.Principal.FindFirst(ClaimTypes.NameIdentifier)?.Value))
        {
            string from = string.IsNullOrEmpty(Options.UserInformationEndpoint)
                ? "and no UserInformationEndpoint is set to ask who the user is"
                : "and none of ClaimActions maps the UserInformationEndpoint document to a NameIdentifier claim";
            return Fail(
                $"The sign-in with {DisplayName} cannot tell who signed in: the access-token answer carries no user id "
                + $"({string.Join(", ", OAuth1AuthenticationDefaults.UserIdFields)}), {from} (nor did OnCreatingTicket add one). "
                + "Set UserInformationEndpoint to the provider's user resource and map its id with "
                + "ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, \"...\").",
                context.Properties ?? properties);
        }

        return HandleRequestResult.Success(new AuthenticationTicket(context.Principal, context.Properties, Scheme.Name));
    }

    /// <summary>A session over the scheme's backchannel, signed with its client credentials and <paramref name="token"/>.</summary>
    /// <param name="token">The request or access token, or <see langword="null"/>.</param>
    /// <returns>A session the caller disposes; the backchannel handler is not disposed with it.</returns>
    protected virtual OAuth1Session CreateSession(OAuth1Token? token) => CreateSession(Options, token, TimeProvider);

    /// <summary>
    /// The stateless token-endpoint client of the flow, signing with the scheme's client credentials: each step's
    /// inputs (callback, request token, verifier) are passed to it as arguments.
    /// </summary>
    /// <param name="backchannel">Sends the token requests.</param>
    /// <returns>The client.</returns>
    protected virtual OAuth1TokenEndpointClient CreateTokenClient(HttpClient backchannel) =>
        new(backchannel, Options.CreateSigningOptions(token: null, TimeProvider)) { RequireOAuth10a = Options.RequireOAuth10a };

    private HttpClient CreateBackchannel() =>
        new(Options.BackchannelHttpHandler
            ?? throw new InvalidOperationException("The OAuth 1.0a options have no BackchannelHttpHandler; register the scheme with AddOAuth1."), disposeHandler: false)
        {
            Timeout = Options.BackchannelTimeout,
        };

    internal static OAuth1Session CreateSession(OAuth1AuthenticationOptions options, OAuth1Token? token, TimeProvider timeProvider)
    {
        HttpMessageHandler backchannel = options.BackchannelHttpHandler
            ?? throw new InvalidOperationException("The OAuth 1.0a options have no BackchannelHttpHandler; register the scheme with AddOAuth1.");
        return new OAuth1Session(options.CreateSigningOptions(token, timeProvider), backchannel, disposeInnerHandler: false)
        {
            Timeout = options.BackchannelTimeout,
            RequireOAuth10a = options.RequireOAuth10a,
        };
    }

    /// <summary>Reads the state cookie; deletes it only when it cannot be read (it is of no use to any callback).</summary>
    private (OAuth1RequestTokenState? State, string? Problem) ReadState()
    {
        string name = Options.StateCookie.Name!;
        string? protectedState = Request.Cookies[name];
        if (string.IsNullOrEmpty(protectedState))
        {
            return (null,
                $"The sign-in with {DisplayName} cannot be completed: its state cookie is missing. This callback URL was already used, "
                + "the sign-in was started in another browser, or cookies are blocked. Start the sign-in again.");
        }

        OAuth1RequestTokenState? state = Options.StateDataFormat.Unprotect(protectedState);
        if (state is null)
        {
            Response.Cookies.Delete(name, BuildStateCookieOptions(expires: null));
            return (null, $"The sign-in with {DisplayName} cannot be completed: its state cookie cannot be read (altered, or protected with another key). Start the sign-in again.");
        }

        return (state, null);
    }

    /// <summary>
    /// Whether the callback names the stored request token: as <c>oauth_token</c>, or as the value of <c>denied</c>
    /// (Twitter denies with <c>denied=&lt;request token&gt;</c>).
    /// </summary>
    private static bool NamesRequestToken(string requestToken, OAuth1AuthorizationResponse? response, OAuth1AuthorizationDeniedException? refused)
    {
        if (response is not null)
        {
            return string.Equals(response.Token, requestToken, StringComparison.Ordinal);
        }

        foreach (KeyValuePair<string, string> parameter in refused!.Parameters)
        {
            if (parameter.Key is OAuth1Parameters.Token or "denied" && string.Equals(parameter.Value, requestToken, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private string DescribeUnrelatedCallback(OAuth1AuthorizationResponse? response, OAuth1AuthorizationDeniedException? refused)
    {
        if (response is not null)
        {
            return $"The callback's oauth_token does not match the request token this browser's sign-in with {DisplayName} started with: "
                + "the callback is forged, stale or replayed. Start the sign-in again.";
        }

        if (refused!.Error is null)
        {
            return $"The callback from {DisplayName} has no oauth_token, so it is not the answer to this sign-in ({refused.Message}). Start the sign-in again.";
        }

        bool namesAToken = refused.Parameters.Any(p => p.Key is OAuth1Parameters.Token or "denied" && p.Value.Length > 0);
        return $"A callback of the sign-in with {DisplayName} reports a refusal or an error ({refused.Message}), but it names "
            + (namesAToken ? "another request token" : "no request token")
            + ", so it is not the answer to the sign-in in progress, which was left as it was. "
            + "If that sign-in does not complete, start it again.";
    }

    private CookieOptions BuildStateCookieOptions(DateTimeOffset? expires)
    {
        CookieOptions cookie = Options.StateCookie.Build(Context, TimeProvider.GetUtcNow());
        if (Options.StateCookie.Path is null)
        {
            cookie.Path = OriginalPathBase.Add(Options.CallbackPath).ToUriComponent();
        }

        if (expires is not null && Options.StateCookie.Expiration is null)
        {
            cookie.Expires = expires;
        }

        return cookie;
    }

    private async Task ChallengeFailedAsync(Exception failure, AuthenticationProperties properties)
    {
        LogChallengeFailed(Logger, Scheme.Name, failure.Message, null);
        var context = new RemoteFailureContext(Context, Scheme, Options, failure) { Properties = properties };
        await Events.RemoteFailure(context);
        if (context.Result is { } result && (result.Handled || result.Skipped))
        {
            return;
        }

        throw new AuthenticationFailureException($"The OAuth 1.0a challenge of scheme '{Scheme.Name}' failed.", context.Failure ?? failure);
    }

    private async Task<JsonElement> FetchUserInformationAsync(OAuth1Session session, string url)
    {
        using HttpResponseMessage response = await session.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, Context.RequestAborted);
        string where = new Uri(url).GetLeftPart(UriPartial.Path);
        if (!response.IsSuccessStatusCode)
        {
            throw new OAuth1Exception($"Fetching the user information failed: {where} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        await using Stream body = await response.Content.ReadAsStreamAsync(Context.RequestAborted);
        try
        {
            using JsonDocument document = await JsonDocument.ParseAsync(body, cancellationToken: Context.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new OAuth1Exception($"Fetching the user information failed: {where} answered JSON that is not an object.");
        }
        catch (JsonException ex)
        {
            throw new OAuth1Exception($"Fetching the user information failed: {where} answered something that is not JSON.", ex);
        }
    }

    private bool IsFlowFailure(Exception ex) =>
        ex is OAuth1Exception or HttpRequestException
        || (ex is OperationCanceledException && !Context.RequestAborted.IsCancellationRequested);

    private Exception Describe(Exception ex, string operation, string endpoint)
    {
        if (ex is OAuth1Exception)
        {
            return ex;
        }

        string where = Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri) ? uri.GetLeftPart(UriPartial.Path) : endpoint;
        return ex is OperationCanceledException
            ? new OAuth1Exception($"{operation} failed: {where} did not answer within {Options.BackchannelTimeout.TotalSeconds:0.#} seconds.", ex)
            : new OAuth1Exception($"{operation} failed: {where} could not be reached ({ex.Message}).", ex);
    }

    private static HandleRequestResult Fail(string message, AuthenticationProperties properties) =>
        HandleRequestResult.Fail(new OAuth1Exception(message), properties);

}
