using System.Text.Json;
using OAuth1;
using OAuth1Gen.Provider;

namespace OAuth1Gen.Demo;

/// <summary>
/// The demo: walks the three steps of OAuth 1.0a with <see cref="OAuth1Session"/>, printing each one, against the
/// embedded provider (the default) or a real provider given by options or OAUTH1_* environment variables.
/// </summary>
public static class DemoProgram
{
    /// <summary>The callback the demo registers with the embedded provider: never contacted, the demo reads the redirect.</summary>
    public const string DemoCallback = "https://client.example/oauth/callback";

    /// <summary>Runs the demo.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where to print.</param>
    /// <param name="input">Where the user pastes the callback URL or the PIN (real provider only).</param>
    /// <param name="environment">Reads an environment variable (OAUTH1_*).</param>
    /// <param name="cancellationToken">Stops the demo.</param>
    /// <returns>0 when the flow completed, 1 when it failed, 2 for a usage error.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextReader input, Func<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(input);
        DemoOptions options;
        try
        {
            options = DemoOptions.Parse(args, environment ?? (_ => null));
        }
        catch (ArgumentException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 2;
        }

        if (options.Help)
        {
            await output.WriteAsync(DemoOptions.Usage());
            return 0;
        }

        try
        {
            return options.UsesRealProvider
                ? await RunAgainstRealProviderAsync(options, output, input, cancellationToken)
                : await RunAgainstEmbeddedProviderAsync(options, output, cancellationToken);
        }
        catch (Exception ex) when (ex is OAuth1Exception or HttpRequestException or InvalidOperationException or ArgumentException)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"The flow failed: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The embedded provider on 127.0.0.1, the demo client, the user alice.</summary>
    private static async Task<int> RunAgainstEmbeddedProviderAsync(DemoOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ProviderSettings settings = ProviderSettings.CreateDemo();
        settings.AutoApprove = options.AutoApprove;
        settings.AllowPlaintextOverHttp = true;
        await using EmbeddedProvider provider = await EmbeddedProvider.StartAsync(settings, cancellationToken);
        await output.WriteLineAsync($"OAuth1Gen demo: the OAuth 1.0a three-step flow against the embedded provider at {provider.BaseAddress}");

        OAuth1Options signing = SigningOptions(options, DemoAccounts.ConsumerKey, DemoAccounts.ConsumerSecret);
        signing.AllowPlaintextOverHttp = true;
        using var session = new OAuth1Session(signing) { RedirectUri = options.Pin ? OAuth1Session.OutOfBand : DemoCallback };
        await output.WriteLineAsync($"Client: {DemoAccounts.ConsumerKey} (secret {Mask(DemoAccounts.ConsumerSecret)}), {signing.SignatureMethod.Name} in the {signing.SignatureLocation.ToString().ToLowerInvariant()}");

        await StepOneAsync(session, provider.RequestTokenUrl, options, output, cancellationToken);

        await output.WriteLineAsync();
        await output.WriteLineAsync("Step 2. Send the user to the authorization page");
        string authorizationUrl = session.CreateAuthorizationUrl(provider.AuthorizeUrl);
        await output.WriteLineAsync($"  Authorization URL: {authorizationUrl}");
        AuthorizationOutcome outcome = await provider.ApproveAsync(authorizationUrl, DemoAccounts.UserName, cancellationToken);
        await output.WriteLineAsync(options.AutoApprove
            ? $"  Approval: the provider approved at once for {DemoAccounts.UserName} (auto-approve)"
            : $"  Approval: opened the page and clicked Approve as {DemoAccounts.UserName}");

        await output.WriteLineAsync();
        await output.WriteLineAsync("Step 3. Exchange the verifier for an access token");
        if (outcome.CallbackUrl is { } callbackUrl)
        {
            await output.WriteLineAsync($"  Callback URL: {callbackUrl}");
            OAuth1AuthorizationResponse response = session.ParseAuthorizationResponse(callbackUrl);
            await output.WriteLineAsync($"  The callback names our request token ({response.Token}) and carries the verifier {response.Verifier}");
            await StepThreeAsync(session, provider.AccessTokenUrl, null, output, cancellationToken);
        }
        else
        {
            string pin = outcome.Pin ?? throw new InvalidOperationException("The provider showed neither a redirect nor a PIN.");
            await output.WriteLineAsync($"  The provider showed the PIN {pin} (out-of-band flow); the user types it into the application");
            await StepThreeAsync(session, provider.AccessTokenUrl, pin, output, cancellationToken);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Call protected resources with the session");
        await GetAsync(session, provider.UserUrl, output, cancellationToken);
        await GetAsync(session, provider.TimelineUrl + "?count=3", output, cancellationToken);

        await output.WriteLineAsync();
        await output.WriteLineAsync("Done: the three steps completed and the access token works.");
        return 0;
    }

    /// <summary>A real provider: the user approves in a browser and pastes the callback URL or the PIN.</summary>
    private static async Task<int> RunAgainstRealProviderAsync(DemoOptions options, TextWriter output, TextReader input, CancellationToken cancellationToken)
    {
        string[] required = ["--request-token-url", "--authorize-url", "--access-token-url", "--consumer-key", "--consumer-secret"];
        string[] missing = Array.FindAll(required, name => options.Get(name) is null);
        if (missing.Length > 0)
        {
            await output.WriteLineAsync($"Against a real provider these are needed too: {string.Join(", ", missing)} (or their OAUTH1_* variables). Run with --help.");
            return 2;
        }

        string consumerKey = options.Get("--consumer-key")!;
        OAuth1Options signing = SigningOptions(options, consumerKey, options.Get("--consumer-secret")!);
        using var session = new OAuth1Session(signing) { RedirectUri = options.Get("--callback") ?? OAuth1Session.OutOfBand };
        await output.WriteLineAsync($"OAuth1Gen demo: the OAuth 1.0a three-step flow against {new Uri(options.Get("--request-token-url")!).GetLeftPart(UriPartial.Authority)}");
        await output.WriteLineAsync($"Client: {consumerKey} (secret {Mask(signing.ConsumerSecret ?? string.Empty)}), {signing.SignatureMethod.Name} in the {signing.SignatureLocation.ToString().ToLowerInvariant()}");

        await StepOneAsync(session, options.Get("--request-token-url")!, options, output, cancellationToken);

        await output.WriteLineAsync();
        await output.WriteLineAsync("Step 2. Send the user to the authorization page");
        string authorizationUrl = session.CreateAuthorizationUrl(options.Get("--authorize-url")!);
        await output.WriteLineAsync($"  Authorization URL: {authorizationUrl}");
        await output.WriteLineAsync(session.RedirectUri == OAuth1Session.OutOfBand
            ? "  Open it in a browser, approve, then paste the PIN the provider shows:"
            : "  Open it in a browser, approve, then paste the URL you were sent back to (the callback URL):");
        await output.FlushAsync(cancellationToken);
        string pasted = (await input.ReadLineAsync(cancellationToken))?.Trim() ?? string.Empty;
        if (pasted.Length == 0)
        {
            await output.WriteLineAsync("Nothing was pasted.");
            return 1;
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Step 3. Exchange the verifier for an access token");
        if (pasted.Contains("oauth_token=", StringComparison.Ordinal) || pasted.Contains("denied=", StringComparison.Ordinal) || pasted.Contains("://", StringComparison.Ordinal))
        {
            await output.WriteLineAsync($"  Callback URL: {pasted}");
            session.ParseAuthorizationResponse(pasted);
            await StepThreeAsync(session, options.Get("--access-token-url")!, null, output, cancellationToken);
        }
        else
        {
            await output.WriteLineAsync("  PIN received");
            await StepThreeAsync(session, options.Get("--access-token-url")!, pasted, output, cancellationToken);
        }

        if (options.Get("--resource-url") is { } resource)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("Call a protected resource with the session");
            await GetAsync(session, resource, output, cancellationToken);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Done: the three steps completed.");
        return 0;
    }

    private static async Task<OAuth1Token> StepOneAsync(OAuth1Session session, string url, DemoOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync("Step 1. Fetch a request token (temporary credentials)");
        await output.WriteLineAsync($"  POST {url} with oauth_callback={session.RedirectUri}");
        OAuth1Token token = await session.FetchRequestTokenAsync(url, options.Get("--realm"), cancellationToken: cancellationToken);
        await output.WriteLineAsync($"  Request token: {token.Token} (secret {Mask(token.TokenSecret)}), callback confirmed: {(token.CallbackConfirmed ? "yes" : "no")}");
        return token;
    }

    private static async Task StepThreeAsync(OAuth1Session session, string url, string? pin, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"  POST {url} with the request token and oauth_verifier");
        OAuth1Token access = await session.FetchAccessTokenAsync(url, pin, cancellationToken);
        var extras = new List<string>();
        foreach (var field in access.Parameters)
        {
            if (field.Key is not (OAuth1Parameters.Token or OAuth1Parameters.TokenSecret or OAuth1Parameters.SessionHandle))
            {
                extras.Add($"{field.Key}={field.Value}");
            }
        }

        await output.WriteLineAsync($"  Access token: {access.Token} (secret {Mask(access.TokenSecret)})");
        if (extras.Count > 0)
        {
            await output.WriteLineAsync($"  The provider also said: {string.Join(", ", extras)}");
        }

        await output.WriteLineAsync("  Save both parts (OAuth1Token.ToDictionary) to call the API later without the three steps.");
    }

    private static async Task GetAsync(OAuth1Session session, string url, TextWriter output, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await session.GetAsync(url, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        await output.WriteLineAsync($"  GET {url} -> {(int)response.StatusCode} {response.ReasonPhrase}");
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}: {(body.Length > 300 ? body[..300] : body)}", null, response.StatusCode);
        }

        await output.WriteLineAsync(Indent(Compact(body)));
    }

    private static OAuth1Options SigningOptions(DemoOptions options, string consumerKey, string consumerSecret)
    {
        OAuth1SignatureMethod method = OAuth1SignatureMethod.FromName(options.Get("--signature-method") ?? "HMAC-SHA1");
        OAuth1SignatureLocation placement = (options.Get("--placement") ?? "header").ToLowerInvariant() switch
        {
            "header" => OAuth1SignatureLocation.Header,
            "query" => OAuth1SignatureLocation.Query,
            "body" => OAuth1SignatureLocation.Body,
            string other => throw new ArgumentException($"Unknown placement '{other}' (header, query or body)."),
        };
        return new OAuth1Options
        {
            ConsumerKey = consumerKey,
            ConsumerSecret = consumerSecret,
            SignatureMethod = method,
            SignatureLocation = placement,
        };
    }

    /// <summary>A secret as the demo prints it: never its characters, only that it exists and its length.</summary>
    /// <param name="secret">The secret.</param>
    /// <returns>The masked text.</returns>
    public static string Mask(string secret) => secret.Length == 0 ? "(empty)" : $"******** ({secret.Length} characters, hidden)";

    private static string Compact(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            string text = JsonSerializer.Serialize(document.RootElement);
            return text.Length > 400 ? text[..400] + " ..." : text;
        }
        catch (JsonException)
        {
            return json.Length > 400 ? json[..400] + " ..." : json;
        }
    }

    private static string Indent(string text) => "    " + text.Replace("\n", "\n    ", StringComparison.Ordinal);
}
