using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OAuth1.Refit.Tests.Infrastructure;

/// <summary>
/// The shared <see cref="TestProvider"/> with this project's routes: the OAuth 1.0a signature of every request is
/// verified twice, with OAuth1.Core's <see cref="OAuth1RequestVerifier"/> and with the test-only
/// <see cref="IndependentVerifier"/> (which shares no code with the engine); the server records what it received,
/// and answers: 200 with an <see cref="Echo"/> when both accept the request, 401 with an <c>oauth_problem</c> report
/// when both refuse it, and 401 <c>verifiers_disagree</c> when they disagree (which fails any test). A few paths behave
/// differently: <c>/fail-once/*</c> answers 503 to its first attempt, <c>/redirect</c> redirects to
/// <c>/echo/after-redirect</c>, <c>/problem</c> always answers 401 <c>token_rejected</c>, <c>/status/{code}</c>
/// answers that status without a problem report.
/// </summary>
public sealed class OAuth1TestServer : IAsyncLifetime
{
    public const string ConsumerKey = "refit-consumer";

    /// <summary>A secret with characters that percent-encoding must handle.</summary>
    public const string ConsumerSecret = "consumer secret/~&+=";

    public static readonly OAuth1Token User = new("user-token", "user secret ü&");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private TestProvider? _host;

    /// <summary>The independent verifier, over the same consumer and tokens as OAuth1.Core's.</summary>
    public IndependentVerifier Verifier { get; private set; } = null!;

    public Uri BaseAddress => _host!.BaseAddress;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public IReadOnlyList<ReceivedRequest> RequestsTo(string pathPart) =>
        Requests.Where(r => r.RawTarget.Contains(pathPart, StringComparison.Ordinal)).ToList();

    /// <summary>Options for this server's consumer and the default user, HMAC-SHA1 in the header unless changed.</summary>
    public static OAuth1Options Options(Action<OAuth1Options>? configure = null)
    {
        var options = new OAuth1Options
        {
            ConsumerKey = ConsumerKey,
            ConsumerSecret = ConsumerSecret,
            TokenCredentials = User,
        };
        configure?.Invoke(options);
        return options;
    }

    public async Task InitializeAsync()
    {
        _host = await TestProvider.StartAsync(map: (app, _) => app.Map("/{**path}", HandleAsync));
        _host.Credentials.AddConsumer(ConsumerKey, ConsumerSecret, TestKeys.RsaPublic).AddToken(ConsumerKey, User.Token, User.TokenSecret);
        Verifier = new IndependentVerifier(_host.Credentials, ConsumerKey);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        VerifiedRequest core = await _host!.VerifyAsync(context);
        VerificationResult result = Verifier.Verify(request.Method, request.Scheme, request.Host.Value!, core.RawTarget, core.Authorization, core.ContentType, core.ContentEncoding, core.Body);
        if (core.Verification.IsValid != result.Verified)
        {
            result.Verified = false;
            result.Fail("verifiers_disagree", $"OAuth1RequestVerifier: {core.Verification}; independent verifier: {(result.Failure ?? "valid")}");
        }
        var received = new ReceivedRequest(core.Method, core.RawTarget, core.Authorization, core.ContentType, core.ContentEncoding, core.Body, result);
        Requests.Enqueue(received);
        string rawTarget = core.RawTarget;
        byte[] body = core.Body;

        string path = request.Path.Value ?? "/";
        if (path.StartsWith("/fail-once/", StringComparison.Ordinal) && _attempts.AddOrUpdate(path, 1, (_, n) => n + 1) == 1)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (path == "/problem")
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "OAuth realm=\"refit-tests\", oauth_problem=\"token_rejected\"";
            context.Response.ContentType = "application/x-www-form-urlencoded";
            await context.Response.WriteAsync("oauth_problem=token_rejected&oauth_problem_advice=The%20token%20was%20revoked");
            return;
        }

        if (path.StartsWith("/status/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = int.Parse(path["/status/".Length..], System.Globalization.CultureInfo.InvariantCulture);
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("no oauth problem here");
            return;
        }

        if (!result.Verified)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = $"OAuth realm=\"refit-tests\", oauth_problem=\"{result.Problem}\"";
            context.Response.ContentType = "application/x-www-form-urlencoded";
            await context.Response.WriteAsync($"oauth_problem={result.Problem}&oauth_problem_advice={Uri.EscapeDataString(result.Failure ?? string.Empty)}");
            return;
        }

        if (path == "/redirect")
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = "/echo/after-redirect?from=redirect";
            return;
        }

        var echo = new Echo
        {
            Method = request.Method,
            RawTarget = rawTarget,
            Token = result.Token,
            Nonce = result.Nonce,
            SignatureMethod = result.SignatureMethod,
            Location = result.Location,
            BodyHash = result.BodyHash,
            ContentType = request.ContentType,
            Body = Encoding.UTF8.GetString(body),
            QueryParameters = result.QueryParameters.Where(p => !p.Name.StartsWith("oauth_", StringComparison.Ordinal)).Select(p => new[] { p.Name, p.Value }).ToList(),
            BodyParameters = result.BodyParameters.Where(p => !p.Name.StartsWith("oauth_", StringComparison.Ordinal)).Select(p => new[] { p.Name, p.Value }).ToList(),
            BaseString = result.BaseString,
        };
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(echo, Json));
    }
}

public sealed record ReceivedRequest(
    string Method,
    string RawTarget,
    string? Authorization,
    string? ContentType,
    string? ContentEncoding,
    byte[] Body,
    VerificationResult Result);

/// <summary>What the server saw of a verified request.</summary>
public sealed class Echo
{
    public string Method { get; set; } = string.Empty;

    public string RawTarget { get; set; } = string.Empty;

    public string? Token { get; set; }

    public string? Nonce { get; set; }

    public string? SignatureMethod { get; set; }

    public string? Location { get; set; }

    public string? BodyHash { get; set; }

    public string? ContentType { get; set; }

    public string? Body { get; set; }

    /// <summary>The non-protocol query parameters, decoded, in order.</summary>
    public List<string[]> QueryParameters { get; set; } = [];

    /// <summary>The non-protocol form body parameters, decoded, in order.</summary>
    public List<string[]> BodyParameters { get; set; } = [];

    public string? BaseString { get; set; }
}

public static class TestKeys
{
    private static readonly Lazy<RSA> Key = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> Public = new(() =>
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(Key.Value.ExportParameters(includePrivateParameters: false));
        return rsa;
    });

    /// <summary>The client's private key (generated per test run).</summary>
    public static RSA RsaPrivate => Key.Value;

    /// <summary>Only the public half, for the server.</summary>
    public static RSA RsaPublic => Public.Value;
}
