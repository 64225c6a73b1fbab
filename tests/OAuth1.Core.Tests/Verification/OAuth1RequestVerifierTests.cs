using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using OAuth1.Tests.Support;

namespace OAuth1.Tests.Verification;

/// <summary>The provider-side verifier: signature, timestamp window, nonce replay, and each failure it names.</summary>
public class OAuth1RequestVerifierTests
{
    private const long Now = 1_700_000_000;
    private readonly FakeTimeProvider _clock = FixedClock.At(Now);

    private OAuth1RequestVerifier Verifier(RSA? publicKey = null, Action<OAuth1VerifierOptions>? configure = null)
    {
        var options = new OAuth1VerifierOptions { TimeProvider = _clock, NonceStore = new InMemoryNonceStore(timeProvider: _clock) };
        configure?.Invoke(options);
        return new OAuth1RequestVerifier(new FakeCredentialStore().AddConsumer("ck", new OAuth1ConsumerCredentials("cs", publicKey)).AddToken("ck", "tok", "ts"), options);
    }

    private OAuth1Options Client(Action<OAuth1Options>? configure = null)
    {
        var options = new OAuth1Options { ConsumerKey = "ck", ConsumerSecret = "cs", Token = "tok", TokenSecret = "ts", TimeProvider = _clock };
        configure?.Invoke(options);
        return options;
    }

    private static async Task<OAuth1IncomingRequest> SignedAsync(OAuth1Options options, string url = "https://api.example.com/r?a=1", HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, url) { Content = new FormUrlEncodedContent([new("b", "2 3")]) };
        await OAuth1Signer.SignAsync(request, options);
        return await OAuth1IncomingRequest.FromHttpRequestMessageAsync(request);
    }

    [Theory]
    [InlineData(OAuth1SignatureLocation.Header)]
    [InlineData(OAuth1SignatureLocation.Query)]
    [InlineData(OAuth1SignatureLocation.Body)]
    public async Task A_signed_request_verifies_in_every_placement(OAuth1SignatureLocation location)
    {
        var result = await Verifier().VerifyAsync(await SignedAsync(Client(o => o.SignatureLocation = location)));
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal("tok", result.Token);
        Assert.Null(result.Problem);
    }

    [Fact]
    public async Task Rsa_signatures_verify_with_the_public_key_only()
    {
        using var key = RSA.Create(2048);
        using var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);

        var result = await Verifier(publicKey).VerifyAsync(await SignedAsync(Client(o => o.SignatureMethod = OAuth1SignatureMethod.RsaSha256(key))));

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(OAuth1VerificationFailure.SignatureMethodRejected, (await Verifier().VerifyAsync(await SignedAsync(Client(o => o.SignatureMethod = OAuth1SignatureMethod.RsaSha256(key))))).Failure);
    }

    [Fact]
    public async Task A_replayed_nonce_is_refused()
    {
        var verifier = Verifier();
        var request = await SignedAsync(Client());

        Assert.True((await verifier.VerifyAsync(request)).IsValid);
        var replay = await verifier.VerifyAsync(request);

        Assert.Equal(OAuth1VerificationFailure.NonceUsed, replay.Failure);
        Assert.Equal("nonce_used", replay.Problem);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task A_timestamp_outside_the_window_is_refused(int offsetSeconds)
    {
        var request = await SignedAsync(Client(o => o.TimeProvider = FixedClock.At(Now + offsetSeconds)));
        var result = await Verifier().VerifyAsync(request);
        Assert.Equal(OAuth1VerificationFailure.TimestampRefused, result.Failure);
        Assert.Equal("timestamp_refused", result.Problem);
    }

    [Fact]
    public async Task A_tampered_request_fails_with_the_base_string_the_provider_computed()
    {
        var request = await SignedAsync(Client());
        var tampered = new OAuth1IncomingRequest("POST", new Uri("https://api.example.com/r?a=2"))
        {
            AuthorizationHeader = request.AuthorizationHeader,
            ContentType = request.ContentType,
            Body = request.Body,
        };

        var result = await Verifier().VerifyAsync(tampered);

        Assert.Equal(OAuth1VerificationFailure.SignatureInvalid, result.Failure);
        Assert.Contains("a%3D2", result.BaseString, StringComparison.Ordinal);
        Assert.DoesNotContain("cs", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_consumer_and_unknown_token_are_told_apart()
    {
        Assert.Equal(OAuth1VerificationFailure.ConsumerKeyUnknown, (await Verifier().VerifyAsync(await SignedAsync(Client(o => o.ConsumerKey = "other")))).Failure);
        Assert.Equal(OAuth1VerificationFailure.TokenRejected, (await Verifier().VerifyAsync(await SignedAsync(Client(o => o.Token = "other")))).Failure);
    }

    [Fact]
    public async Task Plaintext_over_http_is_refused_unless_allowed()
    {
        var request = await SignedAsync(Client(o => { o.SignatureMethod = OAuth1SignatureMethod.Plaintext; o.AllowPlaintextOverHttp = true; }), "http://api.example.com/r");
        Assert.Equal(OAuth1VerificationFailure.SignatureMethodRejected, (await Verifier().VerifyAsync(request)).Failure);
        Assert.True((await Verifier(configure: o => o.AllowPlaintextOverHttp = true).VerifyAsync(request)).IsValid);
    }

    [Fact]
    public async Task Only_allowed_methods_are_accepted_when_a_list_is_given()
    {
        var request = await SignedAsync(Client());
        var result = await Verifier(configure: o => o.AllowedSignatureMethods.Add("HMAC-SHA256")).VerifyAsync(request);
        Assert.Equal(OAuth1VerificationFailure.SignatureMethodRejected, result.Failure);
    }

    [Fact]
    public async Task A_protocol_parameter_sent_twice_is_refused()
    {
        var request = await SignedAsync(Client());
        var doubled = new OAuth1IncomingRequest("POST", new Uri("https://api.example.com/r?a=1&oauth_nonce=x"))
        {
            AuthorizationHeader = request.AuthorizationHeader,
            ContentType = request.ContentType,
            Body = request.Body,
        };

        var result = await Verifier().VerifyAsync(doubled);

        Assert.Equal(OAuth1VerificationFailure.DuplicateParameter, result.Failure);
        Assert.Contains("oauth_nonce", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_parameters_and_a_malformed_header_are_named()
    {
        var noSignature = new OAuth1IncomingRequest("GET", new Uri("https://api.example.com/")) { AuthorizationHeader = "OAuth oauth_consumer_key=\"ck\", oauth_signature_method=\"HMAC-SHA1\"" };
        var malformed = new OAuth1IncomingRequest("GET", new Uri("https://api.example.com/")) { AuthorizationHeader = "OAuth oauth_consumer_key=ck" };

        var missing = await Verifier().VerifyAsync(noSignature);
        Assert.Equal(OAuth1VerificationFailure.ParameterAbsent, missing.Failure);
        Assert.Contains("oauth_signature", missing.Message, StringComparison.Ordinal);
        Assert.Equal(OAuth1VerificationFailure.MalformedRequest, (await Verifier().VerifyAsync(malformed)).Failure);
    }

    [Fact]
    public async Task A_version_other_than_1_0_is_refused()
    {
        var request = await SignedAsync(Client(o => { o.IncludeVersion = false; o.ExtraProtocolParameters["oauth_version"] = "2.0"; }));
        Assert.Equal(OAuth1VerificationFailure.VersionRejected, (await Verifier().VerifyAsync(request)).Failure);
    }

    private static DateTimeOffset At(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    /// <summary>Issue 12, defect 2: a full store used to drop its oldest nonce even while it was live.</summary>
    [Fact]
    public async Task A_full_in_memory_store_refuses_new_nonces_and_never_forgets_a_live_one()
    {
        var store = new InMemoryNonceStore(capacity: 10, timeProvider: _clock);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(OAuth1NonceResult.Accepted, await store.TryUseAsync("ck", null, "n" + i, Now, At(Now + 300), default));
        }

        Assert.Equal(OAuth1NonceResult.Unavailable, await store.TryUseAsync("ck", null, "n10", Now, At(Now + 300), default));
        Assert.Equal(OAuth1NonceResult.Replayed, await store.TryUseAsync("ck", null, "n0", Now, At(Now + 300), default));
        Assert.Equal(10, store.Count);

        _clock.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal(OAuth1NonceResult.Accepted, await store.TryUseAsync("ck", null, "n10", Now + 301, At(Now + 601), default));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task A_nonce_is_kept_until_the_expiry_the_verifier_gives_and_an_expiry_already_past_is_refused()
    {
        var store = new InMemoryNonceStore(timeProvider: _clock);
        Assert.Equal(OAuth1NonceResult.Accepted, await store.TryUseAsync("ck", "t", "n", Now, At(Now + 900), default));
        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(OAuth1NonceResult.Replayed, await store.TryUseAsync("ck", "t", "n", Now, At(Now + 900), default));
        Assert.Equal(OAuth1NonceResult.Replayed, await store.TryUseAsync("ck", "t", "fresh", Now, At(Now), default));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(OAuth1NonceResult.Accepted, await store.TryUseAsync("ck", "t", "m", Now + 960, At(Now + 1260), default));
        Assert.Equal(1, store.Count);
    }
}
