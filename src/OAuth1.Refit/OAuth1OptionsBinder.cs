using Microsoft.Extensions.Configuration;

namespace OAuth1.Refit;

/// <summary>
/// Reads <see cref="OAuth1Options"/> from a configuration section by hand (no reflection, trimming-safe): the
/// signature method by name, RSA keys from PEM text. Errors name the key, never the value (which may be a secret).
/// </summary>
internal static class OAuth1OptionsBinder
{
    public static void Bind(OAuth1Options options, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        string path = section is IConfigurationSection s ? s.Path : "(root)";

        if (section[nameof(OAuth1Options.ConsumerKey)] is string consumerKey)
        {
            options.ConsumerKey = consumerKey;
        }

        if (section[nameof(OAuth1Options.ConsumerSecret)] is string consumerSecret)
        {
            options.ConsumerSecret = consumerSecret;
        }

        string? token = section[nameof(OAuth1Options.Token)];
        string? tokenSecret = section[nameof(OAuth1Options.TokenSecret)];
        if (!string.IsNullOrEmpty(token))
        {
            options.TokenCredentials = new OAuth1Token(token, tokenSecret ?? string.Empty);
        }
        else if (tokenSecret is not null)
        {
            throw new InvalidOperationException($"Configuration '{path}' has a TokenSecret but no Token.");
        }

        if (section[nameof(OAuth1Options.SignatureMethod)] is { Length: > 0 } methodName)
        {
            options.SignatureMethod = ReadMethod(methodName, section, path);
        }
        else if (!string.IsNullOrEmpty(section["RsaPrivateKey"]))
        {
            throw new InvalidOperationException($"Configuration '{path}' has an RsaPrivateKey but no SignatureMethod; set SignatureMethod to RSA-SHA1, RSA-SHA256 or RSA-SHA512.");
        }

        if (section[nameof(OAuth1Options.SignatureLocation)] is { Length: > 0 } location)
        {
            options.SignatureLocation = Enum.TryParse(location, ignoreCase: true, out OAuth1SignatureLocation parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidOperationException($"Configuration '{path}:SignatureLocation' must be Header, Query or Body.");
        }

        if (section[nameof(OAuth1Options.Realm)] is string realm)
        {
            options.Realm = realm;
        }

        if (section[nameof(OAuth1Options.Callback)] is string callback)
        {
            options.Callback = callback;
        }

        if (section[nameof(OAuth1Options.Verifier)] is string verifier)
        {
            options.Verifier = verifier;
        }

        options.IncludeVersion = ReadBool(section, path, nameof(OAuth1Options.IncludeVersion)) ?? options.IncludeVersion;
        options.IncludeBodyHash = ReadBool(section, path, nameof(OAuth1Options.IncludeBodyHash)) ?? options.IncludeBodyHash;
        options.AllowPlaintextOverHttp = ReadBool(section, path, nameof(OAuth1Options.AllowPlaintextOverHttp)) ?? options.AllowPlaintextOverHttp;
        options.FollowRedirects = ReadBool(section, path, nameof(OAuth1Options.FollowRedirects)) ?? options.FollowRedirects;
        options.AllowCrossOriginRedirects = ReadBool(section, path, nameof(OAuth1Options.AllowCrossOriginRedirects)) ?? options.AllowCrossOriginRedirects;
        options.AllowHttpsToHttpRedirects = ReadBool(section, path, nameof(OAuth1Options.AllowHttpsToHttpRedirects)) ?? options.AllowHttpsToHttpRedirects;
        options.AllowPlaintextInQuery = ReadBool(section, path, nameof(OAuth1Options.AllowPlaintextInQuery)) ?? options.AllowPlaintextInQuery;

        foreach (IConfigurationSection extra in section.GetSection(nameof(OAuth1Options.ExtraProtocolParameters)).GetChildren())
        {
            options.ExtraProtocolParameters[extra.Key] = extra.Value ?? string.Empty;
        }
    }

    private static OAuth1SignatureMethod ReadMethod(string name, IConfiguration section, string path)
    {
        bool isRsa = name.StartsWith("RSA-", StringComparison.OrdinalIgnoreCase);
        string? pem = section["RsaPrivateKey"];
        if (isRsa && string.IsNullOrEmpty(pem))
        {
            throw new InvalidOperationException($"Configuration '{path}:SignatureMethod' is {name}, which needs the PEM text of the private key in '{path}:RsaPrivateKey'.");
        }

        try
        {
            return OAuth1SignatureMethod.FromName(name, rsaKeyPem: pem);
        }
        catch (ArgumentException ex)
        {
            // The engine's message never quotes the key.
            throw new InvalidOperationException($"Configuration '{path}:{(ex.ParamName == "rsaKeyPem" ? "RsaPrivateKey" : "SignatureMethod")}': {ex.Message}", ex);
        }
    }

    private static bool? ReadBool(IConfiguration section, string path, string key)
    {
        string? text = section[key];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return bool.TryParse(text, out bool value)
            ? value
            : throw new InvalidOperationException($"Configuration '{path}:{key}' must be true or false.");
    }
}
