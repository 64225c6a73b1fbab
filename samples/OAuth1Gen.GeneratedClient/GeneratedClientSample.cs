using OAuth1;
using OAuth1Gen.Provider;

namespace OAuth1Gen.GeneratedClient;

/// <summary>
/// The sample: with no provider given, starts the embedded provider on 127.0.0.1 and has it issue an access token;
/// otherwise calls the provider at <c>--base-url</c> with the keys given. Options win over the OAUTH1_* variables.
/// </summary>
public static class GeneratedClientSample
{
    /// <summary>Options: name, environment variable, description.</summary>
    private static readonly (string Option, string Variable, string Help)[] Known =
    [
        ("--base-url", "OAUTH1_BASE_URL", "root of a provider serving api/user, api/timeline and api/echo (default: start the embedded one)"),
        ("--consumer-key", "OAUTH1_CONSUMER_KEY", "client key"),
        ("--consumer-secret", "OAUTH1_CONSUMER_SECRET", "client secret (prefer the variable: options show up in process lists)"),
        ("--token", "OAUTH1_TOKEN", "access token"),
        ("--token-secret", "OAUTH1_TOKEN_SECRET", "access token secret (prefer the variable)"),
        ("--signature-method", "OAUTH1_SIGNATURE_METHOD", "HMAC-SHA1 (default), HMAC-SHA256, HMAC-SHA512 or PLAINTEXT"),
        ("--placement", "OAUTH1_PLACEMENT", "header (default), query or body"),
    ];

    /// <summary>Runs the sample.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="cancellationToken">Stops the calls.</param>
    /// <returns>The exit code: 0 on success, 1 when a call failed, 2 for bad options.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        Dictionary<string, string> values;
        try
        {
            values = ParseOptions(args, environment);
        }
        catch (ArgumentException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 2;
        }

        if (values.ContainsKey("--help"))
        {
            await output.WriteLineAsync("Calls an OAuth 1.0a provider through a client written by OAuth1.Generator.");
            foreach (var (option, variable, help) in Known)
            {
                await output.WriteLineAsync($"  {option,-20} {variable,-26} {help}");
            }

            return 0;
        }

        EmbeddedProvider? provider = null;
        try
        {
            OAuth1Options options;
            Uri baseAddress;
            if (values.TryGetValue("--base-url", out string? baseUrl))
            {
                baseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
                options = new OAuth1Options
                {
                    ConsumerKey = Require(values, "--consumer-key"),
                    ConsumerSecret = Require(values, "--consumer-secret"),
                    TokenCredentials = new OAuth1Token(Require(values, "--token"), Require(values, "--token-secret")),
                };
            }
            else
            {
                // Loopback only, so PLAINTEXT over http is accepted here (never against a real provider).
                ProviderSettings settings = ProviderSettings.CreateDemo();
                settings.AllowPlaintextOverHttp = true;
                provider = await EmbeddedProvider.StartAsync(settings, cancellationToken);
                baseAddress = provider.BaseAddress;
                options = new OAuth1Options
                {
                    ConsumerKey = DemoAccounts.ConsumerKey,
                    ConsumerSecret = DemoAccounts.ConsumerSecret,
                    TokenCredentials = provider.IssueAccessToken(DemoAccounts.ConsumerKey, DemoAccounts.UserName),
                };
                await output.WriteLineAsync($"Embedded provider at {baseAddress}");
            }

            options.SignatureMethod = OAuth1SignatureMethod.FromName(values.GetValueOrDefault("--signature-method", "HMAC-SHA1"));
            options.SignatureLocation = values.GetValueOrDefault("--placement", "header").ToLowerInvariant() switch
            {
                "header" => OAuth1SignatureLocation.Header,
                "query" => OAuth1SignatureLocation.Query,
                "body" => OAuth1SignatureLocation.Body,
                string other => throw new ArgumentException($"Unknown placement '{other}': header, query or body."),
            };
            options.AllowPlaintextOverHttp = provider is not null;

            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress };
            IProviderApi api = new ProviderApiClient(http, options);

            UserInfo user = await api.GetUserAsync(cancellationToken);
            await output.WriteLineAsync($"User: @{user.ScreenName} ({user.Name}, id {user.Id})");

            TimelinePage timeline = await api.GetTimelineAsync(page: 1, count: 3, cancellationToken: cancellationToken);
            await output.WriteLineAsync($"Timeline page {timeline.Page} ({timeline.Items.Count} of {timeline.Total}):");
            foreach (TimelineItem item in timeline.Items)
            {
                await output.WriteLineAsync($"  {item.Id}: {item.Text}");
            }

            EchoResult echo = await api.EchoAsync("status updates", "Hello Ladies + Gentlemen, a signed OAuth request!", "en", cancellationToken);
            await output.WriteLineAsync($"Echo: {echo.Method} {echo.RawPath}?{echo.RawQuery}");
            await output.WriteLineAsync($"Signed with {echo.OAuth.SignatureMethod} in the {echo.OAuth.Placement}; verified: {(echo.Verification.Valid ? "yes" : "no")}");
            return echo.Verification.Valid ? 0 : 1;
        }
        catch (OAuth1ApiException ex)
        {
            await output.WriteLineAsync($"The provider refused a call: {ex.Message}");
            return 1;
        }
        catch (ArgumentException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 2;
        }
        finally
        {
            if (provider is not null)
            {
                await provider.DisposeAsync();
            }
        }
    }

    private static string Require(Dictionary<string, string> values, string option) =>
        values.TryGetValue(option, out string? value)
            ? value
            : throw new ArgumentException($"{option} (or {Array.Find(Known, k => k.Option == option).Variable}) is required with --base-url.");

    private static Dictionary<string, string> ParseOptions(string[] args, Func<string, string?> environment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "--help" or "-h")
            {
                values["--help"] = string.Empty;
                continue;
            }

            string name = arg;
            string? value = null;
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                name = arg[..eq];
                value = arg[(eq + 1)..];
            }

            if (!Array.Exists(Known, k => k.Option == name))
            {
                throw new ArgumentException($"Unknown option '{name}'. Run with --help.");
            }

            if (value is null)
            {
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"{name} needs a value.");
                }

                value = args[++i];
            }

            values[name] = value;
        }

        foreach (var (option, variable, _) in Known)
        {
            if (!values.ContainsKey(option) && environment(variable) is { Length: > 0 } fromEnvironment)
            {
                values[option] = fromEnvironment;
            }
        }

        return values;
    }
}
