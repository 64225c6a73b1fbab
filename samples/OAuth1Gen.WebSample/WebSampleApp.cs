using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
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
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OAuth1;
using OAuth1.AspNetCore;
using OAuth1Gen.Provider;

namespace OAuth1Gen.WebSample;

/// <summary>How a <see cref="WebSampleApp"/> is started.</summary>
public sealed class WebSampleSettings
{
    /// <summary>The port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>A running provider to sign in with; when <see langword="null"/> the app starts its own (and stops it).</summary>
    public EmbeddedProvider? Provider { get; set; }

    /// <summary>The least level logged to the console; warnings by default.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;
}

/// <summary>
/// The web sample: an ASP.NET Core app with a "Sign in" button that goes through the embedded provider's
/// authorization page (Approve / Deny) with OAuth1.AspNetCore, then shows the user's profile and timeline fetched
/// from the provider with the user's token. Runs on Kestrel at http://127.0.0.1.
/// </summary>
/// <remarks>
/// Pages: <c>/</c> (the Sign in button, or who is signed in), <c>POST /signin</c> (the challenge), <c>/me</c> (profile
/// and timeline; signs in first when needed), <c>/denied</c> (after Deny), <c>POST /signout</c>. The OAuth 1.0a
/// callback is <c>/signin-provider</c>; its failures (a replayed or forged callback) use the library's default page.
/// </remarks>
public sealed class WebSampleApp : IAsyncDisposable
{
    /// <summary>The port of <c>dotnet run</c> when none is given.</summary>
    public const int DefaultPort = 5080;

    /// <summary>The OAuth 1.0a scheme name (callback <c>/signin-provider</c>).</summary>
    public const string Scheme = "provider";

    /// <summary>The scheme's display name.</summary>
    public const string SchemeDisplayName = "OAuth1Gen Provider";

    /// <summary>The sample's client key at the provider.</summary>
    public const string ConsumerKey = "web-sample";

    /// <summary>The sample's client secret at the provider (a sample credential, not a secret).</summary>
    public const string ConsumerSecret = "web-sample-secret";

    /// <summary>The claim that carries the provider's display name of the user, added in <c>OnCreatingTicket</c>.</summary>
    public const string DisplayNameClaim = "urn:oauth1gen:display_name";

    /// <summary>The <c>IHttpClientFactory</c> client that calls the provider's API, signed per user.</summary>
    public const string ApiClientName = "provider-api";

    private readonly WebApplication _app;
    private readonly bool _ownsProvider;
    private int _disposed;

    private WebSampleApp(WebApplication app, EmbeddedProvider provider, bool ownsProvider, Uri baseAddress)
    {
        _app = app;
        Provider = provider;
        _ownsProvider = ownsProvider;
        BaseAddress = baseAddress;
    }

    /// <summary>The app's root, such as <c>http://127.0.0.1:5080/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The provider the app signs in with.</summary>
    public EmbeddedProvider Provider { get; }

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the app (and the provider, unless one is given).</summary>
    /// <param name="settings">Port, provider and logging; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running app; dispose it to stop it.</returns>
    public static async Task<WebSampleApp> StartAsync(WebSampleSettings? settings = null, CancellationToken cancellationToken = default)
    {
        settings ??= new WebSampleSettings();
        bool ownsProvider = settings.Provider is null;
        EmbeddedProvider provider = settings.Provider ?? await EmbeddedProvider.StartAsync(ProviderSettings.CreateDemo(), cancellationToken);
        try
        {
            RegisterClient(provider);
            WebApplication app = Build(settings, provider);
            await app.StartAsync(cancellationToken);
            string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new WebSampleApp(app, provider, ownsProvider, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            if (ownsProvider)
            {
                await provider.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>The absolute URL of a path of the app.</summary>
    /// <param name="relative">A path such as <c>me</c>.</param>
    /// <returns>The URL.</returns>
    public string Url(string relative) => new Uri(BaseAddress, relative.TrimStart('/')).AbsoluteUri;

    /// <summary>Completes when the app stops (Ctrl+C).</summary>
    /// <returns>A task.</returns>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>Stops the app, then the provider if the app started it.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
        if (_ownsProvider)
        {
            await Provider.DisposeAsync();
        }
    }

    private static void RegisterClient(EmbeddedProvider provider)
    {
        try
        {
            provider.AddConsumer(new ProviderConsumer(ConsumerKey, ConsumerSecret) { Name = "OAuth1Gen Web Sample" });
        }
        catch (ArgumentException)
        {
            // Another web sample on the same provider registered it already.
        }
    }

    private static WebApplication Build(WebSampleSettings settings, EmbeddedProvider provider)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(WebSampleApp).Assembly.GetName().Name });
        builder.Logging.SetMinimumLevel(settings.MinimumLogLevel);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, settings.Port);
        });

        // Keys in memory: sign-ins end when the sample stops, and nothing is written to the profile.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = Scheme;
            })
            .AddCookie(options => options.Cookie.Name = ".OAuth1Gen.WebSample")
            .AddOAuth1(Scheme, SchemeDisplayName, options =>
            {
                options.ConsumerKey = ConsumerKey;
                options.ConsumerSecret = ConsumerSecret;
                options.RequestTokenEndpoint = provider.RequestTokenUrl;
                options.AuthorizationEndpoint = provider.AuthorizeUrl;
                options.AccessTokenEndpoint = provider.AccessTokenUrl;
                options.AccessDeniedPath = "/denied";

                // The sample serves plain http on loopback, where a Secure cookie would not come back: opt out of the
                // library's Secure state cookie here. An app served over https keeps the default (Always).
                options.StateCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Events.OnCreatingTicket = async context =>
                {
                    // The session is signed with the new access token: ask the provider who this is.
                    JsonElement user = await context.Session.GetFromJsonAsync<JsonElement>(provider.UserUrl, context.HttpContext.RequestAborted);
                    if (user.TryGetProperty("name", out JsonElement name) && name.GetString() is { Length: > 0 } displayName)
                    {
                        context.Identity!.AddClaim(new Claim(DisplayNameClaim, displayName, ClaimValueTypes.String, context.Options.ClaimsIssuer ?? context.Scheme.Name));
                    }
                };
            });
        builder.Services.AddAuthorization();

        // One shared client for the API, signed for whichever user makes the request: AddOAuth1UserToken puts the
        // user's token in OAuth1RequestOptions.Token, and the OAuth1Handler below signs with it (the Refit adapter's
        // AddOAuth1 takes its place for a Refit client).
        builder.Services.AddHttpClient(ApiClientName)
            .AddOAuth1UserToken(Scheme)
            .AddHttpMessageHandler(services => new OAuth1Handler(services.GetRequiredService<IOAuth1UserSessionFactory>().CreateOptions(Scheme)))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        WebApplication app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/", (HttpContext context) => Page("OAuth1Gen web sample", HomeBody(context.User)));
        app.MapPost("/signin", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/me" }, [Scheme]));
        app.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/");
        });
        app.MapGet("/denied", () => Page(
            "Sign-in cancelled",
            $"<p id=\"denied\">You chose Deny on {Html(SchemeDisplayName)}'s page, so you are not signed in and nothing was shared.</p>\n"
            + SignInForm("Try again")));
        app.MapGet("/me", (HttpContext context, IOAuth1UserSessionFactory sessions, IHttpClientFactory clients) => MeAsync(context, sessions, clients, provider))
            .RequireAuthorization();
        return app;
    }

    private static async Task<IResult> MeAsync(HttpContext context, IOAuth1UserSessionFactory sessions, IHttpClientFactory clients, EmbeddedProvider provider)
    {
        CancellationToken aborted = context.RequestAborted;
        using OAuth1Session? session = await sessions.CreateUserSessionAsync(context, Scheme);
        if (session is null)
        {
            // Signed in, but not with the provider (or without a saved token): sign in with it.
            return Results.Challenge(new AuthenticationProperties { RedirectUri = "/me" }, [Scheme]);
        }

        JsonElement user;
        JsonElement timeline;
        try
        {
            // The profile through a session for this user ...
            user = await session.GetFromJsonAsync<JsonElement>(provider.UserUrl, aborted);

            // ... the timeline through the shared client, signed with the user's token per request.
            timeline = await clients.CreateClient(ApiClientName).GetFromJsonAsync<JsonElement>(provider.TimelineUrl + "?count=5", aborted);
        }
        catch (HttpRequestException ex)
        {
            return Page(
                "The provider refused",
                $"<p id=\"api-error\">{Html(SchemeDisplayName)} did not answer with your data ({Html(ex.Message)}). Sign out and sign in again.</p>\n" + SignOutForm(),
                StatusCodes.Status502BadGateway);
        }

        var body = new StringBuilder();
        body.Append($"<p>Signed in as <strong id=\"user-name\">{Html(Text(user, "name"))}</strong> (@{Html(Text(user, "screen_name"))}).</p>\n");
        body.Append("<h2>Your profile at ").Append(Html(SchemeDisplayName)).Append("</h2>\n<dl id=\"profile\">\n");
        foreach (JsonProperty property in user.EnumerateObject())
        {
            body.Append($"  <dt>{Html(property.Name)}</dt><dd data-field=\"{Html(property.Name)}\">{Html(property.Value.ToString())}</dd>\n");
        }

        body.Append("</dl>\n<h2>Your latest posts</h2>\n<ul id=\"timeline\">\n");
        foreach (JsonElement item in timeline.GetProperty("items").EnumerateArray())
        {
            body.Append($"  <li>{Html(Text(item, "text"))}</li>\n");
        }

        body.Append("</ul>\n").Append(SignOutForm());
        return Page("Your data", body.ToString());
    }

    private static string HomeBody(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return $"<p>This app signs you in with {Html(SchemeDisplayName)} (OAuth 1.0a), then shows your data from it.</p>\n" + SignInForm("Sign in");
        }

        string name = user.FindFirst(DisplayNameClaim)?.Value ?? user.Identity.Name ?? "(unknown)";
        return $"<p id=\"signed-in\">Signed in as {Html(name)} (@{Html(user.Identity.Name ?? string.Empty)}).</p>\n"
            + "<p><a id=\"me\" href=\"/me\">Your profile and timeline</a></p>\n" + SignOutForm();
    }

    private static string SignInForm(string label) =>
        $"<form method=\"post\" action=\"/signin\"><button id=\"sign-in\" type=\"submit\">{Html(label)} with {Html(SchemeDisplayName)}</button></form>\n";

    private static string SignOutForm() =>
        "<form method=\"post\" action=\"/signout\"><button id=\"sign-out\" type=\"submit\">Sign out</button></form>\n";

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? value.ToString() : string.Empty;

    private static IResult Page(string title, string body, int status = StatusCodes.Status200OK) =>
        Results.Content(
            $"<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{Html(title)}</title></head>\n<body>\n<h1>{Html(title)}</h1>\n{body}</body>\n</html>\n",
            "text/html; charset=utf-8",
            Encoding.UTF8,
            status);

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
