using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth.Claims;
using Microsoft.AspNetCore.Http;

namespace OAuth1.AspNetCore;

/// <summary>
/// The settings of one OAuth 1.0a sign-in scheme (<c>AddOAuth1("garmin", options =&gt; ...)</c>): the client's
/// credentials, the provider's three endpoints, how requests are signed, and where the temporary state is kept.
/// </summary>
/// <remarks>
/// <para>Required: <see cref="ConsumerKey"/>, <see cref="ConsumerSecret"/> (may be empty for the RSA methods),
/// <see cref="RequestTokenEndpoint"/>, <see cref="AuthorizationEndpoint"/> and <see cref="AccessTokenEndpoint"/>.
/// <see cref="Validate(string)"/> names every missing one; the host checks them when it starts.</para>
/// <para>Defaults: <see cref="RemoteAuthenticationOptions.CallbackPath"/> is <c>/signin-{scheme}</c>, the state cookie
/// is <c>.AspNetCore.OAuth1.{scheme}</c>, <see cref="RemoteAuthenticationOptions.SaveTokens"/> is true, and an app
/// that sets no <see cref="RemoteAuthenticationEvents.OnRemoteFailure"/> gets a short HTML error page (see
/// <see cref="OAuth1Events"/>). <see cref="ToString"/> never prints the secret.</para>
/// </remarks>
public class OAuth1AuthenticationOptions : RemoteAuthenticationOptions
{
    private CookieBuilder _stateCookie = new() { HttpOnly = true, SameSite = SameSiteMode.Lax, SecurePolicy = CookieSecurePolicy.Always, IsEssential = true };

    /// <summary>Creates options with the defaults: tokens saved, HMAC-SHA1 in the <c>Authorization</c> header.</summary>
    public OAuth1AuthenticationOptions()
    {
        SaveTokens = true;
        Events = new OAuth1Events();
    }

    /// <summary>The client identifier, sent as <c>oauth_consumer_key</c>. Required.</summary>
    public string? ConsumerKey { get; set; }

    /// <summary>The client shared-secret. Required, but may be empty when <see cref="SignatureMethod"/> is an RSA method.</summary>
    public string? ConsumerSecret { get; set; }

    /// <summary>The temporary credential request endpoint (RFC 5849 section 2.1), such as <c>https://api.twitter.com/oauth/request_token</c>. Required.</summary>
    public string? RequestTokenEndpoint { get; set; }

    /// <summary>The resource owner authorization endpoint (section 2.2) the browser is sent to, such as <c>https://api.twitter.com/oauth/authenticate</c>. Required.</summary>
    public string? AuthorizationEndpoint { get; set; }

    /// <summary>The token request endpoint (section 2.3), such as <c>https://api.twitter.com/oauth/access_token</c>. Required.</summary>
    public string? AccessTokenEndpoint { get; set; }

    /// <summary>
    /// An optional protected resource that describes the signed-in user as a JSON object (such as Twitter's
    /// <c>account/verify_credentials.json</c> or Garmin's <c>https://apis.garmin.com/wellness-api/rest/user/id</c>).
    /// When set, the handler reads it with the new access token before <see cref="OAuth1Events.OnCreatingTicket"/>,
    /// runs <see cref="ClaimActions"/> on it and hands it to the event as <see cref="OAuth1CreatingTicketContext.User"/>.
    /// </summary>
    /// <remarks>
    /// Required in practice for a provider whose access-token answer names no user (no <c>user_id</c>,
    /// <c>userid</c>, <c>xoauth_yahoo_guid</c> or <c>encoded_user_id</c>: Garmin, Tumblr, Flickr, Discogs, Trello,
    /// SmugMug): map the user's id with <c>ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, "...")</c>, or the
    /// sign-in fails, since the handler never uses the access token as the user's identifier.
    /// </remarks>
    public string? UserInformationEndpoint { get; set; }

    /// <summary>Maps fields of the <see cref="UserInformationEndpoint"/> document to claims (<c>ClaimActions.MapJsonKey(ClaimTypes.Email, "email")</c>).</summary>
    public ClaimActionCollection ClaimActions { get; } = new();

    /// <summary>The signature method; <see cref="OAuth1SignatureMethod.HmacSha1"/> by default. From configuration, use <see cref="OAuth1SignatureMethod.FromName(string)"/>.</summary>
    public OAuth1SignatureMethod SignatureMethod { get; set; } = OAuth1SignatureMethod.HmacSha1;

    /// <summary>Where the protocol parameters go; the <c>Authorization</c> header by default.</summary>
    public OAuth1SignatureLocation SignatureLocation { get; set; } = OAuth1SignatureLocation.Header;

    /// <summary>The <c>realm</c> of the <c>Authorization</c> header (never signed), for providers that need one.</summary>
    public string? Realm { get; set; }

    /// <summary>
    /// More parameters for the request-token call: <c>oauth_*</c> names are sent as protocol parameters, others in the
    /// form body (Twitter's <c>x_auth_access_type</c>, Google's <c>scope</c>); all are signed.
    /// </summary>
    public IDictionary<string, string> RequestTokenParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>More query parameters for the authorization URL (Twitter's <c>force_login</c> or <c>screen_name</c>), after <c>oauth_token</c>.</summary>
    public IDictionary<string, string> AuthorizationParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Requires the OAuth 1.0a guarantees: <c>oauth_callback_confirmed=true</c> with the request token and an
    /// <c>oauth_verifier</c> on the callback. True by default; set it to false only for an old OAuth 1.0 provider.
    /// </summary>
    public bool RequireOAuth10a { get; set; } = true;

    /// <summary>
    /// Adjusts every <see cref="OAuth1Options"/> this scheme signs with (the flow's and the per-user sessions'): for
    /// example <see cref="OAuth1Options.IncludeVersion"/>, or <see cref="OAuth1Options.AllowPlaintextOverHttp"/> for a
    /// PLAINTEXT provider on a test machine.
    /// </summary>
    public Action<OAuth1Options>? ConfigureSigningOptions { get; set; }

    /// <summary>
    /// The cookie that carries the request token and the authentication properties (the return URL) from the
    /// challenge to the callback, protected by <see cref="StateDataFormat"/>. Defaults: name
    /// <c>.AspNetCore.OAuth1.{scheme}</c>, path the callback path, HttpOnly, SameSite=Lax, Secure
    /// (<see cref="CookieSecurePolicy.Always"/>, as ASP.NET Core's correlation cookie), essential, expiring after
    /// <see cref="RemoteAuthenticationOptions.RemoteAuthenticationTimeout"/>.
    /// </summary>
    /// <remarks>
    /// A Secure cookie does not come back over plain http: an app served over http (a development machine on
    /// loopback) sets <c>StateCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest</c> itself.
    /// </remarks>
    public CookieBuilder StateCookie
    {
        get => _stateCookie;
        set => _stateCookie = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Protects the state cookie (encrypts and authenticates it); by default a <see cref="SecureDataFormat{TData}"/> over
    /// a protector from <see cref="RemoteAuthenticationOptions.DataProtectionProvider"/>, one purpose per scheme.
    /// </summary>
    public ISecureDataFormat<OAuth1RequestTokenState> StateDataFormat { get; set; } = default!;

    /// <summary>The events: creating the ticket, the redirect to the provider, and the inherited remote failure, access denied and ticket received.</summary>
    public new OAuth1Events Events
    {
        get => (OAuth1Events)base.Events;
        set => base.Events = value;
    }

    /// <summary>Checks the settings; the message names every missing or malformed one.</summary>
    /// <exception cref="ArgumentException">A setting is missing or malformed.</exception>
    public override void Validate()
    {
        ValidateOAuth1(null);
        base.Validate();
    }

    /// <summary>Checks the settings of a scheme; the message names the scheme and every missing or malformed setting.</summary>
    /// <param name="scheme">The scheme name.</param>
    /// <exception cref="ArgumentException">A setting is missing or malformed.</exception>
    /// <exception cref="InvalidOperationException">The sign-in scheme is this scheme itself.</exception>
    public override void Validate(string scheme)
    {
        ValidateOAuth1(scheme);
        base.Validate(scheme);
    }

    /// <summary>A description without secrets.</summary>
    /// <returns>The consumer key, the endpoints and the signing choices; the secret as <c>(hidden)</c>.</returns>
    public override string ToString() =>
        $"OAuth1AuthenticationOptions {{ ConsumerKey = {ConsumerKey}, ConsumerSecret = {(string.IsNullOrEmpty(ConsumerSecret) ? "(none)" : "(hidden)")}, "
        + $"RequestTokenEndpoint = {RequestTokenEndpoint}, AuthorizationEndpoint = {AuthorizationEndpoint}, AccessTokenEndpoint = {AccessTokenEndpoint}, "
        + $"SignatureMethod = {SignatureMethod?.Name}, SignatureLocation = {SignatureLocation}, CallbackPath = {CallbackPath} }}";

    /// <summary>The options the scheme signs with: its client credentials and signing choices, and <paramref name="token"/>.</summary>
    internal OAuth1Options CreateSigningOptions(OAuth1Token? token, TimeProvider timeProvider)
    {
        var options = new OAuth1Options
        {
            ConsumerKey = ConsumerKey,
            ConsumerSecret = ConsumerSecret ?? string.Empty,
            SignatureMethod = SignatureMethod,
            SignatureLocation = SignatureLocation,
            Realm = Realm,
            TimeProvider = timeProvider,
            TokenCredentials = token,
        };
        ConfigureSigningOptions?.Invoke(options);
        return options;
    }

    private void ValidateOAuth1(string? scheme)
    {
        var problems = new List<string>();
        if (!CallbackPath.HasValue)
        {
            problems.Add($"{nameof(CallbackPath)} is required");
        }

        if (string.IsNullOrEmpty(ConsumerKey))
        {
            problems.Add($"{nameof(ConsumerKey)} is required");
        }

        bool rsa = SignatureMethod?.Name.StartsWith("RSA-", StringComparison.OrdinalIgnoreCase) == true;
        if (ConsumerSecret is null || (ConsumerSecret.Length == 0 && !rsa))
        {
            problems.Add($"{nameof(ConsumerSecret)} is required (it may be empty only for the RSA signature methods)");
        }

        CheckEndpoint(problems, nameof(RequestTokenEndpoint), RequestTokenEndpoint, required: true);
        CheckEndpoint(problems, nameof(AuthorizationEndpoint), AuthorizationEndpoint, required: true);
        CheckEndpoint(problems, nameof(AccessTokenEndpoint), AccessTokenEndpoint, required: true);
        CheckEndpoint(problems, nameof(UserInformationEndpoint), UserInformationEndpoint, required: false);
        if (SignatureMethod is null)
        {
            problems.Add($"{nameof(SignatureMethod)} is required");
        }
        else if (SignatureMethod.RevealsSecrets)
        {
            CheckPlaintextOverHttp(problems);
        }

        if (!Enum.IsDefined(SignatureLocation))
        {
            problems.Add($"{nameof(SignatureLocation)} is not one of Header, Query or Body");
        }

        if (string.IsNullOrEmpty(StateCookie.Name))
        {
            problems.Add($"{nameof(StateCookie)}.Name is required");
        }

        if (StateDataFormat is null)
        {
            problems.Add($"{nameof(StateDataFormat)} is required");
        }

        if (problems.Count > 0)
        {
            string which = scheme is null ? "The OAuth 1.0a options" : $"The OAuth 1.0a scheme '{scheme}'";
            throw new ArgumentException($"{which} cannot be used: {string.Join("; ", problems)}.");
        }
    }

    /// <summary>
    /// The signer refuses a method that sends the secrets themselves (PLAINTEXT) over http unless the signing options
    /// allow it, so such a scheme would fail every sign-in at the request-token call: say so when the host starts.
    /// </summary>
    private void CheckPlaintextOverHttp(List<string> problems)
    {
        OAuth1Options signing = CreateSigningOptions(token: null, System.TimeProvider.System);
        if (!signing.SignatureMethod.RevealsSecrets || signing.AllowPlaintextOverHttp)
        {
            return;
        }

        var overHttp = new List<string>();
        foreach ((string name, string? value) in new[]
        {
            (nameof(RequestTokenEndpoint), RequestTokenEndpoint),
            (nameof(AccessTokenEndpoint), AccessTokenEndpoint),
            (nameof(UserInformationEndpoint), UserInformationEndpoint),
        })
        {
            if (Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttp)
            {
                overHttp.Add(name);
            }
        }

        if (overHttp.Count > 0)
        {
            problems.Add(
                $"{nameof(SignatureMethod)} {signing.SignatureMethod.Name} sends the secrets in clear and {string.Join(", ", overHttp)} "
                + $"{(overHttp.Count == 1 ? "is" : "are")} http: use https, or accept it with {nameof(ConfigureSigningOptions)} "
                + $"setting {nameof(OAuth1Options)}.{nameof(OAuth1Options.AllowPlaintextOverHttp)}");
        }
    }

    private static void CheckEndpoint(List<string> problems, string name, string? value, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                problems.Add($"{name} is required");
            }

            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            problems.Add($"{name} must be an absolute http or https URL");
        }
    }
}
