namespace OAuth1.TestSupport;

/// <summary>
/// Holds requests until released, so that a test can act while the provider is in the middle of answering (cancel
/// the client, send a concurrent request) without sleeping.
/// </summary>
public sealed class ResponseGate
{
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly SemaphoreSlim _aborted = new(0);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _abortedCount;

    /// <summary>How many held requests ended because the client went away.</summary>
    public int AbortedCount => Volatile.Read(ref _abortedCount);

    /// <summary>Completes when a request is being held (one completion per request).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task.</returns>
    public Task WaitForHeldRequestAsync(CancellationToken cancellationToken = default) => _arrived.WaitAsync(cancellationToken);

    /// <summary>Completes when a held request's client has gone away (one completion per request).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task.</returns>
    public Task WaitForAbortedRequestAsync(CancellationToken cancellationToken = default) => _aborted.WaitAsync(cancellationToken);

    /// <summary>Lets every held request go on; later requests are held again.</summary>
    public void ReleaseAll() =>
        Interlocked.Exchange(ref _release, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Holds the calling request until <see cref="ReleaseAll"/> or until its client goes away.</summary>
    /// <param name="requestAborted">The request's abort token.</param>
    /// <returns>A task that completes on release.</returns>
    /// <exception cref="OperationCanceledException">The client went away.</exception>
    public async Task HoldAsync(CancellationToken requestAborted)
    {
        Task release = Volatile.Read(ref _release).Task;
        _arrived.Release();
        try
        {
            await release.WaitAsync(requestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref _abortedCount);
            _aborted.Release();
            throw;
        }
    }
}
