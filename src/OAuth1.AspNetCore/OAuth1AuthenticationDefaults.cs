namespace OAuth1.AspNetCore;

/// <summary>Default values and well-known names of the OAuth 1.0a authentication handler.</summary>
public static class OAuth1AuthenticationDefaults
{
    /// <summary>The prefix of the default <see cref="Microsoft.AspNetCore.Authentication.RemoteAuthenticationOptions.CallbackPath"/>: <c>/signin-{scheme}</c>.</summary>
    public const string CallbackPathPrefix = "/signin-";

    /// <summary>The prefix of the default state cookie name: <c>.AspNetCore.OAuth1.{scheme}</c>.</summary>
    public const string StateCookiePrefix = ".AspNetCore.OAuth1.";

    /// <summary>The name under which the access token (<c>oauth_token</c>) is saved in the authentication properties.</summary>
    public const string AccessTokenName = "access_token";

    /// <summary>The name under which the access token secret (<c>oauth_token_secret</c>) is saved in the authentication properties.</summary>
    public const string AccessTokenSecretName = "access_token_secret";

    /// <summary>
    /// The name under which the <c>oauth_session_handle</c> of a refreshable access token is saved, when the provider
    /// issued one.
    /// </summary>
    public const string SessionHandleName = "oauth_session_handle";

    /// <summary>
    /// The <c>user_id</c> field of an access-token answer (Twitter and others), mapped to
    /// <see cref="System.Security.Claims.ClaimTypes.NameIdentifier"/>; <c>userid</c>, <c>xoauth_yahoo_guid</c> and
    /// <c>encoded_user_id</c> are read after it, in that order.
    /// </summary>
    public const string UserIdField = "user_id";

    /// <summary>The <c>screen_name</c> field of an access-token answer, mapped to <see cref="System.Security.Claims.ClaimTypes.Name"/>.</summary>
    public const string ScreenNameField = "screen_name";

    /// <summary>The fields of an access-token answer that carry the user's id, in the order they are looked at.</summary>
    internal static readonly string[] UserIdFields = [UserIdField, "userid", "xoauth_yahoo_guid", "encoded_user_id"];

    /// <summary>The user's id from an access-token answer: the first non-empty <see cref="UserIdFields"/> field, or <see langword="null"/>.</summary>
    internal static string? FindUserId(OAuth1Token accessToken)
    {
        foreach (string field in UserIdFields)
        {
            if (accessToken[field] is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }
}
