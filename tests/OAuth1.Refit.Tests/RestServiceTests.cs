using System.Net;
using OAuth1.Refit.Tests.Infrastructure;

namespace OAuth1.Refit.Tests;

using global::Refit;

/// <summary><see cref="OAuth1RestService"/>: Refit clients without dependency injection.</summary>
public sealed class RestServiceTests(OAuth1TestServer server) : IClassFixture<OAuth1TestServer>
{
    [Fact]
    public async Task ForBaseUrl_SignsRequests_AndFollowsRedirectsReSigned()
    {
        IEchoApi api = Clients.WithoutServices(server);

        Echo get = await api.Get();
        Echo redirected = await api.Redirect();

        Assert.Equal(OAuth1TestServer.User.Token, get.Token);
        Assert.Equal("/echo/after-redirect?from=redirect", redirected.RawTarget);
    }

    [Fact]
    public async Task ForBaseUrl_UsesTheSettingsHandlerFactoryBelowTheSigner_WithItsRedirectsTurnedOff()
    {
        HttpClientHandler? primary = null;
        var settings = new RefitSettings { HttpMessageHandlerFactory = () => primary = new HttpClientHandler() };
        IEchoApi api = Clients.WithoutServices(server, settings: settings);

        Echo echo = await api.Redirect();

        Assert.Equal("/echo/after-redirect?from=redirect", echo.RawTarget);
        Assert.NotNull(primary);
        Assert.False(primary!.AllowAutoRedirect);
    }

    [Theory]
    [InlineData("/relative")]
    [InlineData("ftp://example.invalid/")]
    [InlineData("not a uri")]
    public void ForBaseUrl_NotAnAbsoluteHttpUri_Throws(string baseUrl)
    {
        var ex = Assert.Throws<ArgumentException>(() => OAuth1RestService.For<IEchoApi>(baseUrl, OAuth1TestServer.Options()));

        Assert.Equal("baseUrl", ex.ParamName);
    }

    [Fact]
    public async Task ForHttpClient_SendsThroughThatClientsHandlersAndDefaultHeaders_AfterSigning()
    {
        var seen = new List<(string? Authorization, string? Custom)>();
        using var inner = new HttpClient(new RecordingHandler(seen, new SocketsHttpHandler { AllowAutoRedirect = false }))
        {
            BaseAddress = server.BaseAddress,
        };
        inner.DefaultRequestHeaders.Add("X-Client", "mine");
        IEchoApi api = OAuth1RestService.For<IEchoApi>(inner, OAuth1TestServer.Options());

        Echo echo = await api.Form(new Dictionary<string, string> { ["through"] = "the given client" });

        var (authorization, custom) = Assert.Single(seen);
        Assert.StartsWith("OAuth ", authorization, StringComparison.Ordinal);
        Assert.Equal("mine", custom);
        Assert.Equal([["through", "the given client"]], echo.BodyParameters);
    }

    [Theory]
    [InlineData(OAuth1SignatureLocation.Query)]
    [InlineData(OAuth1SignatureLocation.Body)]
    public async Task ForHttpClient_QueryAndBodyPlacement_AndRedirects_Work(OAuth1SignatureLocation location)
    {
        using var inner = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        IEchoApi api = OAuth1RestService.For<IEchoApi>(inner, OAuth1TestServer.Options(o => o.SignatureLocation = location));

        Echo form = await api.FormWithQuery("q", new Dictionary<string, string> { ["b"] = "body" });
        Echo redirected = await api.Redirect();

        Assert.Equal(location.ToString(), form.Location);
        Assert.Equal([["b", "body"]], form.BodyParameters);
        Assert.StartsWith("/echo/after-redirect?from=redirect", redirected.RawTarget, StringComparison.Ordinal);
        Assert.Equal([["from", "redirect"]], redirected.QueryParameters);
    }

    [Fact]
    public async Task ForHttpClient_ErrorResponsesStillBecomeApiExceptionsWithTheProblem()
    {
        using var inner = new HttpClient { BaseAddress = server.BaseAddress };
        IEchoApi api = OAuth1RestService.For<IEchoApi>(inner, OAuth1TestServer.Options());

        var ex = await Assert.ThrowsAsync<ApiException>(() => api.Problem());

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("token_rejected", ex.GetOAuthProblem()?.Problem);
    }

    [Fact]
    public void ForHttpClient_WithoutABaseAddress_Throws()
    {
        using var inner = new HttpClient();

        var ex = Assert.Throws<ArgumentException>(() => OAuth1RestService.For<IEchoApi>(inner, OAuth1TestServer.Options()));

        Assert.Contains("BaseAddress", ex.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingHandler(List<(string?, string?)> log, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (log)
            {
                log.Add((request.Headers.Authorization?.ToString(), request.Headers.TryGetValues("X-Client", out var v) ? string.Join(",", v) : null));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
