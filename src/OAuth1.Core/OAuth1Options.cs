namespace OAuth1;

/// <summary>
/// Everything needed to sign requests for one client: credentials, signature method and placement, and the
/// protocol options of RFC 5849. Read at each send, so a change applies to the next request.
/// </summary>
/// <remarks>
/// Thread safety: the token and its secret are held together as one immutable pair. Set
/// <see cref="TokenCredentials"/> to swap both at once while requests are in flight; setting <see cref="Token"/> and
/// <see cref="TokenSecret"/> one after the other is two changes, and a request signed between them uses the new
/// token with the old secret. <see cref="ToString"/> never prints a secret.
/// </remarks>
public sealed class OAuth1Options
{
    private volatile TokenPair _token = TokenPair.Empty;
    private string? _realm;
    private string? _callback;
    private string? _verifier;

    /// <summary>The client identifier, sent as <c>oauth_consumer_key</c>. Required.</summary>
    public string? ConsumerKey { get; set; }

    /// <summary>The client shared-secret (empty for RSA methods).</summary>
    public string? ConsumerSecret { get; set; }

    /// <summary>The token identifier, sent as <c>oauth_token</c>; <see langword="null"/> for two-legged signing.</summary>
    public string? Token
    {
        get => _token.Token;
        set => _token = new TokenPair(value, _token.Secret);
    }

    /// <summary>The token shared-secret.</summary>
    public string? TokenSecret
    {
        get => _token.Secret;
        set => _token = new TokenPair(_token.Token, value);
    }

    /// <summary>
    /// The token and its secret as one value: setting it replaces both atomically; <see langword="null"/> removes the
    /// token. Reads <see langword="null"/> when no token identifier is set.
    /// </summary>
    public OAuth1Token? TokenCredentials
    {
        get
        {
            TokenPair pair = _token;
            return string.IsNullOrEmpty(pair.Token) ? null : pair.Original ?? new OAuth1Token(pair.Token, pair.Secret ?? string.Empty);
        }

        set => _token = value is null ? TokenPair.Empty : new TokenPair(value.Token, value.TokenSecret, value);
    }

    /// <summary>The signature method; HMAC-SHA1 by default.</summary>
    public OAuth1SignatureMethod SignatureMethod { get; set; } = OAuth1SignatureMethod.HmacSha1;

    /// <summary>Where the protocol parameters go; the <c>Authorization</c> header by default.</summary>
    public OAuth1SignatureLocation SignatureLocation { get; set; } = OAuth1SignatureLocation.Header;

    /// <summary>The <c>realm</c> of the <c>Authorization</c> header (NetSuite needs its account id here). Never signed.</summary>
    public string? Realm
    {
        get => _realm;
        set => _realm = HeaderSafeText.Checked(value, "OAuth1Options.Realm");
    }

    /// <summary>The <c>oauth_callback</c> value, sent when set (the request-token call of the three-step flow).</summary>
    public string? Callback
    {
        get => _callback;
        set => _callback = HeaderSafeText.Checked(value, "OAuth1Options.Callback");
    }

    /// <summary>The <c>oauth_verifier</c> value, sent when set (the access-token call of the three-step flow).</summary>
    public string? Verifier
    {
        get => _verifier;
        set => _verifier = HeaderSafeText.Checked(value, "OAuth1Options.Verifier");
    }

    /// <summary>Whether to send <c>oauth_version=1.0</c> (optional in RFC 5849); true by default.</summary>
    public bool IncludeVersion { get; set; } = true;

    /// <summary>
    /// Whether to send <c>oauth_body_hash</c> (draft-eaton-oauth-bodyhash: Base64 SHA-1 of the exact body bytes) on
    /// requests whose body is not a form, as LTI 1.1 outcomes and Google need. Never sent with a form body.
    /// </summary>
    public bool IncludeBodyHash { get; set; }

    /// <summary>Allows PLAINTEXT over <c>http://</c>, which sends the secrets in clear. Off by default.</summary>
    public bool AllowPlaintextOverHttp { get; set; }

    /// <summary>
    /// More <c>oauth_*</c> protocol parameters to send and sign, such as <c>oauth_session_handle</c>. A name that
    /// is not <c>oauth_*</c>, or that the signer generates itself, is an error at signing.
    /// </summary>
    public IDictionary<string, string> ExtraProtocolParameters { get; private set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether <see cref="OAuth1Handler"/> follows same-origin redirects, re-signed; true by default.</summary>
    public bool FollowRedirects { get; set; } = true;

    /// <summary>
    /// Whether <see cref="OAuth1Handler"/> also follows redirects to another origin (signing them for that origin).
    /// Off by default: such a redirect is returned to the caller.
    /// </summary>
    public bool AllowCrossOriginRedirects { get; set; }

    /// <summary>
    /// Whether <see cref="OAuth1Handler"/> follows a redirect from <c>https://</c> to <c>http://</c> (a downgrade that
    /// sends the signed request in clear). Off by default, and not implied by <see cref="AllowCrossOriginRedirects"/>.
    /// </summary>
    public bool AllowHttpsToHttpRedirects { get; set; }

    /// <summary>
    /// Allows PLAINTEXT with <see cref="OAuth1SignatureLocation.Query"/>, which puts both secrets in the URL, where
    /// access logs and logging handlers record them. Off by default.
    /// </summary>
    public bool AllowPlaintextInQuery { get; set; }

    /// <summary>The clock for <c>oauth_timestamp</c>; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Makes <c>oauth_nonce</c> values. By default 128 bits from <see cref="System.Security.Cryptography.RandomNumberGenerator"/>
    /// as 32 hex digits; replace it only for tests.
    /// </summary>
    public Func<string> NonceGenerator { get; set; } = Nonce.Generator;

    /// <summary>Takes the token pair as one consistent value.</summary>
    internal (string? Token, string TokenSecret) ReadToken()
    {
        TokenPair pair = _token;
        return (pair.Token, pair.Secret ?? string.Empty);
    }

    /// <summary>Copies these options (the token pair and the extra parameters included).</summary>
    /// <returns>An independent copy.</returns>
    public OAuth1Options Clone()
    {
        var copy = (OAuth1Options)MemberwiseClone();
        copy.ExtraProtocolParameters = new Dictionary<string, string>(ExtraProtocolParameters, StringComparer.Ordinal);
        return copy;
    }

    /// <summary>A description without secrets.</summary>
    /// <returns>The consumer key, token, method and placement; secrets as <c>(hidden)</c>.</returns>
    public override string ToString() =>
        $"OAuth1Options {{ ConsumerKey = {ConsumerKey}, ConsumerSecret = {(string.IsNullOrEmpty(ConsumerSecret) ? "(none)" : "(hidden)")}, "
        + $"Token = {Token ?? "(none)"}, TokenSecret = {(string.IsNullOrEmpty(TokenSecret) ? "(none)" : "(hidden)")}, "
        + $"SignatureMethod = {SignatureMethod.Name}, SignatureLocation = {SignatureLocation}, Realm = {Realm ?? "(none)"} }}";

    private sealed record TokenPair(string? Token, string? Secret, OAuth1Token? Original = null)
    {
        public static readonly TokenPair Empty = new(null, null);

        // A record prints every member; this one holds a secret.
        public override string ToString() => $"TokenPair {{ Token = {Token ?? "(none)"}, Secret = (hidden) }}";
    }
}
