using Microsoft.Extensions.DependencyInjection;

namespace OAuth1.Refit.Tests.Infrastructure;

using global::Refit;

/// <summary>Builds real Refit clients against the test server.</summary>
public static class Clients
{
    /// <summary>A client from dependency injection: AddRefitGeneratedClient + AddOAuth1, as an application would write it.</summary>
    public static (IEchoApi Api, ServiceProvider Services) FromServices(
        OAuth1TestServer server,
        Action<OAuth1Options>? configure = null,
        RefitSettings? settings = null,
        Action<IHttpClientBuilder>? beforeOAuth1 = null,
        Action<IHttpClientBuilder>? afterOAuth1 = null)
    {
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddRefitGeneratedClient<IEchoApi>(settings ?? new RefitSettings())
            .ConfigureHttpClient(c => c.BaseAddress = server.BaseAddress);
        beforeOAuth1?.Invoke(builder);
        builder.AddOAuth1(o =>
        {
            OAuth1Options defaults = OAuth1TestServer.Options(configure);
            o.ConsumerKey = defaults.ConsumerKey;
            o.ConsumerSecret = defaults.ConsumerSecret;
            o.TokenCredentials = defaults.TokenCredentials;
            o.SignatureMethod = defaults.SignatureMethod;
            o.SignatureLocation = defaults.SignatureLocation;
            o.IncludeBodyHash = defaults.IncludeBodyHash;
            o.AllowPlaintextOverHttp = defaults.AllowPlaintextOverHttp;
            o.AllowPlaintextInQuery = defaults.AllowPlaintextInQuery;
            o.Realm = defaults.Realm;
            o.NonceGenerator = defaults.NonceGenerator;
        });
        afterOAuth1?.Invoke(builder);
        ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return (provider.GetRequiredService<IEchoApi>(), provider);
    }

    /// <summary>A client without dependency injection.</summary>
    public static IEchoApi WithoutServices(OAuth1TestServer server, Action<OAuth1Options>? configure = null, RefitSettings? settings = null) =>
        OAuth1RestService.For<IEchoApi>(server.BaseAddress.ToString(), OAuth1TestServer.Options(configure), settings);
}
