namespace OAuth1;

/// <summary>Keys of <see cref="HttpRequestMessage.Options"/> that steer signing for one request.</summary>
public static class OAuth1RequestOptions
{
    /// <summary>The string name of <see cref="Token"/>, for Refit's <c>[Property]</c> and similar.</summary>
    public const string TokenKeyName = "OAuth1.Token";

    /// <summary>The string name of <see cref="SigningOptions"/>.</summary>
    public const string SigningOptionsKeyName = "OAuth1.Options";

    /// <summary>
    /// A token for this request only, so that one client can act for many users: it replaces
    /// <see cref="OAuth1Options.Token"/> and <see cref="OAuth1Options.TokenSecret"/> when signing this request.
    /// </summary>
    public static readonly HttpRequestOptionsKey<OAuth1Token> Token = new(TokenKeyName);

    /// <summary>
    /// Signing options for this request, which an <see cref="OAuth1Handler"/> uses instead of its own (generated
    /// clients attach theirs here, so a handler placed inside a retry handler re-signs each attempt with them).
    /// </summary>
    public static readonly HttpRequestOptionsKey<OAuth1Options> SigningOptions = new(SigningOptionsKeyName);
}
