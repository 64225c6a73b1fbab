using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using OAuth1;
using RestSharp;
using RestSharp.Authenticators;

namespace OAuth1.Benchmarks;

/// <summary>
/// The cost of one signature (issue 2): the Twitter user_timeline GET (HMAC-SHA1, header) and a POST with a 5-field
/// form body, against the floor (HMAC-SHA1 of a precomputed base string of the same length, plus Base64) and against
/// RestSharp 114's OAuth1Authenticator on the same request, in one run.
/// </summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private const string GetUrl = "https://api.example.com/1.1/statuses/user_timeline.json?screen_name=twitterapi&count=200&include_rts=true&since_id=123456789";
    private const string PostUrl = "https://api.example.com/1.1/statuses/update.json";

    private static readonly KeyValuePair<string, string>[] FormFields =
    [
        new("status", "Héllo Ladies + Gentlemen, a signed OAuth request! ✓ 啦啦"),
        new("in_reply_to_status_id", "1234567890123"),
        new("lat", "37.7821120598956"),
        new("long", "-122.400612831116"),
        new("place_id", "df51dec6f4ee2b2c&x=/y?z"),
    ];

    private readonly OAuth1Options _options = new()
    {
        ConsumerKey = "xvz1evFS4wEEPTGEFPHBog",
        ConsumerSecret = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
        Token = "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
        TokenSecret = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
    };

    private HttpRequestMessage _get = null!;
    private HttpRequestMessage _handlerGet = null!;
    private HttpMessageInvoker _invoker = null!;
    private HttpRequestMessage _post = null!;
    private byte[] _floorKey = null!;
    private byte[] _floorBaseString = null!;
    private RestClient _restClient = null!;
    private OAuth1Authenticator _restSharp = null!;

    [GlobalSetup]
    public void Setup()
    {
        _get = new HttpRequestMessage(HttpMethod.Get, GetUrl);
        _post = new HttpRequestMessage(HttpMethod.Post, PostUrl) { Content = new FormUrlEncodedContent(FormFields) };
        string baseString = OAuth1Signer.ComputeSignatureAsync(_get, _options).GetAwaiter().GetResult().BaseString;
        _floorBaseString = Encoding.ASCII.GetBytes(baseString);
        _floorKey = Encoding.ASCII.GetBytes(OAuth1PercentEncoding.Encode(_options.ConsumerSecret) + "&" + OAuth1PercentEncoding.Encode(_options.TokenSecret));
        _restClient = new RestClient("https://api.example.com");
        _handlerGet = new HttpRequestMessage(HttpMethod.Get, GetUrl);
        _invoker = new HttpMessageInvoker(new OAuth1Handler(_options, new CachedOkHandler()));
        _restSharp = OAuth1Authenticator.ForProtectedResource(_options.ConsumerKey!, _options.ConsumerSecret!, _options.Token!, _options.TokenSecret!);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _get.Dispose();
        _handlerGet.Dispose();
        _invoker.Dispose();
        _post.Dispose();
        _restClient.Dispose();
    }

    /// <summary>The floor: HMAC-SHA1 (key rebuilt per call) of a base string of the same length, then Base64.</summary>
    [Benchmark(Baseline = true)]
    public string Floor_HmacSha1_of_precomputed_base_string()
    {
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(_floorKey, _floorBaseString, hash);
        return Convert.ToBase64String(hash);
    }

    [Benchmark]
    public void OAuth1Gen_sign_GET_header()
    {
        OAuth1Signer.Sign(_get, _options);
    }

    /// <summary>
    /// The handler as users meet it: one request message for the user_timeline GET, sent again on every operation
    /// through <c>HttpMessageInvoker(new OAuth1Handler(options, inner))</c>, where <c>inner</c> answers a cached 200.
    /// The handler replaces its previous header each time.
    /// </summary>
    [Benchmark]
    public Task<HttpResponseMessage> OAuth1Gen_handler_send_GET_header() =>
        _invoker.SendAsync(_handlerGet, CancellationToken.None);

    [Benchmark]
    public Task OAuth1Gen_sign_POST_form_header() => OAuth1Signer.SignAsync(_post, _options);

    [Benchmark]
    public async Task RestSharp114_sign_GET_header()
    {
        var request = new RestRequest("1.1/statuses/user_timeline.json")
            .AddQueryParameter("screen_name", "twitterapi")
            .AddQueryParameter("count", "200")
            .AddQueryParameter("include_rts", "true")
            .AddQueryParameter("since_id", "123456789");
        await _restSharp.Authenticate(_restClient, request);
    }

    [Benchmark]
    public async Task RestSharp114_sign_POST_form_header()
    {
        var request = new RestRequest("1.1/statuses/update.json", Method.Post);
        foreach (var field in FormFields)
        {
            request.AddParameter(field.Key, field.Value);
        }

        await _restSharp.Authenticate(_restClient, request);
    }

    /// <summary>Answers every request with the same 200, so that only the handler's own cost is measured.</summary>
    private sealed class CachedOkHandler : HttpMessageHandler
    {
        private readonly Task<HttpResponseMessage> _ok = Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => _ok;
    }
}
