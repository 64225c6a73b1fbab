using System.Collections.ObjectModel;

namespace OAuth1;

/// <summary>
/// Token credentials (RFC 5849 section 2.3) or temporary credentials (section 2.1): <c>oauth_token</c> and
/// <c>oauth_token_secret</c>, with whatever else the provider answered (<c>user_id</c>, <c>screen_name</c>, ...).
/// </summary>
/// <remarks>Immutable, so that a token can be swapped atomically while requests are in flight.</remarks>
public sealed class OAuth1Token
{
    private static readonly IReadOnlyDictionary<string, string> NoParameters =
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string>());

    /// <summary>Creates a token from its identifier and shared-secret.</summary>
    /// <param name="token">The <c>oauth_token</c> value.</param>
    /// <param name="tokenSecret">The <c>oauth_token_secret</c> value.</param>
    /// <exception cref="ArgumentException">The token is null or empty.</exception>
    public OAuth1Token(string token, string tokenSecret)
        : this(token, tokenSecret, NoParameters)
    {
    }

    private OAuth1Token(string token, string tokenSecret, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        Token = token;
        TokenSecret = tokenSecret ?? string.Empty;
        Parameters = parameters;
    }

    /// <summary>The <c>oauth_token</c> value.</summary>
    public string Token { get; }

    /// <summary>The <c>oauth_token_secret</c> value. Never printed by <see cref="ToString"/>.</summary>
    public string TokenSecret { get; }

    /// <summary>Whether the provider answered <c>oauth_callback_confirmed=true</c> (temporary credentials only).</summary>
    public bool CallbackConfirmed =>
        Parameters.TryGetValue(OAuth1Parameters.CallbackConfirmed, out string? value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every field of the provider's answer, keys as on the wire, <c>oauth_token</c> and <c>oauth_token_secret</c> included.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>A field of the provider's answer, such as <c>token["user_id"]</c>; <see langword="null"/> when absent.</summary>
    /// <param name="name">The field name as on the wire.</param>
    public string? this[string name] => Parameters.TryGetValue(name, out string? value) ? value : null;

    /// <summary>
    /// Builds a token from a provider's answer or a stored dictionary (keys as on the wire). Requires
    /// <c>oauth_token</c>; <c>oauth_token_secret</c> may be absent only when <paramref name="requireSecret"/> is false.
    /// </summary>
    /// <param name="parameters">The fields.</param>
    /// <param name="requireSecret">Whether a missing <c>oauth_token_secret</c> is an error.</param>
    /// <returns>The token.</returns>
    /// <exception cref="ArgumentException">A required field is missing or empty.</exception>
    public static OAuth1Token FromDictionary(IEnumerable<KeyValuePair<string, string>> parameters, bool requireSecret = true)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parameters)
        {
            copy[pair.Key] = pair.Value;
        }

        if (!copy.TryGetValue(OAuth1Parameters.Token, out string? token) || string.IsNullOrEmpty(token))
        {
            throw new ArgumentException("The token fields have no 'oauth_token'.", nameof(parameters));
        }

        if (!copy.TryGetValue(OAuth1Parameters.TokenSecret, out string? secret))
        {
            if (requireSecret)
            {
                throw new ArgumentException("The token fields have no 'oauth_token_secret'.", nameof(parameters));
            }

            secret = string.Empty;
        }

        return new OAuth1Token(token, secret, new ReadOnlyDictionary<string, string>(copy));
    }

    /// <summary>The token as a dictionary for storage (keys as on the wire); <see cref="FromDictionary"/> reads it back.</summary>
    /// <returns>A new dictionary.</returns>
    public Dictionary<string, string> ToDictionary()
    {
        var result = new Dictionary<string, string>(Parameters, StringComparer.Ordinal)
        {
            [OAuth1Parameters.Token] = Token,
            [OAuth1Parameters.TokenSecret] = TokenSecret,
        };
        return result;
    }

    /// <summary>The token identifier only; the secret is never printed.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => $"OAuth1Token {{ Token = {Token}, TokenSecret = (hidden) }}";
}
