using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OAuth1;
using OAuth1.Refit;
using OAuth1Gen.Provider;
using OAuth1Gen.RefitSample;
using Refit;

// Usage:
//   dotnet run --project samples/OAuth1Gen.RefitSample
//       starts the embedded provider on 127.0.0.1 and calls it with a Refit client signed by AddOAuth1.
//   dotnet run --project samples/OAuth1Gen.RefitSample -- --base-url https://api.example.com --path 1.1/account/verify_credentials.json
//       calls your API instead; the credentials come from the environment:
//       OAUTH1_CONSUMER_KEY, OAUTH1_CONSUMER_SECRET, OAUTH1_TOKEN, OAUTH1_TOKEN_SECRET (optional), OAUTH1_SIGNATURE_METHOD (optional).
//       --base-url and --path may also be given as OAUTH1_BASE_URL and OAUTH1_PATH.
string? baseUrl = Argument(args, "--base-url") ?? Environment.GetEnvironmentVariable("OAUTH1_BASE_URL");
return baseUrl is null ? await RunAgainstEmbeddedProviderAsync() : await RunAgainstYourApiAsync(baseUrl, Argument(args, "--path") ?? Environment.GetEnvironmentVariable("OAUTH1_PATH") ?? string.Empty);

static async Task<int> RunAgainstEmbeddedProviderAsync()
{
    await using EmbeddedProvider provider = await EmbeddedProvider.StartAsync(ProviderSettings.CreateDemo());
    OAuth1Token alice = provider.IssueAccessToken(DemoAccounts.ConsumerKey, DemoAccounts.UserName);
    OAuth1Token bob = provider.IssueAccessToken(DemoAccounts.ConsumerKey, DemoAccounts.SecondUserName);
    Console.WriteLine($"Embedded provider at {provider.BaseAddress}");

    var services = new ServiceCollection();
    IHttpClientBuilder api = services
        .AddRefitGeneratedClient<IDemoApi>(new RefitSettings().UseOAuth1Exceptions())
        .ConfigureHttpClient(c => c.BaseAddress = provider.BaseAddress);
    api.AddStandardResilienceHandler();   // first: the retry loop is outside the signer...
    api.AddOAuth1(o =>                      // ...so that every attempt is signed afresh.
    {
        o.ConsumerKey = DemoAccounts.ConsumerKey;
        o.ConsumerSecret = DemoAccounts.ConsumerSecret;
        o.TokenCredentials = alice;
        o.SignatureMethod = OAuth1SignatureMethod.HmacSha256;
    });
    await using ServiceProvider container = services.BuildServiceProvider();
    var demo = container.GetRequiredService<IDemoApi>();

    DemoUser me = await demo.GetUserAsync();
    Console.WriteLine($"GET  /{ProviderPaths.User} as the configured token -> @{me.ScreenName} ({me.Name})");

    DemoUser other = await demo.GetUserAsync(bob);
    Console.WriteLine($"GET  /{ProviderPaths.User} with a [Property] token  -> @{other.ScreenName} ({other.Name})");

    TimelinePage page = await demo.GetTimelineAsync(page: 2, count: 3);
    Console.WriteLine($"GET  /{ProviderPaths.Timeline}?page=2&count=3     -> {page.Items.Count} of {page.Total} posts, next page {page.NextPage}");
    foreach (TimelineItem item in page.Items)
    {
        Console.WriteLine($"       {item.Id}: {item.Text}");
    }

    using ApiResponse<JsonObject> echo = await demo.EchoFormAsync(new() { ["status"] = "Hello from Refit + OAuth 1.0a ☕", ["lang"] = "en" });
    JsonNode? verification = echo.Content?["verification"];
    Console.WriteLine($"POST /{ProviderPaths.Echo} (form)               -> {(int?)echo.StatusCode}, verified: {verification?["valid"]}, placement: {echo.Content?["oauth"]?["placement"]}");

    try
    {
        await demo.GetUserAsync(new OAuth1Token("revoked-token", "whatever"));
        Console.WriteLine("An unknown token was accepted: unexpected.");
        return 1;
    }
    catch (OAuth1ProblemApiException ex)
    {
        Console.WriteLine($"GET  /{ProviderPaths.User} with an unknown token   -> {(int)ex.StatusCode}, oauth_problem={ex.Problem}");
    }

    return 0;
}

static async Task<int> RunAgainstYourApiAsync(string baseUrl, string path)
{
    var options = new OAuth1Options
    {
        ConsumerKey = Required("OAUTH1_CONSUMER_KEY"),
        ConsumerSecret = Environment.GetEnvironmentVariable("OAUTH1_CONSUMER_SECRET") ?? string.Empty,
    };
    if (Environment.GetEnvironmentVariable("OAUTH1_TOKEN") is { Length: > 0 } token)
    {
        options.TokenCredentials = new OAuth1Token(token, Environment.GetEnvironmentVariable("OAUTH1_TOKEN_SECRET") ?? string.Empty);
    }

    if (Environment.GetEnvironmentVariable("OAUTH1_SIGNATURE_METHOD") is { Length: > 0 } method)
    {
        options.SignatureMethod = OAuth1SignatureMethod.FromName(method);
    }

    // Without dependency injection: OAuth1RestService is Refit's RestService with the signer below it.
    IAnyApi api = OAuth1RestService.For<IAnyApi>(baseUrl, options);
    using HttpResponseMessage response = await api.GetAsync(path);
    string body = await response.Content.ReadAsStringAsync();
    Console.WriteLine($"GET {response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path)} -> {(int)response.StatusCode} {response.ReasonPhrase}");
    Console.WriteLine(body.Length > 2000 ? body[..2000] + "..." : body);
    return response.IsSuccessStatusCode ? 0 : 1;
}

static string Required(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"Set the environment variable {name} (see the usage at the top of Program.cs).");

static string? Argument(string[] args, string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
