namespace OAuth1.Generator.Tests.Integration;

/// <summary>
/// A generated client in front of a retry handler and an <see cref="OAuth1Handler"/>: the first attempt keeps the
/// client's signature (never signed twice), each retry is re-signed with the client's options and a fresh nonce.
/// </summary>
public sealed class RetryTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private readonly LoopbackProvider _provider = fixture.Provider;

    [Fact]
    public async Task Retry_IsResignedWithAFreshNonce_AndTheFirstAttemptIsSignedOnce()
    {
        int clientNonces = 0;
        int handlerNonces = 0;
        OAuth1Options clientOptions = _provider.HmacOptions();
        clientOptions.NonceGenerator = () => "client-nonce-" + Interlocked.Increment(ref clientNonces);

        // The handler's own options would fail verification: it must sign with the options the request carries.
        var handlerOptions = new OAuth1Options
        {
            ConsumerKey = "someone-else",
            ConsumerSecret = "other",
            NonceGenerator = () => "handler-nonce-" + Interlocked.Increment(ref handlerNonces),
        };
        var pipeline = new RetryOnceHandler
        {
            InnerHandler = new OAuth1Handler(handlerOptions, new SocketsHttpHandler { AllowAutoRedirect = false }),
        };
        using HttpClient http = _provider.CreateHttpClient(pipeline);
        var client = new EchoApiClient(http, clientOptions);
        int before = _provider.Received.Count;
        string key = Guid.NewGuid().ToString("N");

        EchoResponse echo = await client.FlakyAsync(key);

        ReceivedRequest[] attempts = [.. _provider.Received.Skip(before)];
        Assert.Equal(2, attempts.Length);
        Assert.All(attempts, a => Assert.True(a.Verification.IsValid, a.Verification.ToString()));
        Assert.All(attempts, a => Assert.Equal(1, a.AuthorizationHeaderCount));
        Assert.Equal(["client-nonce-1", "client-nonce-2"], attempts.Select(a => a.Nonce));
        Assert.Equal(2, clientNonces);
        Assert.Equal(0, handlerNonces);
        Assert.Equal(1, pipeline.Retries);
        Assert.Equal($"/api/flaky/{key}", echo.RawTarget);
    }

    [Fact]
    public async Task WithoutRetries_AnOAuth1HandlerInThePipeline_DoesNotSignAgain()
    {
        int clientNonces = 0;
        OAuth1Options clientOptions = _provider.HmacOptions();
        clientOptions.NonceGenerator = () => "single-" + Interlocked.Increment(ref clientNonces);
        using HttpClient http = _provider.CreateHttpClient(new OAuth1Handler(clientOptions, new SocketsHttpHandler { AllowAutoRedirect = false }));
        var client = new EchoApiClient(http, clientOptions);

        await client.PathAsync("once", 1);

        Assert.Equal(1, clientNonces);
        Assert.True(_provider.Last.Verification.IsValid);
        Assert.Equal("single-1", _provider.Last.Nonce);
    }

    /// <summary>Sends a request again, as it is, when the answer is 503 (as a resilience handler would).</summary>
    private sealed class RetryOnceHandler : DelegatingHandler
    {
        public int Retries { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable)
            {
                return response;
            }

            response.Dispose();
            Retries++;
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
