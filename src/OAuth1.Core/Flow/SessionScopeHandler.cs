namespace OAuth1;

/// <summary>
/// The first handler of an <see cref="OAuth1Session"/>: keeps the flow's per-step protocol parameters
/// (<c>oauth_callback</c>, <c>oauth_verifier</c>) off ordinary requests. A request that carries no signing options
/// of its own is signed with a copy of the session's options without them; the token endpoints attach their own.
/// </summary>
internal sealed class SessionScopeHandler : DelegatingHandler
{
    private readonly OAuth1Options _options;

    public SessionScopeHandler(OAuth1Options options, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        _options = options;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Scope(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Scope(request);
        return base.Send(request, cancellationToken);
    }

    private void Scope(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Options.TryGetValue(OAuth1RequestOptions.SigningOptions, out _))
        {
            return;
        }

        if (!string.IsNullOrEmpty(_options.Callback) || !string.IsNullOrEmpty(_options.Verifier))
        {
            OAuth1Options scoped = _options.Clone();
            scoped.Callback = null;
            scoped.Verifier = null;
            request.Options.Set(OAuth1RequestOptions.SigningOptions, scoped);
        }
    }
}

/// <summary>Sends through a handler that the session does not own, so that disposing the session leaves it alone.</summary>
internal sealed class NonDisposingHandler : DelegatingHandler
{
    public NonDisposingHandler(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
    }

    protected override void Dispose(bool disposing)
    {
        // The inner handler belongs to the caller.
    }
}
