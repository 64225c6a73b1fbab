using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace OAuth1.Redis.Tests;

/// <summary>Redis stopped and started again: the store fails closed, keeps what Redis kept, and recovers by itself.</summary>
public sealed class RedisOutageTests
{
    /// <summary>"Quickly": well under the 5 s that StackExchange.Redis would wait by default.</summary>
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(30);

    private static DateTimeOffset InFiveMinutes => DateTimeOffset.UtcNow.AddMinutes(5);

    [Fact]
    public async Task With_Redis_stopped_the_store_answers_unavailable_and_the_verifier_refuses_quickly_without_throwing()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        await using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(RedisConnectionSettings.FailClosed(server.Configuration));
        var store = new RedisNonceStore(connection);
        OAuth1RequestVerifier verifier = Signed.Verifier(store);
        Assert.True((await verifier.VerifyAsync(await Signed.RequestAsync())).IsValid);

        await server.ShutdownAsync(save: false);
        OAuth1IncomingRequest request = await Signed.RequestAsync();

        var elapsed = Stopwatch.StartNew();
        OAuth1NonceResult answer = await store.TryUseAsync("ck", null, "while-down", 1_700_000_000, InFiveMinutes, default);
        Assert.Equal(OAuth1NonceResult.Unavailable, answer);
        Assert.True(elapsed.Elapsed < Quickly, $"The store took {elapsed.Elapsed} to answer.");

        elapsed.Restart();
        OAuth1VerificationResult result = await verifier.VerifyAsync(request);
        Assert.Equal(OAuth1VerificationFailure.NonceStoreUnavailable, result.Failure);
        Assert.False(result.IsValid);
        Assert.True(elapsed.Elapsed < Quickly, $"The verifier took {elapsed.Elapsed} to answer.");
    }

    [Fact]
    public async Task A_command_that_times_out_is_unavailable_within_the_command_timeout()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        await using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(RedisConnectionSettings.FailClosed(server.Configuration));
        var store = new RedisNonceStore(connection);
        Assert.Equal(OAuth1NonceResult.Accepted, await store.TryUseAsync("ck", null, "before-pause", 1_700_000_000, InFiveMinutes, default));

        // Redis holds every write command for 10 s: the SET gets no answer.
        Assert.Equal("+OK", await server.CommandAsync("CLIENT PAUSE 10000 WRITE"));

        var elapsed = Stopwatch.StartNew();
        Assert.Equal(OAuth1NonceResult.Unavailable, await store.TryUseAsync("ck", null, "during-pause", 1_700_000_000, InFiveMinutes, default));
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(5), $"The store took {elapsed.Elapsed} to answer.");
    }

    [Fact]
    public async Task A_command_that_Redis_refuses_is_unavailable_not_accepted()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        await using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(RedisConnectionSettings.FailClosed(server.Configuration));
        OAuth1RequestVerifier verifier = Signed.Verifier(new RedisNonceStore(connection));

        // Out of memory, with the default noeviction policy: every SET is answered "-OOM command not allowed".
        Assert.Equal("+OK", await server.CommandAsync("CONFIG SET maxmemory 1"));

        OAuth1VerificationResult result = await verifier.VerifyAsync(await Signed.RequestAsync());
        Assert.Equal(OAuth1VerificationFailure.NonceStoreUnavailable, result.Failure);
    }

    [Fact]
    public async Task A_replay_across_a_restart_that_keeps_the_data_is_refused_and_service_resumes_by_itself()
    {
        await using RedisServer server = await RedisServer.StartAsync(appendOnly: true);
        await using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(RedisConnectionSettings.FailClosed(server.Configuration));
        var store = new RedisNonceStore(connection);
        OAuth1RequestVerifier verifier = Signed.Verifier(store);
        OAuth1IncomingRequest captured = await Signed.RequestAsync();
        Assert.True((await verifier.VerifyAsync(captured)).IsValid);

        await server.ShutdownAsync(save: true);
        Assert.Equal(OAuth1VerificationFailure.NonceStoreUnavailable, (await verifier.VerifyAsync(captured)).Failure);
        Assert.Equal(OAuth1VerificationFailure.NonceStoreUnavailable, (await verifier.VerifyAsync(await Signed.RequestAsync())).Failure);

        await server.RestartAsync();
        await WaitUntilAcceptedAsync(store);

        Assert.Equal(OAuth1VerificationFailure.NonceUsed, (await verifier.VerifyAsync(captured)).Failure);
        Assert.True((await verifier.VerifyAsync(await Signed.RequestAsync())).IsValid);
    }

    [Fact]
    public async Task The_app_starts_while_Redis_is_down_refuses_meanwhile_and_serves_once_it_is_up()
    {
        int port = RedisServer.FreePort();
        await using ServiceProvider provider = new ServiceCollection().AddOAuth1RedisNonceStore($"127.0.0.1:{port}").BuildServiceProvider();

        IOAuth1NonceStore store = provider.GetRequiredService<IOAuth1NonceStore>();
        Assert.Equal(OAuth1NonceResult.Unavailable, await store.TryUseAsync("ck", null, "before-start", 1_700_000_000, InFiveMinutes, default));

        await using RedisServer server = RedisServer.Create(port);
        await server.RestartAsync();
        await WaitUntilAcceptedAsync(store);
    }

    /// <summary>Polls with new nonces, within a bounded deadline, until the store answers Accepted.</summary>
    private static async Task WaitUntilAcceptedAsync(IOAuth1NonceStore store)
    {
        using var deadline = new CancellationTokenSource(RecoveryDeadline);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        OAuth1NonceResult last;
        do
        {
            last = await store.TryUseAsync("ck", null, Guid.NewGuid().ToString("N"), 1_700_000_000, InFiveMinutes, default);
            Assert.NotEqual(OAuth1NonceResult.Replayed, last);
        }
        while (last != OAuth1NonceResult.Accepted && await WaitAsync(poll, deadline.Token));

        Assert.True(last == OAuth1NonceResult.Accepted, $"The store still answered {last} {RecoveryDeadline} after Redis came back.");
    }

    private static async Task<bool> WaitAsync(PeriodicTimer poll, CancellationToken deadline)
    {
        try
        {
            return await poll.WaitForNextTickAsync(deadline);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
