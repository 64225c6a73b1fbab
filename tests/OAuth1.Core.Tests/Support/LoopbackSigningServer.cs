using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OAuth1.Tests.Support;

/// <summary>
/// The shared <see cref="TestProvider"/> with this project's routes: every request is verified against consumer
/// <c>ck</c>/<c>cs</c> (with an RSA key pair) and tokens <c>user-N</c>/<c>secret-N</c> (N below 100), and answered
/// with what the server saw as JSON (401 when invalid). <c>/redirect/{status}?to=</c> redirects without verifying;
/// <c>/flaky/{key}</c> answers 503 to its first attempt.
/// </summary>
public sealed class LoopbackSigningServer : IAsyncDisposable
{
    public const string ConsumerKey = "ck";
    public const string ConsumerSecret = "cs";
    private const int Users = 100;

    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private TestProvider _host = null!;

    private LoopbackSigningServer(RSA key) => RsaKey = key;

    public RSA RsaKey { get; }

    public Uri BaseAddress => _host.BaseAddress;

    /// <summary>What the server saw of each verified request, in arrival order.</summary>
    public IEnumerable<EchoResult> Received => _host.Recorder.Verified.Select(Echo);

    public static async Task<LoopbackSigningServer> StartAsync()
    {
        var server = new LoopbackSigningServer(RSA.Create(2048));
        server._host = await TestProvider.StartAsync(map: server.Map);
        var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(server.RsaKey.ExportSubjectPublicKeyInfo(), out _);
        server._host.Credentials.AddConsumer(ConsumerKey, ConsumerSecret, publicKey);
        for (int n = 0; n < Users; n++)
        {
            server._host.Credentials.AddToken(ConsumerKey, $"user-{n}", $"secret-{n}");
        }

        return server;
    }

    public static async Task<EchoResult> ReadEchoAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<EchoResult>())!;

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        RsaKey.Dispose();
    }

    private void Map(WebApplication app, TestProvider host)
    {
        app.MapMethods("/redirect/{status:int}", ["GET", "POST", "PUT"], (int status, string to, HttpContext context) =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = to;
            return Task.CompletedTask;
        });
        app.MapMethods("/flaky/{key}", ["GET", "POST"], async (string key, HttpContext context) =>
        {
            EchoResult echo = Echo(await host.VerifyAsync(context));
            if (_attempts.AddOrUpdate(key, 1, (_, n) => n + 1) == 1)
            {
                context.Response.StatusCode = 503;
                return;
            }

            await context.Response.WriteAsJsonAsync(echo);
        });
        app.Map("/{**path}", async (HttpContext context) =>
        {
            EchoResult echo = Echo(await host.VerifyAsync(context));
            context.Response.StatusCode = echo.Valid ? 200 : 401;
            await context.Response.WriteAsJsonAsync(echo);
        });
    }

    private static EchoResult Echo(VerifiedRequest request)
    {
        OAuth1VerificationResult result = request.Verification;
        return new EchoResult(
            result.IsValid,
            result.Failure.ToString(),
            result.Get(OAuth1Parameters.Nonce),
            result.Get(OAuth1Parameters.Timestamp),
            result.SignatureMethod,
            result.Token,
            result.BaseString,
            request.Authorization,
            request.RawTarget,
            request.BodyText,
            request.Method,
            result.Get(OAuth1Parameters.BodyHash));
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
}
