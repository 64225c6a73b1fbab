namespace OAuth1;

/// <summary>
/// What the provider sent back to the callback after the user approved (RFC 5849 section 2.2): the request token and
/// the verifier, with any other parameter of the callback URL.
/// </summary>
public sealed class OAuth1AuthorizationResponse
{
    /// <summary>Creates a response.</summary>
    /// <param name="token">The <c>oauth_token</c> value.</param>
    /// <param name="verifier">The <c>oauth_verifier</c> value (absent only from OAuth 1.0 providers).</param>
    /// <param name="parameters">Every query parameter of the callback, decoded, in order.</param>
    public OAuth1AuthorizationResponse(string token, string? verifier, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        Token = token;
        Verifier = verifier;
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
    }

    /// <summary>The <c>oauth_token</c> value: the request token the user authorized.</summary>
    public string Token { get; }

    /// <summary>The <c>oauth_verifier</c> value, or <see langword="null"/> for an OAuth 1.0 provider.</summary>
    public string? Verifier { get; }

    /// <summary>Every query parameter of the callback URL, decoded, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    /// <summary>The first value of a callback parameter, or <see langword="null"/>.</summary>
    /// <param name="name">The parameter name.</param>
    public string? this[string name]
    {
        get
        {
            foreach (var pair in Parameters)
            {
                if (string.Equals(pair.Key, name, StringComparison.Ordinal))
                {
                    return pair.Value;
                }
            }

            return null;
        }
    }

    /// <summary>The token only; the verifier is short-lived but is still left out.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"OAuth1AuthorizationResponse {{ Token = {Token}, Verifier = {(Verifier is null ? "(none)" : "(set)")} }}";
}
