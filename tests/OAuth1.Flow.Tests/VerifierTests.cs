using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OAuth1Gen.Provider;

namespace OAuth1.Flow.Tests;

/// <summary>Replays and stale timestamps, refused by the verifier directly and through the provider.</summary>
public sealed class VerifierTests : IClassFixture<ProviderFixture>
{
    private readonly ProviderFixture _fixture;

    public VerifierTests(ProviderFixture fixture) => _fixture = fixture;

    private EmbeddedProvider Provider => _fixture.Provider;

    private OAuth1Options AccessOptions(TimeProvider? clock = null) => new()
    {
        ConsumerKey = DemoAccounts.ConsumerKey,
        ConsumerSecret = DemoAccounts.ConsumerSecret,
        TokenCredentials = Provider.IssueAccessToken(DemoAccounts.ConsumerKey),
        TimeProvider = clock ?? TimeProvider.System,
    };

    [Fact]
    public async Task Verifier_AcceptsASignedRequestOnce_ThenRefusesTheReplayedNonce()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Provider.EchoUrl + "?a=1")
        {
            Content = new FormUrlEncodedContent([new("b", "2")]),
        };
        await OAuth1Signer.SignAsync(request, AccessOptions());
        OAuth1IncomingRequest incoming = await OAuth1IncomingRequest.FromHttpRequestMessageAsync(request);

        OAuth1VerificationResult first = await Provider.Verifier.VerifyAsync(incoming);
        OAuth1VerificationResult replay = await Provider.Verifier.VerifyAsync(incoming);

        Assert.True(first.IsValid, first.ToString());
        Assert.Equal(DemoAccounts.ConsumerKey, first.ConsumerKey);
        Assert.Equal("2", first.Get("b"));
        Assert.False(replay.IsValid);
        Assert.Equal(OAuth1VerificationFailure.NonceUsed, replay.Failure);
        Assert.Equal("nonce_used", replay.Problem);
        Assert.Equal(first.BaseString, replay.BaseString);
    }

    [Fact]
    public async Task Verifier_RefusesAnOldTimestamp_AndAcceptsOneInsideTheWindow()
    {
        var serverClock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var store = new FakeCredentialStore().AddConsumer("k", "consumer-secret");
        var verifier = new OAuth1RequestVerifier(store, new OAuth1VerifierOptions
        {
            TimeProvider = serverClock,
            NonceStore = new InMemoryNonceStore(timeProvider: serverClock),
        });

        async Task<OAuth1VerificationResult> SignedAt(DateTimeOffset when)
        {
            var clientClock = new FakeTimeProvider(when);
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/resource");
            await OAuth1Signer.SignAsync(request, new OAuth1Options { ConsumerKey = "k", ConsumerSecret = "consumer-secret", TimeProvider = clientClock });
            return await verifier.VerifyAsync(await OAuth1IncomingRequest.FromHttpRequestMessageAsync(request));
        }

        OAuth1VerificationResult old = await SignedAt(serverClock.GetUtcNow().AddMinutes(-6));
        OAuth1VerificationResult future = await SignedAt(serverClock.GetUtcNow().AddMinutes(6));
        OAuth1VerificationResult recent = await SignedAt(serverClock.GetUtcNow().AddMinutes(-4));

        Assert.Equal(OAuth1VerificationFailure.TimestampRefused, old.Failure);
        Assert.Equal("timestamp_refused", old.Problem);
        Assert.Equal(OAuth1VerificationFailure.TimestampRefused, future.Failure);
        Assert.True(recent.IsValid, recent.ToString());
    }

    [Fact]
    public async Task Provider_RefusesTheSameSignedRequestSentTwice()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Provider.UserUrl);
        await OAuth1Signer.SignAsync(request, AccessOptions());
        string authorization = request.Headers.Authorization!.ToString();
        using var plain = new HttpClient();

        async Task<HttpResponseMessage> SendCopyAsync()
        {
            using var copy = new HttpRequestMessage(HttpMethod.Get, Provider.UserUrl);
            copy.Headers.TryAddWithoutValidation("Authorization", authorization);
            return await plain.SendAsync(copy);
        }

        using HttpResponseMessage first = await SendCopyAsync();
        using HttpResponseMessage replay = await SendCopyAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        var problem = FormUrlEncoding.Parse(await replay.Content.ReadAsStringAsync()).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("nonce_used", problem["oauth_problem"]);
        Assert.Contains("replay", problem["oauth_problem_advice"]);
        Assert.Contains("oauth_problem=\"nonce_used\"", replay.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Provider_RefusesAnOldTimestamp_OnResourcesAndTokenEndpoints()
    {
        var slowClock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        using var session = new OAuth1Session(AccessOptions(slowClock));

        using HttpResponseMessage resource = await session.GetAsync(Provider.UserUrl);
        Assert.Equal(HttpStatusCode.Unauthorized, resource.StatusCode);
        Assert.Contains("oauth_problem=timestamp_refused", await resource.Content.ReadAsStringAsync());

        session.Token = null;
        var problem = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchRequestTokenAsync(Provider.RequestTokenUrl));
        Assert.Equal(HttpStatusCode.Unauthorized, problem.StatusCode);
        Assert.Equal("timestamp_refused", problem.Problem);
        string[] window = problem.ProblemParameters["oauth_acceptable_timestamps"].Split('-');
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(now, long.Parse(window[0]), long.Parse(window[1]));
    }

    [Fact]
    public async Task Provider_VerifiesPathAndQueryExactlyAsSent()
    {
        using var session = new OAuth1Session(AccessOptions());

        // Escapes that HttpRequest.Path decodes (%3A, %40, %20) and a reserved character in the query: signing
        // and verifying from the decoded path would compute another base string.
        using HttpResponseMessage response = await session.GetAsync(Provider.EchoUrl + "/a%2Fb/c%20d%3Ae%40f?x=%2B1&y=%E2%9C%93");

        System.Text.Json.JsonElement echo = await ProviderFixture.JsonAsync(response);
        Assert.Equal("/api/echo/a%2Fb/c%20d%3Ae%40f", ProviderFixture.Str(echo, "raw_path"));
        Assert.Equal("+1", ProviderFixture.Pair(echo.GetProperty("query"), "x"));
        Assert.Equal("\u2713", ProviderFixture.Pair(echo.GetProperty("query"), "y"));
        Assert.True(echo.GetProperty("verification").GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Provider_RefusesPlaintextOverHttp_WhenNotAllowed()
    {
        ProviderSettings settings = ProviderSettings.CreateDemo();
        await using EmbeddedProvider strict = await EmbeddedProvider.StartAsync(settings);
        using var session = new OAuth1Session(new OAuth1Options
        {
            ConsumerKey = DemoAccounts.ConsumerKey,
            ConsumerSecret = DemoAccounts.ConsumerSecret,
            SignatureMethod = OAuth1SignatureMethod.Plaintext,
            AllowPlaintextOverHttp = true,
        });

        var problem = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchRequestTokenAsync(strict.RequestTokenUrl));

        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode);
        Assert.Equal("signature_method_rejected", problem.Problem);
        Assert.DoesNotContain(DemoAccounts.ConsumerSecret, problem.Message);
    }
}
