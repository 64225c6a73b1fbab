using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using OAuth1.Refit.Tests.Infrastructure;

namespace OAuth1.Refit.Tests;

using global::Refit;

/// <summary>One client acting for many users: a Refit <c>[Property(OAuth1RequestOptions.TokenKeyName)]</c> parameter or a token provider.</summary>
public sealed class PerUserTokenTests(OAuth1TestServer server) : IClassFixture<OAuth1TestServer>
{
    [Fact]
    public async Task HundredConcurrentCallsForDifferentUsers_ThroughOneClient_EachIsVerifiedWithThatUsersSecret()
    {
        OAuth1Token[] users = Enumerable.Range(0, 100)
            .Select(i => new OAuth1Token($"user-{i:D3}-{Guid.NewGuid():N}", $"secret of user {i} ü&="))
            .ToArray();
        foreach (OAuth1Token user in users)
        {
            server.Verifier.TokenSecrets[user.Token] = user.TokenSecret;
        }

        // The client's own token is none: a call without its [Property] token would be two-legged and echo no token.
        var (api, services) = Clients.FromServices(server, o => o.TokenCredentials = null);
        await using var _ = services;
        using var start = new SemaphoreSlim(0);

        Task<Echo>[] calls = users.Select(async (user, i) =>
        {
            await start.WaitAsync();
            return await api.AsUser(i, user);
        }).ToArray();
        start.Release(users.Length);
        Echo[] echoes = await Task.WhenAll(calls);

        for (int i = 0; i < users.Length; i++)
        {
            Assert.Equal(users[i].Token, echoes[i].Token);
            Assert.Equal($"/echo/user/{i}", echoes[i].RawTarget);
        }

        Assert.Equal(100, echoes.Select(e => e.Nonce).Distinct().Count());
        foreach (OAuth1Token user in users)
        {
            ReceivedRequest received = Assert.Single(server.Requests, r => r.Result.Token == user.Token);
            Assert.True(received.Result.Verified, received.Result.Failure);
        }
    }

    [Fact]
    public async Task PropertyToken_WinsOverTheOptionsToken_AndNullFallsBackToIt()
    {
        var other = new OAuth1Token("property-user", "property secret");
        server.Verifier.TokenSecrets[other.Token] = other.TokenSecret;
        IEchoApi api = Clients.WithoutServices(server);

        Echo asOther = await api.AsUser(other);
        Echo asDefault = await api.AsUser(null!);

        Assert.Equal(other.Token, asOther.Token);
        Assert.Equal(OAuth1TestServer.User.Token, asDefault.Token);
    }

    [Fact]
    public async Task PropertyToken_UnknownToTheProvider_IsRefusedAsTokenRejected()
    {
        IEchoApi api = Clients.WithoutServices(server);

        var ex = await Assert.ThrowsAsync<ApiException>(() => api.AsUser(new OAuth1Token("nobody", "nothing")));

        Assert.Equal("token_rejected", ex.GetOAuthProblem()?.Problem);
    }

    [Fact]
    public async Task AddOAuth1TokenProvider_ChoosesTheTokenPerRequest_WhateverTheRegistrationOrder()
    {
        var alice = new OAuth1Token("alice-" + Guid.NewGuid().ToString("N"), "alice secret");
        var bob = new OAuth1Token("bob-" + Guid.NewGuid().ToString("N"), "bob secret");
        server.Verifier.TokenSecrets[alice.Token] = alice.TokenSecret;
        server.Verifier.TokenSecrets[bob.Token] = bob.TokenSecret;
        var current = new AsyncLocal<OAuth1Token?>();
        var services = new ServiceCollection();
        services.AddRefitGeneratedClient<IEchoApi>()
            .ConfigureHttpClient(c => c.BaseAddress = server.BaseAddress)
            .AddOAuth1(o =>
            {
                o.ConsumerKey = OAuth1TestServer.ConsumerKey;
                o.ConsumerSecret = OAuth1TestServer.ConsumerSecret;
                o.TokenCredentials = OAuth1TestServer.User;
            })
            .AddOAuth1TokenProvider((sp, request, ct) => ValueTask.FromResult(current.Value));
        await using ServiceProvider provider = services.BuildServiceProvider();
        var api = provider.GetRequiredService<IEchoApi>();

        current.Value = alice;
        Echo asAlice = await api.Get();
        current.Value = bob;
        Echo asBob = await api.Get();
        current.Value = null;
        Echo asDefault = await api.Get();
        current.Value = alice;
        Echo property = await api.AsUser(bob);

        Assert.Equal(alice.Token, asAlice.Token);
        Assert.Equal(bob.Token, asBob.Token);
        Assert.Equal(OAuth1TestServer.User.Token, asDefault.Token);
        Assert.Equal(bob.Token, property.Token);
    }

    [Fact]
    public async Task AddOAuth1TokenProvider_IsAskedAgainOnARetry()
    {
        var first = new OAuth1Token("first-" + Guid.NewGuid().ToString("N"), "first secret");
        var second = new OAuth1Token("second-" + Guid.NewGuid().ToString("N"), "second secret");
        server.Verifier.TokenSecrets[first.Token] = first.TokenSecret;
        server.Verifier.TokenSecrets[second.Token] = second.TokenSecret;
        var handedOut = new ConcurrentQueue<OAuth1Token>([first, second]);
        string id = Guid.NewGuid().ToString("N");
        var services = new ServiceCollection();
        IHttpClientBuilder client = services.AddRefitGeneratedClient<IEchoApi>()
            .ConfigureHttpClient(c => c.BaseAddress = server.BaseAddress)
            .AddOAuth1TokenProvider((sp, request, ct) => ValueTask.FromResult(handedOut.TryDequeue(out OAuth1Token? t) ? t : null));
        client.AddStandardResilienceHandler(o => o.Retry.Delay = TimeSpan.Zero);
        client.AddOAuth1(o =>
        {
            o.ConsumerKey = OAuth1TestServer.ConsumerKey;
            o.ConsumerSecret = OAuth1TestServer.ConsumerSecret;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        Echo echo = await provider.GetRequiredService<IEchoApi>().FailOnce(id);

        IReadOnlyList<ReceivedRequest> attempts = server.RequestsTo(id);
        Assert.Equal([first.Token, second.Token], attempts.Select(a => a.Result.Token));
        Assert.Equal(second.Token, echo.Token);
    }

    [Fact]
    public async Task AddOAuth1TokenProvider_OnAPlainHttpClient_WorksForSynchronousSendToo()
    {
        var dave = new OAuth1Token("dave-" + Guid.NewGuid().ToString("N"), "dave secret");
        server.Verifier.TokenSecrets[dave.Token] = dave.TokenSecret;
        var services = new ServiceCollection();
        services.AddHttpClient("sync", c => c.BaseAddress = server.BaseAddress)
            .AddOAuth1(o =>
            {
                o.ConsumerKey = OAuth1TestServer.ConsumerKey;
                o.ConsumerSecret = OAuth1TestServer.ConsumerSecret;
            })
            .AddOAuth1TokenProvider((sp, request, ct) => ValueTask.FromResult<OAuth1Token?>(dave));
        await using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("sync");

        using HttpResponseMessage response = client.Send(new HttpRequestMessage(HttpMethod.Get, "/echo/sync"));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(dave.Token, server.RequestsTo("/echo/sync").Last().Result.Token);
    }

    [Fact]
    public async Task RestServiceTokenProvider_ChoosesTheTokenPerRequest()
    {
        var carol = new OAuth1Token("carol-" + Guid.NewGuid().ToString("N"), "carol secret");
        server.Verifier.TokenSecrets[carol.Token] = carol.TokenSecret;
        IEchoApi api = OAuth1RestService.For<IEchoApi>(
            server.BaseAddress.ToString(),
            OAuth1TestServer.Options(o => o.TokenCredentials = null),
            (request, ct) => ValueTask.FromResult<OAuth1Token?>(request.RequestUri!.AbsolutePath == "/echo/get" ? carol : null));

        Echo asCarol = await api.Get();
        Echo twoLegged = await api.Path("other");

        Assert.Equal(carol.Token, asCarol.Token);
        Assert.Null(twoLegged.Token);
    }
}
