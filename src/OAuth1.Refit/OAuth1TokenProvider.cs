namespace OAuth1.Refit;

/// <summary>
/// Chooses the OAuth 1.0a token that signs a request (the signed-in user's, a tenant's), for clients that act for
/// many users; <see langword="null"/> signs with the token of the <see cref="OAuth1Options"/>, or without one.
/// </summary>
/// <param name="request">The request about to be signed: its URI, headers and <see cref="HttpRequestMessage.Options"/> (Refit's <c>[Property]</c> values).</param>
/// <param name="cancellationToken">Cancels the lookup.</param>
/// <returns>The token, or <see langword="null"/>.</returns>
public delegate ValueTask<OAuth1Token?> OAuth1TokenProvider(HttpRequestMessage request, CancellationToken cancellationToken);
