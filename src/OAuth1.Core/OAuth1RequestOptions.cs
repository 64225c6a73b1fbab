namespace OAuth1;

/// <summary>
/// Keys of <see cref="HttpRequestMessage.Options"/> that give one request its own signing inputs. They travel with the
/// request through every handler, so an <see cref="OAuth1Handler"/> anywhere in the pipeline signs each attempt with
/// them.
/// </summary>
public static class OAuth1RequestOptions
{
    /// <summary>The string name of <see cref="Token"/>, for Refit's <c>[Property]</c> and similar.</summary>
    public const string TokenKeyName = "OAuth1.Token";

    /// <summary>The string name of <see cref="RequestParameters"/>.</summary>
    public const string RequestParametersKeyName = "OAuth1.RequestParameters";

    /// <summary>
    /// A token for this request only, so that one client can act for many users: it replaces
    /// <see cref="OAuth1Options.Token"/> and <see cref="OAuth1Options.TokenSecret"/> when signing this request.
    /// </summary>
    public static readonly HttpRequestOptionsKey<OAuth1Token> Token = new(TokenKeyName);

    /// <summary>
    /// The per-request protocol inputs (callback, verifier, session handle, extra <c>oauth_*</c> parameters, realm) of
    /// this request; see <see cref="OAuth1RequestParameters"/>.
    /// </summary>
    public static readonly HttpRequestOptionsKey<OAuth1RequestParameters> RequestParameters = new(RequestParametersKeyName);
}
