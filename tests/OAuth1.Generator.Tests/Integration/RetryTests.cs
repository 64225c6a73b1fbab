namespace OAuth1.Generator.Tests.Integration;

/// <summary>
/// A generated client in front of a retry handler and an <see cref="OAuth1Handler"/>: the handler signs every attempt
/// it sees with its own options and a fresh nonce, replacing the client's signature, so the request that leaves
/// carries exactly one signature.
/// </summary>
public sealed class RetryTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private readonly LoopbackProvider _provider = fixture.Provider;

    [Fact]
    public async Task Each_attempt_is_signed_by_the_handler_below_with_a_fresh_nonce()
    {
        int clientNonces = 0;
        int handlerNonces = 0;
        OAuth1Options clientOptions = _provider.HmacOptions();
        clientOptions.NonceGenerator = () => "client-nonce-" + Interlocked.Increment(ref clientNonces);
        OAuth1Options handlerOptions = _provider.HmacOptions();
        handlerOptions.NonceGenerator = () => "handler-nonce-" + Interlocked.Increment(ref handlerNonces);
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
        Assert.Equal(["handler-nonce-1", "handler-nonce-2"], attempts.Select(a => a.Nonce));
        Assert.Equal(1, clientNonces);
        Assert.Equal(1, pipeline.Retries);
        Assert.Equal($"/api/flaky/{key}", echo.RawTarget);
    }

    [Fact]
    public async Task A_handler_below_replaces_the_clients_signature_with_its_own()
    {
        int clientNonces = 0;
        int handlerNonces = 0;
        OAuth1Options clientOptions = _provider.HmacOptions();
        clientOptions.NonceGenerator = () => "client-" + Interlocked.Increment(ref clientNonces);
        clientOptions.SignatureLocation = OAuth1SignatureLocation.Query;
        OAuth1Options handlerOptions = _provider.HmacOptions();
        handlerOptions.NonceGenerator = () => "handler-" + Interlocked.Increment(ref handlerNonces);
        using HttpClient http = _provider.CreateHttpClient(new OAuth1Handler(handlerOptions, new SocketsHttpHandler { AllowAutoRedirect = false }));
        var client = new EchoApiClient(http, clientOptions);

        await client.PathAsync("once", 1);

        Assert.Equal(1, clientNonces);
        Assert.Equal(1, handlerNonces);
        Assert.True(_provider.Last.Verification.IsValid, _provider.Last.Verification.ToString());
        Assert.Equal("handler-1", _provider.Last.Nonce);
        Assert.Equal(1, _provider.Last.AuthorizationHeaderCount);
        Assert.DoesNotContain("oauth_", _provider.Last.RawTarget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_set_by_a_handler_between_the_client_and_the_signer_is_the_one_signed()
    {
        OAuth1Options options = _provider.HmacOptions();
        var other = new OAuth1Token(LoopbackProvider.OtherToken, LoopbackProvider.OtherTokenSecret);
        var setsToken = new SetTokenHandler(other)
        {
            InnerHandler = new OAuth1Handler(options, new SocketsHttpHandler { AllowAutoRedirect = false }),
        };
        using HttpClient http = _provider.CreateHttpClient(setsToken);
        var client = new EchoApiClient(http, options);

        await client.PathAsync("user", 2);

        Assert.True(_provider.Last.Verification.IsValid, _provider.Last.Verification.ToString());
        Assert.Equal(other.Token, _provider.Last.Verification.Token);
    }

    /// <summary>Sets a per-request token, as the ASP.NET Core user-token handler does.</summary>
    private sealed class SetTokenHandler(OAuth1Token token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Options.Set(OAuth1RequestOptions.Token, token);
            return base.SendAsync(request, cancellationToken);
        }
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
