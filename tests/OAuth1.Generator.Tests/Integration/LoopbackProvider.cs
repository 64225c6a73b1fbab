using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OAuth1.TestSupport;

namespace OAuth1.Generator.Tests.Integration;

/// <summary>
/// The shared <see cref="TestProvider"/> with this project's API under <c>/api/</c> (it takes over that path from the
/// sample provider): every request's signature is verified (nonces remembered, so a replay fails) and answered 401
/// when it is invalid; then what was received is echoed as JSON, or a scripted answer is played.
/// </summary>
public sealed class LoopbackProvider : IAsyncDisposable
{
    public const string ConsumerKey = "generated-client";
    public const string ConsumerSecret = "kd94hf93k423kf44";
    public const string Token = "nnch734d00sl2jdk";
    public const string TokenSecret = "pfkkdhi9sl3r4s00";
    public const string OtherToken = "second-user-token";
    public const string OtherTokenSecret = "second-user-secret";

    private readonly ConcurrentDictionary<string, int> _flakyAttempts = new(StringComparer.Ordinal);
    private TestProvider _host = null!;

    private LoopbackProvider(RSA clientKey) => ClientKey = clientKey;

    /// <summary>The client's RSA key pair (the provider holds the public half).</summary>
    public RSA ClientKey { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Signals each arrival of a request to <c>/wait</c>.</summary>
    public TaskCompletionSource WaitArrived { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<ReceivedRequest> Received => _host.Recorder.Verified;

    public ReceivedRequest Last => _host.Recorder.Verified[^1];

    public static async Task<LoopbackProvider> StartAsync()
    {
        var provider = new LoopbackProvider(RSA.Create(2048));
        provider._host = await TestProvider.StartAsync(map: (app, host) => app.Use((context, next) =>
            context.Request.Path.StartsWithSegments("/api") ? provider.HandleAsync(context, host) : next(context)));
        var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(provider.ClientKey.ExportSubjectPublicKeyInfo(), out _);
        provider._host.Credentials
            .AddConsumer(ConsumerKey, ConsumerSecret, publicKey)
            .AddToken(ConsumerKey, Token, TokenSecret)
            .AddToken(ConsumerKey, OtherToken, OtherTokenSecret);
        provider.BaseAddress = new Uri(provider._host.BaseAddress, "api/");
        return provider;
    }

    public void ResetWait() => WaitArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public OAuth1Options HmacOptions() => new()
    {
        ConsumerKey = ConsumerKey,
        ConsumerSecret = ConsumerSecret,
        TokenCredentials = new OAuth1Token(Token, TokenSecret),
    };

    public HttpClient CreateHttpClient(HttpMessageHandler? handler = null) =>
        new(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        ClientKey.Dispose();
    }

    private async Task HandleAsync(HttpContext context, TestProvider host)
    {
        HttpRequest request = context.Request;
        ReceivedRequest received = await host.VerifyAsync(context);
        OAuth1VerificationResult verification = received.Verification;

        if (!verification.IsValid)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = $"OAuth realm=\"loopback\", oauth_problem=\"{verification.Problem}\"";
            await context.Response.WriteAsync($"oauth_problem={verification.Problem}&detail={Uri.EscapeDataString(verification.Message)}");
            return;
        }

        string path = request.Path.Value ?? string.Empty;
        if (path.StartsWith("/api/status/", StringComparison.Ordinal))
        {
            // A failure with a body longer than the excerpt, and a secret-looking field the excerpt must hide.
            context.Response.StatusCode = int.Parse(path["/api/status/".Length..], System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["X-Error-Id"] = "e-42";
            await context.Response.WriteAsync("oauth_problem=permission_denied&oauth_token_secret=leaked&detail=" + new string('x', 2000));
        }
        else if (path == "/api/null")
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("null");
        }
        else if (path == "/api/text")
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("plain text ✓");
        }
        else if (path == "/api/wait")
        {
            WaitArrived.TrySetResult();
            try
            {
                // Not a sleep: waits until the client gives up and the connection is aborted.
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        }
        else if (path.StartsWith("/api/flaky/", StringComparison.Ordinal) && _flakyAttempts.AddOrUpdate(path, 1, (_, n) => n + 1) == 1)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
        else if (request.Method != HttpMethods.Head)
        {
            await WriteEchoAsync(context, received);
        }
    }

    private static async Task WriteEchoAsync(HttpContext context, ReceivedRequest received)
    {
        string query = received.RawTarget.Contains('?') ? received.RawTarget[(received.RawTarget.IndexOf('?') + 1)..] : string.Empty;
        bool isForm = context.Request.HasFormContentType;
        var echo = new EchoResponse(
            received.Method,
            received.RawTarget,
            [.. FormUrlEncoding.Parse(query).Where(p => !p.Key.StartsWith("oauth_", StringComparison.Ordinal)).Select(p => new Pair(p.Key, p.Value))],
            isForm ? [.. FormUrlEncoding.Parse(received.Body.AsSpan()).Where(p => !p.Key.StartsWith("oauth_", StringComparison.Ordinal)).Select(p => new Pair(p.Key, p.Value))] : [],
            received.Headers.Where(h => h.Key.StartsWith("X-", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("Content-Language", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value, StringComparer.Ordinal),
            received.ContentType,
            isForm ? string.Empty : Encoding.UTF8.GetString(received.Body),
            received.Verification.Token,
            received.Verification.SignatureMethod);
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(echo, IntegrationJsonContext.Default.EchoResponse));
    }
}
