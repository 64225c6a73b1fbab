using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OAuth1.Benchmarks.Generated;
using Refit;

namespace OAuth1.Benchmarks;

/// <summary>
/// One signed call, <c>GET statuses/show/{id}.json?include_entities=true</c> answered with a small JSON object by an
/// in-memory handler (no sockets), made three ways (issue 4): a client written by OAuth1.Generator, the same request
/// written by hand with <see cref="HttpClient"/> + <see cref="OAuth1Handler"/>, and a Refit 16 client (its own source
/// generator, <c>RestService.For&lt;T&gt;(HttpClient)</c>) + <see cref="OAuth1Handler"/>. All three sign with HMAC-SHA1
/// in the header and read JSON through the same source-generated context.
/// </summary>
[MemoryDiagnoser]
public class ClientCallBenchmarks
{
    private const long Id = 1234567890;
    private static readonly Uri BaseAddress = new("https://api.example.com/1.1/");
    private static readonly byte[] Json = Encoding.UTF8.GetBytes("""{"id":1234567890,"text":"Hello Ladies + Gentlemen","user":"twitterapi"}""");

    private IStatusClientApi _generated = null!;
    private HttpClient _handWritten = null!;
    private IRefitStatusApi _refit = null!;
    private HttpClient _generatedHttp = null!;
    private HttpClient _refitHttp = null!;

    /// <summary>The same call declared for Refit.</summary>
    public interface IRefitStatusApi
    {
        [global::Refit.Get("/statuses/show/{id}.json")]
        Task<BenchStatus> ShowAsync(long id, [AliasAs("include_entities")] bool includeEntities, CancellationToken cancellationToken = default);
    }

    [GlobalSetup]
    public void Setup()
    {
        _generatedHttp = new HttpClient(new FixedJsonHandler());
        _generated = new StatusClientApiClient(_generatedHttp, Options());
        _handWritten = new HttpClient(new OAuth1Handler(Options(), new FixedJsonHandler())) { BaseAddress = BaseAddress };
        _refitHttp = new HttpClient(new OAuth1Handler(Options(), new FixedJsonHandler())) { BaseAddress = BaseAddress };
        _refit = RestService.For<IRefitStatusApi>(_refitHttp, new RefitSettings
        {
            ContentSerializer = new SystemTextJsonContentSerializer(new JsonSerializerOptions { TypeInfoResolver = BenchJsonContext.Default }),
        });

        // Each way must succeed and read the same object before it is timed.
        foreach (BenchStatus status in new[] { Generated().GetAwaiter().GetResult(), HandWritten().GetAwaiter().GetResult(), RefitClient().GetAwaiter().GetResult() })
        {
            if (status.Id != Id)
            {
                throw new InvalidOperationException($"Unexpected answer {status}.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _generatedHttp.Dispose();
        _handWritten.Dispose();
        _refitHttp.Dispose();
    }

    [Benchmark(Baseline = true, Description = "HttpClient + OAuth1Handler (hand-written)")]
    public async Task<BenchStatus> HandWritten()
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            new Uri(BaseAddress, "statuses/show/" + Id.ToString(CultureInfo.InvariantCulture) + ".json?include_entities=true"));
        using HttpResponseMessage response = await _handWritten.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(BenchJsonContext.Default.BenchStatus))!;
    }

    [Benchmark(Description = "OAuth1.Generator client")]
    public Task<BenchStatus> Generated() => _generated.ShowAsync(Id, includeEntities: true);

    [Benchmark(Description = "Refit 16 + OAuth1Handler")]
    public Task<BenchStatus> RefitClient() => _refit.ShowAsync(Id, includeEntities: true);

    private static OAuth1Options Options() => new()
    {
        ConsumerKey = "xvz1evFS4wEEPTGEFPHBog",
        ConsumerSecret = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
        TokenCredentials = new OAuth1Token("370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"),
    };

    /// <summary>Answers every request with the same JSON, in memory.</summary>
    private sealed class FixedJsonHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(Json);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
