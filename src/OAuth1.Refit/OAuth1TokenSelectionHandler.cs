namespace OAuth1.Refit;

/// <summary>
/// Puts the token an <see cref="OAuth1TokenProvider"/> chooses into <see cref="OAuth1RequestOptions.Token"/>, just
/// before the <see cref="OAuth1Handler"/> below it signs the request. A token the caller set there itself wins. On
/// a retry of the same request the provider is asked again.
/// </summary>
internal sealed class OAuth1TokenSelectionHandler : DelegatingHandler
{
    /// <summary>Marks a token this handler set, so that a retry asks the provider again rather than keep it.</summary>
    private static readonly HttpRequestOptionsKey<bool> FromProvider = new("OAuth1.Refit.TokenFromProvider");

    private readonly OAuth1TokenProvider _provider;

    public OAuth1TokenSelectionHandler(OAuth1TokenProvider provider)
    {
        _provider = provider;
    }

    public OAuth1TokenSelectionHandler(OAuth1TokenProvider provider, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        _provider = provider;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (NeedsToken(request))
        {
            OAuth1Token? token = await _provider(request, cancellationToken).ConfigureAwait(false);
            Apply(request, token);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (NeedsToken(request))
        {
            ValueTask<OAuth1Token?> pending = _provider(request, cancellationToken);
            Apply(request, pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult());
        }

        return base.Send(request, cancellationToken);
    }

    private static bool NeedsToken(HttpRequestMessage request) =>
        !request.Options.TryGetValue(OAuth1RequestOptions.Token, out _)
        || (request.Options.TryGetValue(FromProvider, out bool fromProvider) && fromProvider);

    private static void Apply(HttpRequestMessage request, OAuth1Token? token)
    {
        if (token is null)
        {
            IDictionary<string, object?> options = request.Options;
            options.Remove(OAuth1RequestOptions.TokenKeyName);
            options.Remove(FromProvider.Key);
            return;
        }

        request.Options.Set(OAuth1RequestOptions.Token, token);
        request.Options.Set(FromProvider, true);
    }
}
