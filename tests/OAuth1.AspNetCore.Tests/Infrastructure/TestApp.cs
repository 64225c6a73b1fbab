using System.Net;
using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OAuth1Gen.Provider;

namespace OAuth1.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A small app on Kestrel at 127.0.0.1 (free port) with cookie authentication and the OAuth 1.0a schemes a test
/// configures. Endpoints: <c>/login/{scheme}?returnUrl=</c> (challenge), <c>/whoami</c> (claims and saved tokens as
/// JSON), plus whatever the test maps.
/// </summary>
/// <remarks>
/// Over plain http (the default) the app opts its OAuth 1.0a schemes out of the Secure state cookie
/// (<see cref="CookieSecurePolicy.SameAsRequest"/>): a Secure cookie would not come back over http. A test may set
/// the policy again in its own configuration. Started with a certificate (<see cref="LoopbackCertificate"/>), the app
/// listens on https and keeps the library's default, <see cref="CookieSecurePolicy.Always"/>.
/// </remarks>
public sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestApp> StartAsync(
        Action<AuthenticationBuilder> configureAuthentication,
        Action<WebApplication>? map = null,
        Action<IServiceCollection>? services = null,
        X509Certificate2? httpsCertificate = null)
    {
        WebApplication app = Build(configureAuthentication, map, services, httpsCertificate);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new TestApp(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public static WebApplication Build(
        Action<AuthenticationBuilder> configureAuthentication,
        Action<WebApplication>? map = null,
        Action<IServiceCollection>? services = null,
        X509Certificate2? httpsCertificate = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (httpsCertificate is not null)
            {
                listen.UseHttps(httpsCertificate);
            }
        }));
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        if (httpsCertificate is null)
        {
            // Plain-http loopback: opt out of the Secure state cookie explicitly, before the schemes' own configuration
            // runs (so a test can still set it). Over https the library's default (Always) stays.
            builder.Services.ConfigureAll<OAuth1AuthenticationOptions>(options => options.StateCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        }

        AuthenticationBuilder authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options => options.Cookie.Name = ".Test.Auth");
        configureAuthentication(authentication);
        services?.Invoke(builder.Services);

        WebApplication app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/login/{scheme}", (string scheme, string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl ?? "/whoami" }, [scheme]));
        app.MapGet("/whoami", async (HttpContext context) =>
        {
            AuthenticateResult result = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            var claims = new JsonObject();
            foreach (Claim claim in result.Principal?.Claims ?? [])
            {
                claims[claim.Type] = claim.Value;
            }

            var tokens = new JsonObject();
            foreach (AuthenticationToken token in result.Properties?.GetTokens() ?? [])
            {
                tokens[token.Name] = token.Value;
            }

            return Results.Json(new JsonObject
            {
                ["authenticated"] = result.Succeeded,
                ["authenticationType"] = result.Principal?.Identity?.AuthenticationType,
                ["scheme"] = result.Properties?.Items.TryGetValue(".AuthScheme", out string? scheme) == true ? scheme : null,
                ["claims"] = claims,
                ["tokens"] = tokens,
            });
        });
        map?.Invoke(app);
        return app;
    }

    public string Url(string relative) => new Uri(BaseAddress, relative.TrimStart('/')).AbsoluteUri;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Points a scheme at the embedded provider with a client of its own.</summary>
public static class ProviderSchemes
{
    public static ProviderConsumer NewConsumer(EmbeddedProvider provider, TokenEndpointBehavior behavior = TokenEndpointBehavior.Normal)
    {
        string id = Guid.NewGuid().ToString("N")[..12];
        ProviderConsumer consumer = provider.AddConsumer(new ProviderConsumer("client-" + id, "client-secret-" + id) { Name = "Test client " + id });
        consumer.Behavior = behavior;
        return consumer;
    }

    public static Action<OAuth1AuthenticationOptions> Configure(EmbeddedProvider provider, ProviderConsumer consumer, Action<OAuth1AuthenticationOptions>? more = null) => options =>
    {
        options.ConsumerKey = consumer.Key;
        options.ConsumerSecret = consumer.Secret;
        options.RequestTokenEndpoint = provider.RequestTokenUrl;
        options.AuthorizationEndpoint = provider.AuthorizeUrl;
        options.AccessTokenEndpoint = provider.AccessTokenUrl;
        more?.Invoke(options);
    };
}
