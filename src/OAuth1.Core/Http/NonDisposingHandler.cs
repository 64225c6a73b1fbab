namespace OAuth1;

/// <summary>Sends through a handler that its owner does not own, so that disposing the owner leaves that handler alone.</summary>
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
