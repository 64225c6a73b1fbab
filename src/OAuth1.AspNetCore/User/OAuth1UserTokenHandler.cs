namespace OAuth1.AspNetCore;

/// <summary>
/// Puts the current request's user's access token in <see cref="OAuth1RequestOptions.Token"/> of each outgoing
/// request that has none, for the signing handler below it (see <c>AddOAuth1UserToken</c>).
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

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Options.TryGetValue(OAuth1RequestOptions.Token, out _)
            && await _accessor.GetCurrentUserTokenAsync(_scheme).ConfigureAwait(false) is { } token)
        {
            request.Options.Set(OAuth1RequestOptions.Token, token);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
