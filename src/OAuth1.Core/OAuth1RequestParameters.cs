namespace OAuth1;

/// <summary>
/// The protocol inputs of one request (RFC 5849 section 3.1) that are not credentials: <c>oauth_callback</c>,
/// <c>oauth_verifier</c>, <c>oauth_session_handle</c>, more <c>oauth_*</c> parameters and the <c>realm</c>. Put it in
/// <see cref="HttpRequestMessage.Options"/> under <see cref="OAuth1RequestOptions.RequestParameters"/>: every signature
/// of that request (each retry and redirect) sends them, and no other request does. A value set here wins over the
/// same value in <see cref="OAuth1Options"/>.
/// </summary>
/// <remarks>Immutable, so one instance can be shared between requests. <see cref="ToString"/> hides the verifier.</remarks>
public sealed class OAuth1RequestParameters
{
    private readonly string? _callback;
    private readonly string? _verifier;
    private readonly string? _sessionHandle;
    private readonly string? _realm;

    /// <summary>The <c>oauth_callback</c> to send (the temporary-credential request), or <see langword="null"/>.</summary>
    public string? Callback
    {
        get => _callback;
        init => _callback = HeaderSafeText.Checked(value, "OAuth1RequestParameters.Callback");
    }

    /// <summary>The <c>oauth_verifier</c> to send (the token request), or <see langword="null"/>.</summary>
    public string? Verifier
    {
        get => _verifier;
        init => _verifier = HeaderSafeText.Checked(value, "OAuth1RequestParameters.Verifier");
    }

    /// <summary>The <c>oauth_session_handle</c> to send (refreshing a token), or <see langword="null"/>.</summary>
    public string? SessionHandle
    {
        get => _sessionHandle;
        init => _sessionHandle = HeaderSafeText.Checked(value, "OAuth1RequestParameters.SessionHandle");
    }

    /// <summary>The <c>realm</c> of the <c>Authorization</c> header for this request (never signed), or <see langword="null"/> for the options' own.</summary>
    public string? Realm
    {
        get => _realm;
        init => _realm = HeaderSafeText.Checked(value, "OAuth1RequestParameters.Realm");
    }

    /// <summary>
    /// Signs this request without a token whatever the options or <see cref="OAuth1RequestOptions.Token"/> hold: the
    /// temporary-credential request (RFC 5849 section 2.1) and xAuth carry none.
    /// </summary>
    public bool WithoutToken { get; init; }

    /// <summary>
    /// More <c>oauth_*</c> protocol parameters to send and sign with this request, added to (and replacing by name)
    /// <see cref="OAuth1Options.ExtraProtocolParameters"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ExtraProtocolParameters { get; init; }

    /// <summary>A description that does not show the verifier.</summary>
    /// <returns>Which inputs are set.</returns>
    public override string ToString() =>
        $"OAuth1RequestParameters {{ Callback = {Callback ?? "(none)"}, Verifier = {(Verifier is null ? "(none)" : "(set)")}, "
        + $"SessionHandle = {(SessionHandle is null ? "(none)" : "(set)")}, Realm = {Realm ?? "(none)"}, WithoutToken = {WithoutToken} }}";
}
