using System.Net;
using Microsoft.Extensions.Time.Testing;
using OAuth1Gen.Provider;

namespace OAuth1.Flow.Tests;

/// <summary>Cancellation while the provider holds its answer, and token refresh with oauth_session_handle.</summary>
public sealed class CancellationAndRefreshTests : IClassFixture<ProviderFixture>
{
    private readonly ProviderFixture _fixture;

    public CancellationAndRefreshTests(ProviderFixture fixture) => _fixture = fixture;

    private EmbeddedProvider Provider => _fixture.Provider;

    [Fact]
    public async Task FetchRequestToken_CancelledWhileTheProviderHoldsTheAnswer_StopsAndStoresNothing()
    {
        ProviderConsumer consumer = _fixture.AddConsumer(TokenEndpointBehavior.Hold);
        using OAuth1Session session = ProviderFixture.SessionFor(consumer);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var cancellation = new CancellationTokenSource();

        Task<OAuth1Token> fetching = session.FetchRequestTokenAsync(Provider.RequestTokenUrl, cancellationToken: cancellation.Token);
        await consumer.Gate.WaitForHeldRequestAsync(timeout.Token);
        Assert.False(fetching.IsCompleted);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetching);
        // The connection was closed: the provider saw the client go away.
        await consumer.Gate.WaitForAbortedRequestAsync(timeout.Token);
        Assert.Equal(1, consumer.Gate.AbortedCount);
        Assert.Null(session.Token);
    }

    [Fact]
    public async Task ProtectedCall_CancelledWhileTheProviderHoldsTheAnswer_Stops()
    {
        ProviderConsumer consumer = _fixture.AddConsumer();
        using OAuth1Session session = ProviderFixture.SessionFor(consumer);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var cancellation = new CancellationTokenSource();

        Task<HttpResponseMessage> call = session.GetAsync(Provider.HoldUrl, cancellation.Token);
        await consumer.Gate.WaitForHeldRequestAsync(timeout.Token);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await consumer.Gate.WaitForAbortedRequestAsync(timeout.Token);
    }

    [Fact]
    public async Task HeldCall_CompletesWhenReleased()
    {
        ProviderConsumer consumer = _fixture.AddConsumer();
        using OAuth1Session session = ProviderFixture.SessionFor(consumer);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        Task<HttpResponseMessage> call = session.GetAsync(Provider.HoldUrl, timeout.Token);
        await consumer.Gate.WaitForHeldRequestAsync(timeout.Token);
        Assert.False(call.IsCompleted);
        consumer.Gate.ReleaseAll();

        using HttpResponseMessage response = await call;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, consumer.Gate.AbortedCount);
    }

    [Fact]
    public async Task FetchAccessToken_CancelledBeforeTheAnswer_KeepsTheVerifierForARetry()
    {
        ProviderConsumer consumer = _fixture.AddConsumer(TokenEndpointBehavior.Hold);
        using OAuth1Session session = ProviderFixture.SessionFor(consumer);
        session.RedirectUri = ProviderFixture.Callback;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Task<OAuth1Token> first = session.FetchRequestTokenAsync(Provider.RequestTokenUrl, cancellationToken: timeout.Token);
        await consumer.Gate.WaitForHeldRequestAsync(timeout.Token);
        consumer.Gate.ReleaseAll();
        await first;
        AuthorizationOutcome outcome = await Provider.ApproveAsync(session.CreateAuthorizationUrl(Provider.AuthorizeUrl), cancellationToken: timeout.Token);
        session.ParseAuthorizationResponse(outcome.CallbackUrl!);
        string verifier = session.Verifier!;

        using var cancellation = new CancellationTokenSource();
        Task<OAuth1Token> exchanging = session.FetchAccessTokenAsync(Provider.AccessTokenUrl, cancellationToken: cancellation.Token);
        await consumer.Gate.WaitForHeldRequestAsync(timeout.Token);
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => exchanging);
        await consumer.Gate.WaitForAbortedRequestAsync(timeout.Token);

        // The provider never answered, so the verifier was not used up.
        Assert.Equal(verifier, session.Verifier);
    }

    [Fact]
    public async Task ExpiredAccessToken_IsRefreshedWithItsSessionHandle()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        ProviderSettings settings = ProviderSettings.CreateDemo();
        settings.TimeProvider = clock;
        settings.AccessTokenLifetime = TimeSpan.FromHours(1);
        await using EmbeddedProvider provider = await EmbeddedProvider.StartAsync(settings);
        using var session = new OAuth1Session(new OAuth1Options
        {
            ConsumerKey = DemoAccounts.ConsumerKey,
            ConsumerSecret = DemoAccounts.ConsumerSecret,
            TimeProvider = clock,
        });
        OAuth1Token first = await session.FetchAccessTokenWithXAuthAsync(provider.AccessTokenUrl, DemoAccounts.UserName, DemoAccounts.Password);
        Assert.Equal("3600", first["oauth_expires_in"]);
        Assert.NotNull(first[OAuth1Parameters.SessionHandle]);
        using (HttpResponseMessage fresh = await session.GetAsync(provider.UserUrl))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        clock.Advance(TimeSpan.FromHours(2));
        using (HttpResponseMessage expired = await session.GetAsync(provider.UserUrl))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
            Assert.Contains("oauth_problem=token_expired", await expired.Content.ReadAsStringAsync());
        }

        OAuth1Token refreshed = await session.RefreshAccessTokenAsync(provider.AccessTokenUrl);

        Assert.NotEqual(first.Token, refreshed.Token);
        Assert.Same(refreshed, session.Token);
        Assert.Equal("1001", refreshed["user_id"]);
        using (HttpResponseMessage again = await session.GetAsync(provider.UserUrl))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        // The old token and its handle were replaced: refreshing with them again is refused.
        using var stale = new OAuth1Session(DemoAccounts.ConsumerKey, DemoAccounts.ConsumerSecret) { Token = first };
        stale.Options.TimeProvider = clock;
        var problem = await Assert.ThrowsAsync<OAuth1ProblemException>(() => stale.RefreshAccessTokenAsync(provider.AccessTokenUrl));
        Assert.Equal("token_rejected", problem.Problem);
    }

    [Fact]
    public async Task Refresh_WithoutASessionHandle_SaysSo()
    {
        using var session = new OAuth1Session(DemoAccounts.ConsumerKey, DemoAccounts.ConsumerSecret, "token", "secret");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => session.RefreshAccessTokenAsync(Provider.AccessTokenUrl));

        Assert.Contains("oauth_session_handle", error.Message);
    }
}
