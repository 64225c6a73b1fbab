using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OAuth1.Tests.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (port 0) that verifies every request with <see cref="OAuth1RequestVerifier"/>
/// and answers what it saw as JSON. Consumer <c>ck</c>/<c>cs</c> (with an RSA key pair), tokens <c>user-N</c>/<c>secret-N</c>.
/// </summary>
public sealed class LoopbackSigningServer : IAsyncDisposable
{
    public const string ConsumerKey = "ck";
    public const string ConsumerSecret = "cs";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    private LoopbackSigningServer(WebApplication app, RSA key)
    {
        _app = app;
        RsaKey = key;
    }

    public RSA RsaKey { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<EchoResult> Received { get; } = new();

    public static async Task<LoopbackSigningServer> StartAsync()
    {
        var key = RSA.Create(2048);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LoopbackSigningServer(app, key);
        var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        var verifier = new OAuth1RequestVerifier(new Store(publicKey), new OAuth1VerifierOptions { AllowPlaintextOverHttp = true });

        app.MapMethods("/redirect/{status:int}", ["GET", "POST", "PUT"], (int status, string to, HttpContext context) =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = to;
            return Task.CompletedTask;
        });
        app.MapMethods("/flaky/{key}", ["GET", "POST"], async (string key, HttpContext context) =>
        {
            EchoResult echo = await server.VerifyAsync(verifier, context);
            if (server._attempts.AddOrUpdate(key, 1, (_, n) => n + 1) == 1)
            {
                context.Response.StatusCode = 503;
                return;
            }

            await context.Response.WriteAsJsonAsync(echo);
        });
        app.Map("/{**path}", async (HttpContext context) =>
        {
            EchoResult echo = await server.VerifyAsync(verifier, context);
            context.Response.StatusCode = echo.Valid ? 200 : 401;
            await context.Response.WriteAsJsonAsync(echo);
        });

        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public static async Task<EchoResult> ReadEchoAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<EchoResult>())!;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        RsaKey.Dispose();
    }

    private async Task<EchoResult> VerifyAsync(OAuth1RequestVerifier verifier, HttpContext context)
    {
        string rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var uri = new Uri($"{context.Request.Scheme}://{context.Request.Host}{rawTarget}");
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var incoming = new OAuth1IncomingRequest(context.Request.Method, uri)
        {
            AuthorizationHeader = context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null,
            ContentType = context.Request.ContentType,
            Body = body.ToArray(),
        };
        OAuth1VerificationResult result = await verifier.VerifyAsync(incoming);
        var echo = new EchoResult(
            result.IsValid,
            result.Failure.ToString(),
            result.Get(OAuth1Parameters.Nonce),
            result.Get(OAuth1Parameters.Timestamp),
            result.SignatureMethod,
            result.Token,
            result.BaseString,
            incoming.AuthorizationHeader,
            rawTarget,
            System.Text.Encoding.UTF8.GetString(body.ToArray()),
            context.Request.Method,
            result.Get(OAuth1Parameters.BodyHash));
        Received.Enqueue(echo);
        return echo;
    }

    public sealed record EchoResult(
        bool Valid,
        string Failure,
        string? Nonce,
        string? Timestamp,
        string? SignatureMethod,
        string? Token,
        string? BaseString,
        string? Authorization,
        string RawTarget,
        string Body,
        string Method,
        string? BodyHash);

    private sealed class Store(RSA publicKey) : IOAuth1CredentialStore
    {
        public ValueTask<OAuth1ConsumerCredentials?> FindConsumerAsync(string consumerKey, CancellationToken cancellationToken) =>
            ValueTask.FromResult(consumerKey == ConsumerKey ? new OAuth1ConsumerCredentials(ConsumerSecret, publicKey) : null);

        public ValueTask<string?> FindTokenSecretAsync(string consumerKey, string token, CancellationToken cancellationToken) =>
            ValueTask.FromResult(token.StartsWith("user-", StringComparison.Ordinal) ? "secret-" + token["user-".Length..] : null);
    }
}
