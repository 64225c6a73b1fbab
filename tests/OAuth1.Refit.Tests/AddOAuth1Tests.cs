using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuth1.Refit.Tests.Infrastructure;

namespace OAuth1.Refit.Tests;

using global::Refit;

public sealed class AddOAuth1Tests(OAuth1TestServer server) : IClassFixture<OAuth1TestServer>
{
    [Fact]
    public async Task AddOAuth1_SignsEveryCallOfAGeneratedRefitClient()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        Echo get = await api.Get();
        Echo post = await api.Form(new Dictionary<string, string> { ["a"] = "1" });

        Assert.Equal("GET", get.Method);
        Assert.Equal("POST", post.Method);
        Assert.All(new[] { get, post }, e => Assert.Equal(OAuth1TestServer.User.Token, e.Token));
    }

    [Fact]
    public async Task AddOAuth1_AddsOneOAuth1HandlerAboveAFactoryOwnedPrimaryHandlerWithRedirectsOff()
    {
        string name = string.Empty;
        var (_, services) = Clients.FromServices(server, beforeOAuth1: b => name = b.Name);
        await using var __ = services;
        var factory = services.GetRequiredService<IHttpMessageHandlerFactory>();

        List<HttpMessageHandler> first = Chain(factory.CreateHandler(name));

        OAuth1Handler signer = Assert.Single(first.OfType<OAuth1Handler>());
        Assert.NotNull(signer.InnerHandler);
        HttpMessageHandler primary = first[^1];
        Assert.False(primary switch
        {
            SocketsHttpHandler s => s.AllowAutoRedirect,
            HttpClientHandler h => h.AllowAutoRedirect,
            _ => throw new Xunit.Sdk.XunitException("unexpected primary handler " + primary.GetType()),
        });
    }

    [Fact]
    public async Task AddOAuth1_HandlersAddedBeforeItSeeTheUnsignedRequest_HandlersAddedAfterSeeTheSignedOne()
    {
        var outer = new List<string?>();
        var inner = new List<string?>();
        var (api, services) = Clients.FromServices(
            server,
            beforeOAuth1: b => b.AddHttpMessageHandler(() => new RecordingHandler(outer)),
            afterOAuth1: b => b.AddHttpMessageHandler(() => new RecordingHandler(inner)));
        await using var _ = services;

        await api.Get();

        Assert.Null(Assert.Single(outer));
        Assert.StartsWith("OAuth ", Assert.Single(inner), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOAuth1_FollowsARedirectItself_AndReSignsTheRedirectedRequest()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        Echo echo = await api.Redirect();

        Assert.Equal("/echo/after-redirect?from=redirect", echo.RawTarget);
        ReceivedRequest first = server.RequestsTo("/redirect").Last();
        Assert.True(first.Result.Verified);
        Assert.NotEqual(first.Result.Nonce, echo.Nonce);
    }

    [Fact]
    public async Task AddOAuth1_PrimaryHandlerReplacedAfterIt_StillHasAutomaticRedirectsTurnedOff()
    {
        HttpClientHandler? primary = null;
        var (api, services) = Clients.FromServices(
            server,
            afterOAuth1: b => b.ConfigurePrimaryHttpMessageHandler(() => primary = new HttpClientHandler()));
        await using var _ = services;

        // Were the primary handler to follow the redirect, it would drop the Authorization header and the server
        // would answer 401.
        Echo echo = await api.Redirect();

        Assert.Equal("/echo/after-redirect?from=redirect", echo.RawTarget);
        Assert.NotNull(primary);
        Assert.False(primary!.AllowAutoRedirect);
    }

    [Fact]
    public async Task AddOAuth1_OptionsFromTheServiceProvider_AreUsedAndReadAtEachSend()
    {
        var other = new OAuth1Token("other-user", "other secret");
        server.Verifier.TokenSecrets[other.Token] = other.TokenSecret;
        var services = new ServiceCollection();
        services.AddSingleton(OAuth1TestServer.Options(o => o.SignatureMethod = OAuth1SignatureMethod.HmacSha512));
        services.AddRefitGeneratedClient<IEchoApi>()
            .ConfigureHttpClient(c => c.BaseAddress = server.BaseAddress)
            .AddOAuth1(sp => sp.GetRequiredService<OAuth1Options>());
        await using ServiceProvider provider = services.BuildServiceProvider();
        var api = provider.GetRequiredService<IEchoApi>();

        Echo before = await api.Get();
        provider.GetRequiredService<OAuth1Options>().TokenCredentials = other;
        Echo after = await api.Get();

        Assert.Equal("HMAC-SHA512", before.SignatureMethod);
        Assert.Equal(OAuth1TestServer.User.Token, before.Token);
        Assert.Equal(other.Token, after.Token);
    }

    [Fact]
    public async Task AddOAuth1_NamedOptionsInstance_SwitchingItsTokenAppliesToTheNextCall()
    {
        var other = new OAuth1Token("switched-user", "switched secret");
        server.Verifier.TokenSecrets[other.Token] = other.TokenSecret;
        string name = string.Empty;
        var (api, services) = Clients.FromServices(server, beforeOAuth1: b => name = b.Name);
        await using var _ = services;

        await api.Get();
        services.GetRequiredService<IOptionsMonitor<OAuth1Options>>().Get(name).TokenCredentials = other;
        Echo echo = await api.Get();

        Assert.Equal(other.Token, echo.Token);
    }

    [Fact]
    public async Task AddOAuth1_FromConfiguration_BindsTheKeysAndTheSignatureMethodByName()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OAuth1:ConsumerKey"] = OAuth1TestServer.ConsumerKey,
            ["OAuth1:ConsumerSecret"] = OAuth1TestServer.ConsumerSecret,
            ["OAuth1:Token"] = OAuth1TestServer.User.Token,
            ["OAuth1:TokenSecret"] = OAuth1TestServer.User.TokenSecret,
            ["OAuth1:SignatureMethod"] = "hmac-sha256",
            ["OAuth1:SignatureLocation"] = "query",
            ["OAuth1:IncludeVersion"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddRefitGeneratedClient<IEchoApi>()
            .ConfigureHttpClient(c => c.BaseAddress = server.BaseAddress)
            .AddOAuth1(configuration.GetSection("OAuth1"));
        await using ServiceProvider provider = services.BuildServiceProvider();

        Echo echo = await provider.GetRequiredService<IEchoApi>().Get();

        Assert.Equal("HMAC-SHA256", echo.SignatureMethod);
        Assert.Equal("Query", echo.Location);
        Assert.Equal(OAuth1TestServer.User.Token, echo.Token);
        Assert.DoesNotContain("oauth_version", echo.RawTarget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOAuth1_FromConfiguration_RsaMethodReadsThePrivateKeyPem_AndCodeCanAdjustAfterBinding()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConsumerKey"] = OAuth1TestServer.ConsumerKey,
            ["SignatureMethod"] = "RSA-SHA256",
            ["RsaPrivateKey"] = TestKeys.RsaPrivate.ExportPkcs8PrivateKeyPem(),
        }).Build();
        var services = new ServiceCollection();
        services.AddRefitGeneratedClient<IEchoApi>()
            .ConfigureHttpClient(c => c.BaseAddress = server.BaseAddress)
            .AddOAuth1(configuration, o => o.SignatureLocation = OAuth1SignatureLocation.Body);
        await using ServiceProvider provider = services.BuildServiceProvider();

        Echo echo = await provider.GetRequiredService<IEchoApi>().Form(new Dictionary<string, string> { ["x"] = "y" });

        Assert.Equal("RSA-SHA256", echo.SignatureMethod);
        Assert.Equal("Body", echo.Location);
        Assert.Null(echo.Token);
    }

    [Theory]
    [InlineData("SignatureLocation", "sideways-s3cr3t")]
    [InlineData("IncludeBodyHash", "s3cr3t-not-a-bool")]
    [InlineData("SignatureMethod", "RSA-SHA1")]
    public async Task AddOAuth1_FromConfiguration_ABadValueFailsNamingTheKeyButNotTheValue(string key, string value)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Api:ConsumerKey"] = "key",
            ["Api:" + key] = value,
        }).Build();
        var services = new ServiceCollection();
        services.AddRefitGeneratedClient<IEchoApi>()
            .ConfigureHttpClient(c => c.BaseAddress = server.BaseAddress)
            .AddOAuth1(configuration.GetSection("Api"));
        await using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IEchoApi>());

        Assert.Contains("Api:", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOAuth1_CalledTwiceForOneClient_Throws()
    {
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddRefitGeneratedClient<IEchoApi>().AddOAuth1(o => o.ConsumerKey = "k");

        var ex = Assert.Throws<InvalidOperationException>(() => builder.AddOAuth1(o => o.ConsumerKey = "k"));

        Assert.Contains("already", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOAuth1_WithoutAConsumerKey_FailsValidationWhenTheClientIsCreated()
    {
        var services = new ServiceCollection();
        services.AddRefitGeneratedClient<IEchoApi>()
            .ConfigureHttpClient(c => c.BaseAddress = server.BaseAddress)
            .AddOAuth1(o => o.ConsumerSecret = "secret");
        await using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IEchoApi>());

        Assert.Contains("ConsumerKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOAuth1_OnAPlainNamedHttpClient_SignsItsRequests()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("plain", c => c.BaseAddress = server.BaseAddress)
            .AddOAuth1(o =>
            {
                o.ConsumerKey = OAuth1TestServer.ConsumerKey;
                o.ConsumerSecret = OAuth1TestServer.ConsumerSecret;
            });
        await using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("plain");

        using HttpResponseMessage response = await client.GetAsync(new Uri("/echo/plain?two=legged", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ReceivedRequest received = server.RequestsTo("/echo/plain").Last();
        Assert.True(received.Result.Verified);
        Assert.Null(received.Result.Token);
    }

    private static List<HttpMessageHandler> Chain(HttpMessageHandler handler)
    {
        var chain = new List<HttpMessageHandler> { handler };
        while (chain[^1] is DelegatingHandler { InnerHandler: { } next })
        {
            chain.Add(next);
        }

        return chain;
    }

    private sealed class RecordingHandler(List<string?> log) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (log)
            {
                log.Add(request.Headers.Authorization?.ToString());
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
