using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OAuth1.TestSupport;
using OAuth1.Tests.Support;

namespace OAuth1.Tests.Verification;

/// <summary>Issue 12, defects 1 to 5: requests crafted by hand that the verifier used to let in.</summary>
public class VerifierHardeningTests
{
    private const long Now = 1_700_000_000;
    private readonly FakeTimeProvider _clock = FixedClock.At(Now);

    private OAuth1RequestVerifier Verifier(OAuth1ConsumerCredentials consumer, Action<OAuth1VerifierOptions>? configure = null)
    {
        var options = new OAuth1VerifierOptions { TimeProvider = _clock, NonceStore = new InMemoryNonceStore(timeProvider: _clock), AllowPlaintextOverHttp = false };
        configure?.Invoke(options);
        return new OAuth1RequestVerifier(new FakeCredentialStore().AddConsumer("ck", consumer).AddToken("ck", "tok", "ts"), options);
    }

    private OAuth1Options Client(Action<OAuth1Options>? configure = null)
    {
        var options = new OAuth1Options { ConsumerKey = "ck", ConsumerSecret = "cs", Token = "tok", TokenSecret = "ts", TimeProvider = _clock };
        configure?.Invoke(options);
        return options;
    }

    private static async Task<OAuth1IncomingRequest> SignedAsync(OAuth1Options options, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/r?a=1") { Content = content };
        await OAuth1Signer.SignAsync(request, options);
        return await OAuth1IncomingRequest.FromHttpRequestMessageAsync(request);
    }

    private static RSA PublicHalf(RSA key)
    {
        var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        return publicKey;
    }

    // Defect 1: a client registered with an RSA key only (empty secret) could be impersonated with HMAC or PLAINTEXT.
    [Theory]
    [InlineData("HMAC-SHA1")]
    [InlineData("HMAC-SHA256")]
    [InlineData("PLAINTEXT")]
    public async Task A_client_with_an_RSA_key_only_cannot_be_impersonated_with_a_secret_based_method(string methodName)
    {
        using var key = RSA.Create(2048);
        using RSA publicKey = PublicHalf(key);
        OAuth1RequestVerifier verifier = Verifier(new OAuth1ConsumerCredentials(string.Empty, publicKey));

        // The attacker knows the consumer key and a token, and signs with the key "&ts" (empty consumer secret).
        OAuth1IncomingRequest forged = await SignedAsync(Client(o =>
        {
            o.ConsumerSecret = string.Empty;
            o.SignatureMethod = OAuth1SignatureMethod.FromName(methodName);
        }));
        OAuth1VerificationResult result = await verifier.VerifyAsync(forged);

        Assert.Equal(OAuth1VerificationFailure.SignatureMethodRejected, result.Failure);
        OAuth1VerificationResult genuine = await verifier.VerifyAsync(await SignedAsync(Client(o => o.SignatureMethod = OAuth1SignatureMethod.RsaSha1(key))));
        Assert.True(genuine.IsValid, genuine.ToString());
    }

    [Fact]
    public async Task The_methods_a_client_may_use_are_its_own_and_the_verifier_narrows_further()
    {
        var consumer = new OAuth1ConsumerCredentials("cs") { AllowedSignatureMethods = new HashSet<string> { "HMAC-SHA256", "HMAC-SHA512" } };

        Assert.Equal(OAuth1VerificationFailure.SignatureMethodRejected, (await Verifier(consumer).VerifyAsync(await SignedAsync(Client()))).Failure);
        Assert.True((await Verifier(consumer).VerifyAsync(await SignedAsync(Client(o => o.SignatureMethod = OAuth1SignatureMethod.HmacSha256)))).IsValid);
        OAuth1VerificationResult narrowed = await Verifier(consumer, o => o.AllowedSignatureMethods.Add("HMAC-SHA512"))
            .VerifyAsync(await SignedAsync(Client(o => o.SignatureMethod = OAuth1SignatureMethod.HmacSha256)));
        Assert.Equal(OAuth1VerificationFailure.SignatureMethodRejected, narrowed.Failure);
    }

    // Defect 3: the store's retention was its own (10 minutes), shorter than a 15-minute tolerance.
    [Fact]
    public async Task With_a_long_tolerance_an_old_request_is_accepted_once_and_its_replay_refused()
    {
        OAuth1RequestVerifier verifier = Verifier(new OAuth1ConsumerCredentials("cs"), o => o.TimestampTolerance = TimeSpan.FromMinutes(15));
        OAuth1IncomingRequest request = await SignedAsync(Client());

        _clock.Advance(TimeSpan.FromMinutes(11));

        Assert.True((await verifier.VerifyAsync(request)).IsValid);
        Assert.Equal(OAuth1VerificationFailure.NonceUsed, (await verifier.VerifyAsync(request)).Failure);
    }

    [Fact]
    public async Task A_nonce_store_that_cannot_answer_refuses_the_request_with_its_own_reason_and_a_log_line()
    {
        var logger = new ListLogger();
        OAuth1RequestVerifier throwing = Verifier(new OAuth1ConsumerCredentials("cs"), o => { o.NonceStore = new BrokenStore(null); o.Logger = logger; });
        OAuth1RequestVerifier unavailable = Verifier(new OAuth1ConsumerCredentials("cs"), o => { o.NonceStore = new BrokenStore(OAuth1NonceResult.Unavailable); o.Logger = logger; });

        OAuth1VerificationResult thrown = await throwing.VerifyAsync(await SignedAsync(Client()));
        OAuth1VerificationResult refused = await unavailable.VerifyAsync(await SignedAsync(Client()));

        Assert.Equal(OAuth1VerificationFailure.NonceStoreUnavailable, thrown.Failure);
        Assert.Equal(OAuth1VerificationFailure.NonceStoreUnavailable, refused.Failure);
        Assert.Equal(2, logger.Lines.Count(l => l.Level == LogLevel.Warning && l.Text.Contains("refused (fail closed)", StringComparison.Ordinal)));
    }

    // Defect 4: oauth_body_hash was signed but never compared with the body received.
    [Fact]
    public async Task A_body_that_does_not_match_its_signed_hash_is_refused()
    {
        OAuth1RequestVerifier verifier = Verifier(new OAuth1ConsumerCredentials("cs"));
        OAuth1IncomingRequest signed = await SignedAsync(Client(o => o.IncludeBodyHash = true), Json("{\"score\":0.5}"));
        OAuth1IncomingRequest tampered = new(signed.Method, signed.Uri)
        {
            AuthorizationHeader = signed.AuthorizationHeader,
            ContentType = signed.ContentType,
            Body = Encoding.UTF8.GetBytes("{\"score\":1.0}"),
        };

        Assert.True((await verifier.VerifyAsync(signed)).IsValid);
        Assert.Equal(OAuth1VerificationFailure.BodyHashInvalid, (await Verifier(new OAuth1ConsumerCredentials("cs")).VerifyAsync(tampered)).Failure);
    }

    [Fact]
    public async Task A_body_hash_with_a_form_body_is_refused_and_a_required_one_must_be_there()
    {
        OAuth1IncomingRequest signed = await SignedAsync(Client(o => o.IncludeBodyHash = true), Json("{}"));
        OAuth1IncomingRequest asForm = new(signed.Method, signed.Uri)
        {
            AuthorizationHeader = signed.AuthorizationHeader,
            ContentType = FormUrlEncoding.MediaType,
            Body = signed.Body,
        };
        OAuth1IncomingRequest withoutHash = await SignedAsync(Client(), Json("{}"));

        Assert.Equal(OAuth1VerificationFailure.BodyHashInvalid, (await Verifier(new OAuth1ConsumerCredentials("cs")).VerifyAsync(asForm)).Failure);
        Assert.True((await Verifier(new OAuth1ConsumerCredentials("cs")).VerifyAsync(withoutHash)).IsValid);
        Assert.Equal(OAuth1VerificationFailure.BodyHashInvalid, (await Verifier(new OAuth1ConsumerCredentials("cs"), o => o.RequireBodyHash = true).VerifyAsync(withoutHash)).Failure);
    }

    // Defect 5: with PLAINTEXT the signature is both secrets, and the result echoed it.
    [Fact]
    public async Task The_signature_is_left_out_of_every_result()
    {
        OAuth1RequestVerifier verifier = Verifier(new OAuth1ConsumerCredentials("consumer-secret-q"));
        OAuth1IncomingRequest request = await SignedAsync(Client(o =>
        {
            o.ConsumerSecret = "consumer-secret-q";
            o.SignatureMethod = OAuth1SignatureMethod.Plaintext;
        }));

        OAuth1VerificationResult valid = await verifier.VerifyAsync(request);
        OAuth1VerificationResult replayed = await verifier.VerifyAsync(request);

        foreach (OAuth1VerificationResult result in new[] { valid, replayed })
        {
            Assert.DoesNotContain(result.Parameters, p => p.Key == "oauth_signature");
            Assert.Null(result.Get("oauth_signature"));
            Assert.DoesNotContain("consumer-secret-q", result.ToString() + result.Message + result.BaseString, StringComparison.Ordinal);
            Assert.DoesNotContain(result.Parameters, p => p.Value.Contains("consumer-secret-q", StringComparison.Ordinal));
        }
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private sealed class BrokenStore(OAuth1NonceResult? answer) : IOAuth1NonceStore
    {
        public ValueTask<OAuth1NonceResult> TryUseAsync(string consumerKey, string? token, string nonce, long timestamp, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
            answer is { } result ? ValueTask.FromResult(result) : throw new InvalidOperationException("connection refused");
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Text)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }
}
