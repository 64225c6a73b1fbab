using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OAuth1.TestSupport;

namespace OAuth1.AspNetCore.Tests;

/// <summary>Issue 12: <c>AddOAuth1Signature</c>, OAuth 1.0a resource protection, on Kestrel over loopback.</summary>
public sealed class SignatureSchemeTests : IAsyncLifetime
{
    private const string Scheme = "api";
    private WebApplication _app = null!;
    private Uri _base = null!;
    private IOAuth1NonceStore? _nonceStore;

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task StartAsync(IOAuth1NonceStore? nonceStore = null)
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _nonceStore = nonceStore;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IOAuth1CredentialStore>(new FakeCredentialStore().AddConsumer("ck", "cs").AddToken("ck", "tok", "ts"));
        if (_nonceStore is not null)
        {
            builder.Services.AddSingleton(_nonceStore);
        }

        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication().AddOAuth1Signature(Scheme, o =>
        {
            o.Realm = "tests";
            o.MaxBodySize = 4096;
            o.Events.OnValidated = context =>
            {
                ((ClaimsIdentity)context.Principal!.Identity!).AddClaim(new Claim("app_role", "reader"));
                return Task.CompletedTask;
            };
        });
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });
        _app = builder.Build();
        _app.UseForwardedHeaders();
        _app.Use((context, next) =>
        {
            // A proxy that strips "/prefix": the app restores it, so the signed path is PathBase + Path.
            if (context.Request.Headers.TryGetValue("X-Forwarded-Prefix", out var prefix))
            {
                context.Request.PathBase = prefix.ToString();
            }

            return next(context);
        });
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapMethods("/api/me", ["GET", "POST"], (HttpContext context) =>
        {
            OAuth1VerificationResult verified = context.Features.Get<IOAuth1VerificationFeature>()!.Result;
            return Results.Json(new Dictionary<string, string?>
            {
                ["consumer"] = context.User.FindFirst("oauth_consumer_key")?.Value,
                ["token"] = context.User.FindFirst("oauth_token")?.Value,
                ["role"] = context.User.FindFirst("app_role")?.Value,
                ["verifier"] = verified.Verifier,
                ["signature"] = verified.Get("oauth_signature"),
            });
        }).RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = Scheme });
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _base = new Uri(address.TrimEnd('/') + "/");
    }

    private static OAuth1Options Client(Action<OAuth1Options>? configure = null)
    {
        var options = new OAuth1Options { ConsumerKey = "ck", ConsumerSecret = "cs", Token = "tok", TokenSecret = "ts" };
        configure?.Invoke(options);
        return options;
    }

    private HttpClient SignedClient(OAuth1Options options) =>
        new(new OAuth1Handler(options, new SocketsHttpHandler { AllowAutoRedirect = false })) { BaseAddress = _base };

    private static async Task<Dictionary<string, string?>> JsonAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(await response.Content.ReadAsStringAsync())!;

    [Fact]
    public async Task A_signed_request_is_authenticated_with_consumer_and_token_claims_and_the_verification_feature()
    {
        using HttpClient http = SignedClient(Client());
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/me");
        request.Options.Set(OAuth1RequestOptions.RequestParameters, new OAuth1RequestParameters { Verifier = "v-7" });

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Dictionary<string, string?> body = await JsonAsync(response);
        Assert.Equal("ck", body["consumer"]);
        Assert.Equal("tok", body["token"]);
        Assert.Equal("reader", body["role"]);
        Assert.Equal("v-7", body["verifier"]);
        Assert.Null(body["signature"]);
    }

    [Fact]
    public async Task A_request_without_OAuth_parameters_gets_a_401_challenge_with_the_realm()
    {
        using var http = new HttpClient { BaseAddress = _base };

        using HttpResponseMessage response = await http.GetAsync("api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("OAuth realm=\"tests\"", response.Headers.WwwAuthenticate.ToString());
    }

    public static TheoryData<string, HttpStatusCode, string> Failures() => new()
    {
        { "bad secret", HttpStatusCode.Unauthorized, "signature_invalid" },
        { "unknown consumer", HttpStatusCode.Unauthorized, "consumer_key_unknown" },
        { "unknown token", HttpStatusCode.Unauthorized, "token_rejected" },
        { "unsupported method", HttpStatusCode.BadRequest, "signature_method_rejected" },
        { "duplicated parameter", HttpStatusCode.BadRequest, "parameter_rejected" },
        { "stale timestamp", HttpStatusCode.Unauthorized, "timestamp_refused" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Each_failure_answers_with_its_status_and_oauth_problem_and_no_secret(string failure, HttpStatusCode status, string problem)
    {
        OAuth1Options options = Client(o =>
        {
            switch (failure)
            {
                case "bad secret": o.ConsumerSecret = "guessed-secret"; break;
                case "unknown consumer": o.ConsumerKey = "nobody"; break;
                case "unknown token": o.TokenCredentials = new OAuth1Token("stolen", "ts"); break;
                case "unsupported method": o.SignatureMethod = OAuth1SignatureMethod.Create("HMAC-MD5", (_, _, _) => "x"); break;
                case "stale timestamp": o.TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1)); break;
            }
        });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, "api/me"));
        await OAuth1Signer.SignAsync(request, options);
        if (failure == "duplicated parameter")
        {
            // Signed in the header, then the consumer key again in the query.
            request.RequestUri = new Uri(request.RequestUri + "?oauth_consumer_key=ck");
        }

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        string challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains($"oauth_problem=\"{problem}\"", challenge, StringComparison.Ordinal);
        Assert.Contains("realm=\"tests\"", challenge, StringComparison.Ordinal);
        string everything = challenge + await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("guessed-secret", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("ts", challenge.Replace("timestamp", string.Empty, StringComparison.Ordinal).Replace("tests", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_request_is_refused_with_nonce_used()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, "api/me"));
        await OAuth1Signer.SignAsync(request, Client());
        string authorization = request.Headers.Authorization!.ToString();

        using HttpResponseMessage first = await http.SendAsync(request);
        using var replay = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, "api/me"));
        replay.Headers.TryAddWithoutValidation("Authorization", authorization);
        using HttpResponseMessage second = await http.SendAsync(replay);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Contains("oauth_problem=\"nonce_used\"", second.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nonce_store_that_cannot_answer_is_a_503_with_retry_after()
    {
        await StartAsync(new UnavailableStore());
        using HttpClient http = SignedClient(Client());

        using HttpResponseMessage response = await http.GetAsync("api/me");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_form_body_over_the_size_limit_is_a_413()
    {
        using HttpClient http = SignedClient(Client());

        using HttpResponseMessage response = await http.PostAsync("api/me", new FormUrlEncodedContent([new("data", new string('x', 8000))]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Behind_a_proxy_the_public_scheme_host_and_stripped_prefix_are_what_is_verified()
    {
        // The client signs the public URL; the proxy sends http://127.0.0.1:port/api/me with forwarded headers.
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://public.example/prefix/api/me?x=1");
        await OAuth1Signer.SignAsync(request, Client());
        request.RequestUri = new Uri(_base, "api/me?x=1");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "public.example");
        using var http = new HttpClient();

        using HttpResponseMessage withoutPrefix = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutPrefix.StatusCode);

        using var again = new HttpRequestMessage(HttpMethod.Get, "https://public.example/prefix/api/me?x=1");
        await OAuth1Signer.SignAsync(again, Client());
        again.RequestUri = new Uri(_base, "api/me?x=1");
        again.Headers.Add("X-Forwarded-Proto", "https");
        again.Headers.Add("X-Forwarded-Host", "public.example");
        again.Headers.Add("X-Forwarded-Prefix", "/prefix");
        using HttpResponseMessage withPrefix = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, withPrefix.StatusCode);
    }

    private sealed class UnavailableStore : IOAuth1NonceStore
    {
        public ValueTask<OAuth1NonceResult> TryUseAsync(string consumerKey, string? token, string nonce, long timestamp, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
            ValueTask.FromResult(OAuth1NonceResult.Unavailable);
    }
}
