using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OAuth1.Generator.Tests.Integration;

/// <summary>
/// A provider on 127.0.0.1 (Kestrel, port 0) that verifies every request's signature with
/// <see cref="OAuth1RequestVerifier"/> (nonces remembered, so a replay fails) and answers 401 when it is invalid; then
/// echoes what it received as JSON, or plays a scripted answer.
/// </summary>
public sealed class LoopbackProvider : IAsyncDisposable
{
    public const string ConsumerKey = "generated-client";
    public const string ConsumerSecret = "kd94hf93k423kf44";
    public const string Token = "nnch734d00sl2jdk";
    public const string TokenSecret = "pfkkdhi9sl3r4s00";
    public const string OtherToken = "second-user-token";
    public const string OtherTokenSecret = "second-user-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly ConcurrentDictionary<string, int> _flakyAttempts = new(StringComparer.Ordinal);
    private readonly OAuth1RequestVerifier _verifier;

    private LoopbackProvider(WebApplication app, RSA clientKey)
    {
        _app = app;
        ClientKey = clientKey;
        var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(clientKey.ExportSubjectPublicKeyInfo(), out _);
        _verifier = new OAuth1RequestVerifier(new Store(publicKey), new OAuth1VerifierOptions { AllowPlaintextOverHttp = true });
    }

    /// <summary>The client's RSA key pair (the provider holds the public half).</summary>
    public RSA ClientKey { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Signals each arrival of a request to <c>/wait</c>.</summary>
    public TaskCompletionSource WaitArrived { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<ReceivedRequest> Received => _received;

    public ReceivedRequest Last => _received.Last();

    public static async Task<LoopbackProvider> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var provider = new LoopbackProvider(app, RSA.Create(2048));
        app.Run(provider.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.BaseAddress = new Uri(address.TrimEnd('/') + "/api/");
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
        await _app.StopAsync();
        await _app.DisposeAsync();
        ClientKey.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
        }

        var incoming = new OAuth1IncomingRequest(request.Method, new Uri($"{request.Scheme}://{request.Host}{rawTarget}"))
        {
            AuthorizationHeader = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null,
            ContentType = request.ContentType,
            Body = body,
        };
        OAuth1VerificationResult verification = await _verifier.VerifyAsync(incoming, context.RequestAborted);
        var received = new ReceivedRequest(
            request.Method,
            rawTarget,
            incoming.AuthorizationHeader,
            request.Headers.Authorization.Count,
            request.ContentType,
            body,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            verification);
        _received.Enqueue(received);

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

    /// <summary>The client, its two tokens, and its RSA public key.</summary>
    private sealed class Store(RSA publicKey) : IOAuth1CredentialStore
    {
        public ValueTask<OAuth1ConsumerCredentials?> FindConsumerAsync(string consumerKey, CancellationToken cancellationToken) =>
            ValueTask.FromResult(consumerKey == ConsumerKey ? new OAuth1ConsumerCredentials(ConsumerSecret, publicKey) : null);

        public ValueTask<string?> FindTokenSecretAsync(string consumerKey, string token, CancellationToken cancellationToken) =>
            ValueTask.FromResult(consumerKey != ConsumerKey ? null : token switch
            {
                Token => TokenSecret,
                OtherToken => OtherTokenSecret,
                _ => null,
            });
    }
}

/// <summary>One request as the provider received it.</summary>
public sealed record ReceivedRequest(
    string Method,
    string RawTarget,
    string? Authorization,
    int AuthorizationHeaderCount,
    string? ContentType,
    byte[] Body,
    Dictionary<string, string> Headers,
    OAuth1VerificationResult Verification)
{
    public string? Nonce => Verification.Get(OAuth1Parameters.Nonce);

    public string BodyText => Encoding.UTF8.GetString(Body);
}
