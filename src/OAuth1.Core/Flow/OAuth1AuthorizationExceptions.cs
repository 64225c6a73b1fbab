namespace OAuth1;

/// <summary>
/// The user (or the provider) refused the authorization: the callback carries <c>denied=...</c>, an <c>error</c>
/// such as <c>access_denied</c>, an <c>oauth_problem</c>, or no <c>oauth_token</c> at all.
/// </summary>
public sealed class OAuth1AuthorizationDeniedException : OAuth1Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">What the callback said.</param>
    /// <param name="error">The <c>error</c> or <c>oauth_problem</c> value, or <c>denied</c> for a <c>denied=...</c> callback.</param>
    /// <param name="deniedToken">The request token named by <c>denied=...</c>, if any.</param>
    /// <param name="parameters">The callback's query parameters.</param>
    public OAuth1AuthorizationDeniedException(string message, string? error, string? deniedToken, IReadOnlyList<KeyValuePair<string, string>> parameters)
        : base(message)
    {
        Error = error;
        DeniedToken = deniedToken;
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
    }

    /// <summary>Why: <c>denied</c>, the <c>error</c> value (<c>access_denied</c>, ...), the <c>oauth_problem</c> value, or <see langword="null"/> when the callback simply had no token.</summary>
    public string? Error { get; }

    /// <summary>
    /// Whether the user refused (<c>denied=...</c>, or <c>access_denied</c>, <c>user_refused</c> or
    /// <c>permission_denied</c>), as opposed to a provider error or a callback without a token.
    /// </summary>
    public bool IsRefusal => Error is "denied" or "access_denied" or "user_refused" or "permission_denied";

    /// <summary>The request token that was refused, when the provider named it (<c>denied=...</c>).</summary>
    public string? DeniedToken { get; }

    /// <summary>The callback's query parameters, decoded.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }
}

/// <summary>
/// The callback's <c>oauth_token</c> is not the request token this session holds: the callback is forged (a
/// login-CSRF attempt) or belongs to another, older flow. The verifier is not stored.
/// </summary>
public sealed class OAuth1CallbackMismatchException : OAuth1Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="expectedToken">The request token the session holds.</param>
    /// <param name="receivedToken">The token the callback carries.</param>
    public OAuth1CallbackMismatchException(string message, string expectedToken, string receivedToken)
        : base(message)
    {
        ExpectedToken = expectedToken;
        ReceivedToken = receivedToken;
    }

    /// <summary>The request token the session holds.</summary>
    public string ExpectedToken { get; }

    /// <summary>The token the callback carries.</summary>
    public string ReceivedToken { get; }
}
