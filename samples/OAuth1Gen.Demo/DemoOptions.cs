namespace OAuth1Gen.Demo;

/// <summary>The demo's command line and OAUTH1_* environment variables (options win).</summary>
public sealed class DemoOptions
{
    /// <summary>Option name, environment variable, description.</summary>
    internal static readonly (string Option, string Variable, string Help)[] Known =
    [
        ("--request-token-url", "OAUTH1_REQUEST_TOKEN_URL", "temporary credential request endpoint of a real provider"),
        ("--authorize-url", "OAUTH1_AUTHORIZE_URL", "its resource owner authorization page"),
        ("--access-token-url", "OAUTH1_ACCESS_TOKEN_URL", "its token request endpoint"),
        ("--consumer-key", "OAUTH1_CONSUMER_KEY", "your client key"),
        ("--consumer-secret", "OAUTH1_CONSUMER_SECRET", "your client secret (prefer the variable: options show up in process lists)"),
        ("--callback", "OAUTH1_CALLBACK", "callback URL registered with the provider; 'oob' (the default against a real provider) for the PIN flow"),
        ("--resource-url", "OAUTH1_RESOURCE_URL", "a protected resource to GET once the flow is done"),
        ("--signature-method", "OAUTH1_SIGNATURE_METHOD", "HMAC-SHA1 (default), HMAC-SHA256, HMAC-SHA512 or PLAINTEXT"),
        ("--placement", "OAUTH1_PLACEMENT", "header (default), query or body"),
        ("--realm", "OAUTH1_REALM", "realm of the Authorization header"),
    ];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Whether --help was given.</summary>
    public bool Help { get; private set; }

    /// <summary>Embedded provider: whether it approves without the page (--auto-approve).</summary>
    public bool AutoApprove { get; private set; }

    /// <summary>Embedded provider: whether to run the PIN (oob) flow (--pin).</summary>
    public bool Pin { get; private set; }

    /// <summary>Whether a real provider's URLs were given.</summary>
    public bool UsesRealProvider => Get("--request-token-url") is not null || Get("--authorize-url") is not null || Get("--access-token-url") is not null;

    /// <summary>A value by option name.</summary>
    /// <param name="option">The option, such as <c>--consumer-key</c>.</param>
    /// <returns>The value, or null.</returns>
    public string? Get(string option) => _values.TryGetValue(option, out string? value) && value.Length > 0 ? value : null;

    /// <summary>Reads the options, then fills the gaps from the environment.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">An unknown option or a missing value.</exception>
    public static DemoOptions Parse(string[] args, Func<string, string?> environment)
    {
        var options = new DemoOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    options.Help = true;
                    continue;
                case "--auto-approve":
                    options.AutoApprove = true;
                    continue;
                case "--pin":
                    options.Pin = true;
                    continue;
            }

            string name = arg;
            string? value = null;
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                name = arg[..eq];
                value = arg[(eq + 1)..];
            }

            if (!Array.Exists(Known, known => known.Option == name))
            {
                throw new ArgumentException($"Unknown option '{name}'. Run with --help.");
            }

            if (value is null)
            {
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"The option '{name}' needs a value.");
                }

                value = args[++i];
            }

            options._values[name] = value;
        }

        foreach (var (option, variable, _) in Known)
        {
            if (!options._values.ContainsKey(option) && environment(variable) is { Length: > 0 } fromEnvironment)
            {
                options._values[option] = fromEnvironment;
            }
        }

        return options;
    }

    /// <summary>The usage text.</summary>
    /// <returns>The text.</returns>
    public static string Usage()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("OAuth1Gen demo: the OAuth 1.0a three-step flow with OAuth1Session.");
        text.AppendLine();
        text.AppendLine("  dotnet run --project samples/OAuth1Gen.Demo                 against the embedded provider (no network)");
        text.AppendLine("      --auto-approve     let the provider approve without the authorization page");
        text.AppendLine("      --pin              use the PIN (oob) flow");
        text.AppendLine("  dotnet run --project samples/OAuth1Gen.Demo -- --request-token-url ... --authorize-url ... --access-token-url ...");
        text.AppendLine("                                                                  against a real provider (you approve in a browser)");
        text.AppendLine();
        foreach (var (option, variable, help) in Known)
        {
            text.AppendLine($"  {option,-22} {variable,-26} {help}");
        }

        return text.ToString();
    }
}
