namespace OAuth1.AspNetCore;

/// <summary>
/// Puts the current request's user's access token in <see cref="OAuth1RequestOptions.Token"/> of each outgoing
/// request that has none, for the signing handler below it (see <c>AddOAuth1UserToken</c>). A request that already
/// carries a token keeps it. A request without one, made when there is no user with a token of the scheme, is refused
/// with an <see cref="InvalidOperationException"/> unless <see cref="AllowWithoutUserToken"/> is set.
/// </summary>
public sealed class OAuth1UserTokenHandler : DelegatingHandler
{
    private readonly IOAuth1UserTokenAccessor _accessor;
    private readonly string? _scheme;

    /// <summary>Creates a handler.</summary>
    /// <param name="accessor">Reads the user's token.</param>
    /// <param name="scheme">The OAuth 1.0a scheme; the only one registered when <see langword="null"/>.</param>
    public OAuth1UserTokenHandler(IOAuth1UserTokenAccessor accessor, string? scheme = null)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        _accessor = accessor;
        _scheme = scheme;
    }

    /// <summary>
    /// Lets a request without a token of its own go out when there is no user with a token of the scheme (signed by
    /// the handler below with its own token, or two-legged); false by default. See
    /// <see cref="OAuth1UserTokenOptions.AllowWithoutUserToken"/>.
    /// </summary>
    public bool AllowWithoutUserToken { get; init; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">
    /// The request carries no token, there is no user with a token of the scheme, and
    /// <see cref="AllowWithoutUserToken"/> is not set.
    /// </exception>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Options.TryGetValue(OAuth1RequestOptions.Token, out _))
        {
            if (await _accessor.GetCurrentUserTokenAsync(_scheme).ConfigureAwait(false) is { } token)
            {
                request.Options.Set(OAuth1RequestOptions.Token, token);
            }
            else if (!AllowWithoutUserToken)
            {
                string scheme = _scheme is null ? "the OAuth 1.0a scheme" : $"the OAuth 1.0a scheme '{_scheme}'";
                throw new InvalidOperationException(
                    $"This client acts for the signed-in user (AddOAuth1UserToken), but there is no signed-in user with a token of {scheme}: "
                    + "nobody is signed in, the user signed in with another scheme or without saved tokens, or the call is made outside an HTTP request. "
                    + "The request was not sent, rather than signed with the client's own token or two-legged. Sign the user in first, "
                    + "put a token in OAuth1RequestOptions.Token, or allow it with AddOAuth1UserToken(o => o.AllowWithoutUserToken = true).");
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
