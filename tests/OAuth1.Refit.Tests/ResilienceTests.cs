using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using OAuth1.Refit.Tests.Infrastructure;
using Polly;

namespace OAuth1.Refit.Tests;

using global::Refit;

/// <summary>
/// Retries re-signed: with a retry handler registered before <c>AddOAuth1</c>, the signer runs inside the retry loop.
/// The server answers the first attempt at <c>/fail-once/{id}</c> with 503 (after verifying it and recording its
/// nonce), so a second attempt that re-used the nonce would be refused as a replay.
/// </summary>
public sealed class ResilienceTests(OAuth1TestServer server) : IClassFixture<OAuth1TestServer>
{
    public enum RetryKind
    {
        StandardResilienceHandler,
        PollyPipeline,
        RefitHttpRetryHandler,
    }

    public static TheoryData<RetryKind, OAuth1SignatureLocation> Cases()
    {
        var data = new TheoryData<RetryKind, OAuth1SignatureLocation>();
        foreach (RetryKind kind in Enum.GetValues<RetryKind>())
        {
            foreach (OAuth1SignatureLocation location in Enum.GetValues<OAuth1SignatureLocation>())
            {
                data.Add(kind, location);
            }
        }

        return data;
    }

    [Fact]
    public async Task StandardResilienceHandlerBeforeAddOAuth1_TheRetryIsReSignedWithAFreshNonce()
    {
        string id = Guid.NewGuid().ToString("N");
        var (api, services) = Clients.FromServices(server, beforeOAuth1: b => AddRetry(b, RetryKind.StandardResilienceHandler));
        await using var _ = services;

        Echo echo = await api.FailOnce(id);

        IReadOnlyList<ReceivedRequest> attempts = server.RequestsTo(id);
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.True(a.Result.Verified, a.Result.Failure));
        Assert.NotEqual(attempts[0].Result.Nonce, attempts[1].Result.Nonce);
        Assert.Equal(attempts[1].Result.Nonce, echo.Nonce);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RetryHandlerBeforeAddOAuth1_EachAttemptIsSignedOnce_WithoutThePreviousAttemptsParameters(RetryKind kind, OAuth1SignatureLocation location)
    {
        string id = Guid.NewGuid().ToString("N");
        var (api, services) = Clients.FromServices(server, o => o.SignatureLocation = location, beforeOAuth1: b => AddRetry(b, kind));
        await using var _ = services;

        Echo echo = await api.FailOnceForm(id, "query value", new Dictionary<string, string> { ["status"] = "retried" });

        IReadOnlyList<ReceivedRequest> attempts = server.RequestsTo(id);
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.True(a.Result.Verified, a.Result.Failure));
        Assert.NotEqual(attempts[0].Result.Nonce, attempts[1].Result.Nonce);
        foreach (ReceivedRequest attempt in attempts)
        {
            string wire = attempt.RawTarget + " " + Encoding.UTF8.GetString(attempt.Body) + " " + attempt.Authorization;
            Assert.Equal(1, Count(wire, "oauth_signature="));
            Assert.Equal(1, Count(wire, "oauth_nonce="));
        }

        Assert.Equal([["q", "query value"]], echo.QueryParameters);
        Assert.Equal([["status", "retried"]], echo.BodyParameters);
        Assert.Equal(location.ToString(), echo.Location);
    }

    [Fact]
    public async Task ResilienceHandlerAfterAddOAuth1_ReSendsTheSameNonce_AndTheProviderRefusesTheReplay()
    {
        // The documented wrong order, kept as a test so that the documentation stays true.
        string id = Guid.NewGuid().ToString("N");
        var (api, services) = Clients.FromServices(server, afterOAuth1: b => AddRetry(b, RetryKind.StandardResilienceHandler));
        await using var _ = services;

        var ex = await Assert.ThrowsAsync<ApiException>(() => api.FailOnce(id));

        IReadOnlyList<ReceivedRequest> attempts = server.RequestsTo(id);
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0].Result.Nonce, attempts[1].Result.Nonce);
        Assert.Equal("nonce_used", ex.GetOAuthProblem()?.Problem);
    }

    private static void AddRetry(IHttpClientBuilder builder, RetryKind kind)
    {
        switch (kind)
        {
            case RetryKind.StandardResilienceHandler:
                builder.AddStandardResilienceHandler(o =>
                {
                    o.Retry.Delay = TimeSpan.Zero;
                    o.Retry.UseJitter = false;
                });
                break;
            case RetryKind.PollyPipeline:
                builder.AddResilienceHandler("retry", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.Zero,
                    BackoffType = DelayBackoffType.Constant,
                }));
                break;
            case RetryKind.RefitHttpRetryHandler:
                builder.AddHttpMessageHandler(() => new HttpRetryHandler(new HttpRetryOptions
                {
                    MaxRetries = 2,
                    BaseDelay = TimeSpan.Zero,
                    UseJitter = false,
                    RetryUnsafeMethods = true,
                }));
                break;
        }
    }

    private static int Count(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
