namespace OAuth1;

/// <summary>The names of the protocol parameters (RFC 5849 sections 2 and 3.1, and the extensions in common use).</summary>
public static class OAuth1Parameters
{
    /// <summary><c>oauth_consumer_key</c>.</summary>
    public const string ConsumerKey = "oauth_consumer_key";

    /// <summary><c>oauth_token</c>.</summary>
    public const string Token = "oauth_token";

    /// <summary><c>oauth_token_secret</c> (in token responses only; never sent).</summary>
    public const string TokenSecret = "oauth_token_secret";

    /// <summary><c>oauth_signature_method</c>.</summary>
    public const string SignatureMethod = "oauth_signature_method";

    /// <summary><c>oauth_signature</c>.</summary>
    public const string Signature = "oauth_signature";

    /// <summary><c>oauth_timestamp</c>.</summary>
    public const string Timestamp = "oauth_timestamp";

    /// <summary><c>oauth_nonce</c>.</summary>
    public const string Nonce = "oauth_nonce";

    /// <summary><c>oauth_version</c>.</summary>
    public const string Version = "oauth_version";

    /// <summary><c>oauth_callback</c>.</summary>
    public const string Callback = "oauth_callback";

    /// <summary><c>oauth_callback_confirmed</c>.</summary>
    public const string CallbackConfirmed = "oauth_callback_confirmed";

    /// <summary><c>oauth_verifier</c>.</summary>
    public const string Verifier = "oauth_verifier";

    /// <summary><c>oauth_body_hash</c> (draft-eaton-oauth-bodyhash).</summary>
    public const string BodyHash = "oauth_body_hash";

    /// <summary><c>oauth_session_handle</c> (ScalableOAuth session extension, for token refresh).</summary>
    public const string SessionHandle = "oauth_session_handle";

    /// <summary><c>oauth_problem</c> (OAuth Problem Reporting extension).</summary>
    public const string Problem = "oauth_problem";

    /// <summary><c>oauth_problem_advice</c> (OAuth Problem Reporting extension).</summary>
    public const string ProblemAdvice = "oauth_problem_advice";

    /// <summary><c>realm</c> (Authorization header only; never signed).</summary>
    public const string Realm = "realm";
}
