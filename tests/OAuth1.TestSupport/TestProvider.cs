using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OAuth1.AspNetCore;
using OAuth1Gen.Provider;

namespace OAuth1.TestSupport;

/// <summary>
/// The one loopback provider host of the tests: the sample provider (<see cref="EmbeddedProvider"/>, Kestrel on
/// 127.0.0.1, port 0) extended, through <see cref="ProviderSettings.ConfigureApplication"/>, with what only tests
/// need. The sample stays a clean reference provider; test-only behaviour lives here:
/// <list type="bullet">
/// <item><see cref="Recorder"/>: every request as it arrived, before any endpoint ran.</item>
/// <item>Misbehaving token endpoints, per client (<see cref="TokenEndpointBehavior"/>, set by <see cref="AddConsumer"/>).</item>
/// <item>Held answers for cancellation and concurrency tests (<see cref="TestPaths.Hold"/> and the client's gate).</item>
/// <item>
/// Endpoints that a test maps itself (the <c>map</c> callback of <see cref="StartAsync"/>), verified with
/// <see cref="VerifyAsync"/> against <see cref="Credentials"/>, a <see cref="FakeCredentialStore"/> with fixed
/// clients and tokens (the sample's endpoints use its own store, which issues random tokens).
/// </item>
/// </list>
/// To add a test-only behaviour, add middleware or an endpoint in <see cref="Extend"/>.
/// </summary>
public sealed class TestProvider : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ProviderConsumer, byte> _gated = new();
    private EmbeddedProvider? _provider;

    private TestProvider()
    {
        Credentials = new FakeCredentialStore();
        SigningVerifier = new OAuth1RequestVerifier(Credentials, new OAuth1VerifierOptions { AllowPlaintextOverHttp = true });
    }

    /// <summary>The sample provider this host extends.</summary>
    public EmbeddedProvider Provider => _provider ?? throw new InvalidOperationException("The provider is not started.");

    /// <summary>The provider's root, with the trailing slash.</summary>
    public Uri BaseAddress => Provider.BaseAddress;

    /// <summary>Every request received, as it arrived.</summary>
    public HttpRecorder Recorder { get; } = new();

    /// <summary>The clients and tokens of the endpoints a test maps (not of the sample's own endpoints).</summary>
    public FakeCredentialStore Credentials { get; }

    /// <summary>The verifier of <see cref="VerifyAsync"/>: over <see cref="Credentials"/>, nonces remembered, PLAINTEXT allowed over http.</summary>
    public OAuth1RequestVerifier SigningVerifier { get; }

    /// <summary>Starts the sample provider with the test-only behaviour.</summary>
    /// <param name="settings">The sample's settings; <see cref="ProviderSettings.CreateDemo"/> when <see langword="null"/>. Its own <see cref="ProviderSettings.ConfigureApplication"/> still runs.</param>
    /// <param name="map">Maps the test's own endpoints (they sit beside the sample's) or adds middleware (it runs after the recorder, before the sample's endpoints).</param>
    /// <returns>The running host; dispose it to stop it.</returns>
    public static async Task<TestProvider> StartAsync(ProviderSettings? settings = null, Action<WebApplication, TestProvider>? map = null)
    {
        settings ??= ProviderSettings.CreateDemo();
        var host = new TestProvider();
        Action<WebApplication>? configured = settings.ConfigureApplication;
        settings.ConfigureApplication = app =>
        {
            host.Extend(app);
            configured?.Invoke(app);
            map?.Invoke(app, host);
        };
        try
        {
            host._provider = await EmbeddedProvider.StartAsync(settings);
        }
        finally
        {
            settings.ConfigureApplication = configured;
        }

        return host;
    }

    /// <summary>Registers a client with a fresh key and secret (so that tests do not share gates or tokens).</summary>
    /// <param name="behavior">How its token endpoints answer.</param>
    /// <param name="allowXAuth">Whether it may use xAuth.</param>
    /// <returns>The client.</returns>
    public ProviderConsumer AddConsumer(TokenEndpointBehavior behavior = TokenEndpointBehavior.Normal, bool allowXAuth = true)
    {
        string id = Guid.NewGuid().ToString("N");
        ProviderConsumer consumer = Provider.AddConsumer(new ProviderConsumer("c-" + id, "s3cr3t+/=&consumer-" + id) { AllowXAuth = allowXAuth });
        consumer.Behavior = behavior;
        return consumer;
    }

    /// <summary>Verifies the request being handled against <see cref="Credentials"/>, and records the result with it.</summary>
    /// <param name="context">The request's context.</param>
    /// <returns>The request as received, with the verifier's result.</returns>
    public async Task<VerifiedRequest> VerifyAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        OAuth1IncomingRequest incoming = await context.Request.ToOAuth1IncomingRequestAsync(context.RequestAborted);
        OAuth1VerificationResult result = await SigningVerifier.VerifyAsync(incoming, context.RequestAborted);
        return HttpRecorder.MarkVerified(context, result);
    }

    /// <summary>Releases every held request, then stops the provider.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (ProviderConsumer consumer in _gated.Keys)
        {
            consumer.Gate.ReleaseAll();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    /// <summary>The test-only pipeline, before the sample's routing and endpoints.</summary>
    private void Extend(WebApplication app)
    {
        Recorder.Attach(app);
        app.Use(TokenEndpointFaultsAsync);
        app.Map("/" + TestPaths.Hold, HoldAsync);
    }

    private async Task HoldAsync(HttpContext context)
    {
        OAuth1IncomingRequest incoming = await context.Request.ToOAuth1IncomingRequestAsync(context.RequestAborted);
        OAuth1VerificationResult result = await Provider.Verifier.VerifyAsync(incoming, context.RequestAborted);
        if (!result.IsValid)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = FormUrlEncoding.MediaType;
            await context.Response.WriteAsync(FormUrlEncoding.Format([new(OAuth1Parameters.Problem, result.Problem ?? "signature_invalid")]));
            return;
        }

        await HoldAsync(Provider.FindConsumer(result.ConsumerKey!)!, context);
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(new JsonObject { ["released"] = true }.ToJsonString());
    }

    private Task HoldAsync(ProviderConsumer consumer, HttpContext context)
    {
        _gated.TryAdd(consumer, 0);
        return consumer.Gate.HoldAsync(context.RequestAborted);
    }

    /// <summary>Makes the token endpoints answer as the signing client's <see cref="TokenEndpointBehavior"/> says.</summary>
    private async Task TokenEndpointFaultsAsync(HttpContext context, RequestDelegate next)
    {
        string path = context.Request.Path.Value ?? string.Empty;
        bool requestToken = path == "/" + ProviderPaths.RequestToken;
        ProviderConsumer? consumer = requestToken || path == "/" + ProviderPaths.AccessToken ? await SigningConsumerAsync(context) : null;
        TokenEndpointBehavior behavior = consumer?.Behavior ?? TokenEndpointBehavior.Normal;
        if (behavior == TokenEndpointBehavior.Normal)
        {
            await next(context);
            return;
        }

        if (behavior == TokenEndpointBehavior.Hold)
        {
            await HoldAsync(consumer!, context);
            await next(context);
            return;
        }

        // Let the provider answer into a buffer; a token (200) is then replaced by the misbehaving answer.
        Stream original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode != StatusCodes.Status200OK)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return;
        }

        List<KeyValuePair<string, string>> token = [.. FormUrlEncoding.Parse(Encoding.UTF8.GetString(buffer.ToArray()))];
        await MisbehaveAsync(context, behavior, token);
    }

    private static async Task MisbehaveAsync(HttpContext context, TokenEndpointBehavior behavior, List<KeyValuePair<string, string>> token)
    {
        HttpResponse response = context.Response;
        switch (behavior)
        {
            case TokenEndpointBehavior.Json:
                var json = new JsonObject();
                foreach (var pair in token)
                {
                    json[pair.Key] = pair.Key == OAuth1Parameters.CallbackConfirmed ? JsonValue.Create(true) : JsonValue.Create(pair.Value);
                }

                response.ContentType = "application/json; charset=utf-8";
                await response.WriteAsync(json.ToJsonString());
                return;
            case TokenEndpointBehavior.ServerErrorHtml:
                var filler = new StringBuilder();
                for (int i = 1; i <= 40; i++)
                {
                    filler.Append(CultureInfo.InvariantCulture, $"<p class=\"trace\">at Provider.TokenService.Issue() line {i}: the database is unreachable</p>\n");
                }

                response.StatusCode = StatusCodes.Status500InternalServerError;
                await HtmlAsync(response, "500 Internal Server Error", "<h2 id=\"error\">Something went wrong on our side.</h2>\n" + filler);
                return;
            case TokenEndpointBehavior.EmptyBody:
                response.ContentType = FormUrlEncoding.MediaType;
                return;
            case TokenEndpointBehavior.HtmlPage:
                await HtmlAsync(response, "Sign in", "<form method=\"post\" action=\"/login\"><input name=\"username\"><input type=\"password\" name=\"password\"><button>Sign in</button></form>");
                return;
            case TokenEndpointBehavior.MissingTokenSecret:
                token.RemoveAll(pair => pair.Key == OAuth1Parameters.TokenSecret);
                break;
            case TokenEndpointBehavior.CallbackNotConfirmed:
                token.RemoveAll(pair => pair.Key == OAuth1Parameters.CallbackConfirmed);
                break;
            case TokenEndpointBehavior.WithoutUserId:
                token.RemoveAll(pair => pair.Key is "user_id" or "screen_name");
                break;
        }

        response.ContentType = FormUrlEncoding.MediaType;
        await response.WriteAsync(FormUrlEncoding.Format(token));
    }

    private static Task HtmlAsync(HttpResponse response, string title, string body)
    {
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync($"<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n{body}\n</body>\n</html>\n");
    }

    /// <summary>The registered client named by the request's <c>oauth_consumer_key</c> (header, query or form; not yet verified).</summary>
    private async Task<ProviderConsumer?> SigningConsumerAsync(HttpContext context)
    {
        OAuth1IncomingRequest incoming = await context.Request.ToOAuth1IncomingRequestAsync(context.RequestAborted);
        string? key = null;
        if (incoming.AuthorizationHeader is { } header)
        {
            try
            {
                key = Find(OAuth1AuthorizationHeader.Parse(header)) is { } encoded ? OAuth1PercentEncoding.Decode(encoded) : null;
            }
            catch (FormatException)
            {
                // Not an OAuth header: the provider will refuse the request.
            }
        }

        key ??= Find(FormUrlEncoding.Parse(incoming.Uri.Query));
        if (key is null && incoming.HasFormBody)
        {
            key = Find(FormUrlEncoding.Parse(incoming.Body.Span));
        }

        return key is null ? null : Provider.FindConsumer(key);
    }

    private static string? Find(IReadOnlyList<KeyValuePair<string, string>> pairs) =>
        pairs.FirstOrDefault(pair => pair.Key == OAuth1Parameters.ConsumerKey).Value;
}
