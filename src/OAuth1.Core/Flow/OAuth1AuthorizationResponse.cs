namespace OAuth1;

/// <summary>
/// What the provider sent back to the callback after the user approved (RFC 5849 section 2.2): the request token and
/// the verifier, with any other parameter of the callback URL.
/// </summary>
public sealed class OAuth1AuthorizationResponse
{
    /// <summary>The most characters of a callback's own text (an error description) quoted in a message: anyone can write a callback URL.</summary>
    private const int MaxQuotedLength = 200;

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
    public string? this[string name] => First(Parameters, name);

    /// <summary>
    /// Reads a callback URL (or just its query) as the provider sent it (RFC 5849 section 2.2). The one set of rules
    /// for every client of the flow: a refusal (<c>denied=...</c>, an <c>error</c> or an <c>oauth_problem</c>) and a
    /// callback without <c>oauth_token</c> are <see cref="OAuth1AuthorizationDeniedException"/>s
    /// (<see cref="OAuth1AuthorizationDeniedException.IsRefusal"/> tells a refusal by the user from a provider error).
    /// </summary>
    /// <param name="url">The callback URL, or its query.</param>
    /// <returns>The token, the verifier (if any) and the other parameters.</returns>
    /// <exception cref="OAuth1AuthorizationDeniedException">The callback is a refusal or an error, or has no token.</exception>
    public static OAuth1AuthorizationResponse Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        int hash = url.IndexOf('#', StringComparison.Ordinal);
        string withoutFragment = hash < 0 ? url : url[..hash];
        int question = withoutFragment.IndexOf('?', StringComparison.Ordinal);
        string query = question >= 0 ? withoutFragment[(question + 1)..]
            : withoutFragment.Contains('=', StringComparison.Ordinal) && !withoutFragment.Contains("://", StringComparison.Ordinal) ? withoutFragment
            : string.Empty;
        IReadOnlyList<KeyValuePair<string, string>> parameters = FormUrlEncoding.Parse(query);
        string? token = First(parameters, OAuth1Parameters.Token);
        string? denied = First(parameters, "denied");
        string? error = First(parameters, "error") ?? First(parameters, OAuth1Parameters.Problem);
        if (denied is not null)
        {
            throw new OAuth1AuthorizationDeniedException(
                $"The authorization was denied: the callback says denied={Quote(denied)}.", "denied", denied, parameters);
        }

        if (error is not null)
        {
            string what = First(parameters, "error") is not null ? $"error={Quote(error)}" : $"oauth_problem={Quote(error)}";
            string? description = First(parameters, "error_description") ?? First(parameters, OAuth1Parameters.ProblemAdvice);
            throw new OAuth1AuthorizationDeniedException(
                $"The authorization was denied: the callback says {what}{(description is null ? string.Empty : $" ({Quote(description)})")}.",
                error,
                token,
                parameters);
        }

        if (string.IsNullOrEmpty(token))
        {
            throw new OAuth1AuthorizationDeniedException(
                "The authorization was not granted: the callback has no oauth_token.", null, null, parameters);
        }

        string? verifier = First(parameters, OAuth1Parameters.Verifier);
        return new OAuth1AuthorizationResponse(token, string.IsNullOrEmpty(verifier) ? null : verifier, parameters);
    }

    /// <summary>
    /// Checks that this callback answers the flow that holds <paramref name="requestToken"/>, and that it carries a
    /// verifier when OAuth 1.0a requires one.
    /// </summary>
    /// <param name="requestToken">The request token the flow started with.</param>
    /// <param name="requireVerifier">Whether an <c>oauth_verifier</c> is required (OAuth 1.0a, RFC 5849 section 2.2).</param>
    /// <exception cref="OAuth1CallbackMismatchException">The token is another one: a forged or stale callback.</exception>
    /// <exception cref="OAuth1Exception">The callback has no verifier and one is required.</exception>
    public void EnsureAnswers(string requestToken, bool requireVerifier)
    {
        ArgumentNullException.ThrowIfNull(requestToken);
        if (!string.Equals(requestToken, Token, StringComparison.Ordinal))
        {
            throw new OAuth1CallbackMismatchException(
                $"The callback's oauth_token '{Quote(Token)}' is not the request token of this flow ('{requestToken}'): "
                + "the callback is forged or belongs to another flow. Start the flow again.",
                requestToken,
                Token);
        }

        if (Verifier is null && requireVerifier)
        {
            throw new OAuth1Exception(
                "The callback has no oauth_verifier, which OAuth 1.0a (RFC 5849 section 2.2) requires. If this is an OAuth 1.0 provider, set RequireOAuth10a = false.");
        }
    }

    /// <summary>The token only; the verifier is short-lived but is still left out.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"OAuth1AuthorizationResponse {{ Token = {Token}, Verifier = {(Verifier is null ? "(none)" : "(set)")} }}";

    private static string? First(IReadOnlyList<KeyValuePair<string, string>> parameters, string name)
    {
        foreach (var pair in parameters)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                return pair.Value;
            }
        }

        return null;
    }

    private static string Quote(string text) => text.Length <= MaxQuotedLength ? text : string.Concat(text.AsSpan(0, MaxQuotedLength), "...");
}
