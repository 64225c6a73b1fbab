using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Time.Testing;

namespace OAuth1.Benchmarks;

/// <summary>
/// The provider side (issue 12): <see cref="OAuth1RequestVerifier.VerifyAsync"/> of the user_timeline GET (HMAC-SHA1,
/// header) with the in-memory nonce store, against signing the same request, in one run. Every operation signs a fresh
/// request (a new nonce, so the store accepts it as a real server would), so the verifier's own cost is the difference
/// between the two rows. The clock moves one second per operation, so the store keeps five minutes of nonces (300).
/// </summary>
[MemoryDiagnoser]
public class VerifierBenchmarks
{
    private const string GetUrl = "https://api.example.com/1.1/statuses/user_timeline.json?screen_name=twitterapi&count=200&include_rts=true&since_id=123456789";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    private OAuth1Options _options = null!;
    private OAuth1RequestVerifier _verifier = null!;
    private HttpRequestMessage _request = null!;
    private Uri _uri = null!;

    [GlobalSetup]
    public void Setup()
    {
        _options = new OAuth1Options
        {
            ConsumerKey = "xvz1evFS4wEEPTGEFPHBog",
            ConsumerSecret = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
            Token = "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
            TokenSecret = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
            TimeProvider = _clock,
        };
        _verifier = new OAuth1RequestVerifier(new Clients(), new OAuth1VerifierOptions { TimeProvider = _clock });
        _uri = new Uri(GetUrl);
        _request = new HttpRequestMessage(HttpMethod.Get, _uri);
    }

    [GlobalCleanup]
    public void Cleanup() => _request.Dispose();

    /// <summary>Signing alone: the baseline.</summary>
    [Benchmark(Baseline = true)]
    public void Sign_GET_header()
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        OAuth1Signer.Sign(_request, _options);
    }

    /// <summary>Signing, then verifying what was signed (the request as a server receives it).</summary>
    [Benchmark]
    public async Task<bool> Sign_then_verify_GET_header()
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        OAuth1Signer.Sign(_request, _options);
        var incoming = new OAuth1IncomingRequest("GET", _uri) { AuthorizationHeader = _request.Headers.Authorization!.ToString() };
        OAuth1VerificationResult result = await _verifier.VerifyAsync(incoming);
        return result.IsValid ? true : throw new InvalidOperationException(result.ToString());
    }

    private sealed class Clients : IOAuth1CredentialStore
    {
        private static readonly OAuth1ConsumerCredentials Consumer = new("kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw");

        public ValueTask<OAuth1ConsumerCredentials?> FindConsumerAsync(string consumerKey, CancellationToken cancellationToken) =>
            ValueTask.FromResult<OAuth1ConsumerCredentials?>(Consumer);

        public ValueTask<string?> FindTokenSecretAsync(string consumerKey, string token, CancellationToken cancellationToken) =>
            ValueTask.FromResult<string?>("LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");
    }
}
