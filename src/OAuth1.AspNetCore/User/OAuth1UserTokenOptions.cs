namespace OAuth1.AspNetCore;

/// <summary>
/// The settings of an <c>IHttpClientFactory</c> client that acts for the signed-in user
/// (<c>AddOAuth1UserToken(o =&gt; ...)</c>): the scheme whose token it uses, and
/// what it does when there is no signed-in user to act for.
/// </summary>
public sealed class OAuth1UserTokenOptions
{
    /// <summary>The OAuth 1.0a scheme whose token is used; the only one registered when <see langword="null"/> (the default).</summary>
    public string? Scheme { get; set; }

    /// <summary>
    /// Lets a request that carries no <see cref="OAuth1RequestOptions.Token"/> of its own go out when the current
    /// request has no user with a token of the scheme (nobody signed in, a user of another scheme, tokens not saved,
    /// or no current request at all): the signing handler then signs it with the token of its own options, or
    /// two-legged. False by default: such a request is not sent, and <see cref="InvalidOperationException"/> says why,
    /// so that a call meant for a user never goes out silently as the application itself.
    /// </summary>
    public bool AllowWithoutUserToken { get; set; }
}
