using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using OAuth1.Refit;

namespace OAuth1.Benchmarks;

// Inside the namespace, so that Refit's [Get] wins over OAuth1.Core's generator attribute of the same name.
using global::Refit;

/// <summary>
/// One signed GET returning a small JSON object (issue 5): Refit's generated client with <c>AddOAuth1</c> through
/// <c>IHttpClientFactory</c>, and with <see cref="OAuth1RestService"/>, against a hand-written
/// <see cref="HttpClient"/> + <see cref="OAuth1Handler"/> call; each also without signing, so that the overhead the
/// adapter adds beyond Refit and the factory is (Refit + AddOAuth1 − Refit via the factory) − (HttpClient +
/// OAuth1Handler − HttpClient). The primary handler is in memory and answers fixed JSON: no network, no sockets.
/// </summary>
[MemoryDiagnoser]
public class RefitAdapterBenchmarks
{
    private static readonly Uri BaseAddress = new("https://api.example.com/1.1/");
    private static readonly byte[] Json = Encoding.UTF8.GetBytes("""{"id":1234567890,"text":"Hello Ladies + Gentlemen","user":"twitterapi"}""");

    private ServiceProvider _signedServices = null!;
    private ServiceProvider _unsignedServices = null!;
    private IStatusApi _refitAddOAuth1 = null!;
    private IStatusApi _refitUnsigned = null!;
    private IStatusApi _refitRestService = null!;
    private HttpClient _handWritten = null!;
    private HttpClient _handWrittenUnsigned = null!;

    public interface IStatusApi
    {
        [Get("/statuses/show.json")]
        Task<Status> ShowAsync(long id, [AliasAs("include_entities")] bool includeEntities);
    }

    [GlobalSetup]
    public void Setup()
    {
        _signedServices = Services(signed: true);
        _unsignedServices = Services(signed: false);
        _refitAddOAuth1 = _signedServices.GetRequiredService<IStatusApi>();
        _refitUnsigned = _unsignedServices.GetRequiredService<IStatusApi>();
        _refitRestService = OAuth1RestService.For<IStatusApi>(BaseAddress.AbsoluteUri, Options(), new RefitSettings { HttpMessageHandlerFactory = () => new FixedJsonHandler() });
        _handWritten = new HttpClient(new OAuth1Handler(Options(), new FixedJsonHandler())) { BaseAddress = BaseAddress };
        _handWrittenUnsigned = new HttpClient(new FixedJsonHandler()) { BaseAddress = BaseAddress };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _signedServices.Dispose();
        _unsignedServices.Dispose();
        _handWritten.Dispose();
        _handWrittenUnsigned.Dispose();
    }

    [Benchmark(Baseline = true, Description = "HttpClient + OAuth1Handler (hand-written)")]
    public Task<Status?> HandWritten() =>
        _handWritten.GetFromJsonAsync<Status>("statuses/show.json?id=1234567890&include_entities=true");

    [Benchmark(Description = "HttpClient, unsigned")]
    public Task<Status?> HandWrittenUnsigned() =>
        _handWrittenUnsigned.GetFromJsonAsync<Status>("statuses/show.json?id=1234567890&include_entities=true");

    [Benchmark(Description = "Refit + AddOAuth1 (IHttpClientFactory)")]
    public Task<Status> RefitAddOAuth1() => _refitAddOAuth1.ShowAsync(1234567890, true);

    [Benchmark(Description = "Refit via IHttpClientFactory, unsigned")]
    public Task<Status> RefitUnsigned() => _refitUnsigned.ShowAsync(1234567890, true);

    [Benchmark(Description = "Refit + OAuth1RestService.For")]
    public Task<Status> RefitRestService() => _refitRestService.ShowAsync(1234567890, true);

    private static ServiceProvider Services(bool signed)
    {
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddRefitGeneratedClient<IStatusApi>()
            .ConfigureHttpClient(c => c.BaseAddress = BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => new FixedJsonHandler());
        if (signed)
        {
            builder.AddOAuth1(o =>
            {
                OAuth1Options options = Options();
                o.ConsumerKey = options.ConsumerKey;
                o.ConsumerSecret = options.ConsumerSecret;
                o.TokenCredentials = options.TokenCredentials;
            });
        }

        return services.BuildServiceProvider();
    }

    private static OAuth1Options Options() => new()
    {
        ConsumerKey = "xvz1evFS4wEEPTGEFPHBog",
        ConsumerSecret = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
        TokenCredentials = new OAuth1Token("370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"),
    };

    public sealed record Status(long Id, string Text, string User);

    /// <summary>The primary handler: answers fixed JSON to every request.</summary>
    private sealed class FixedJsonHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(Json);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
