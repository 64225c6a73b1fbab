namespace OAuth1;

/// <summary>
/// One consistent, validated read of the credentials for one signature: the consumer key and secret, the signature
/// method, and the token chosen for this attempt (the request's own <see cref="OAuth1RequestOptions.Token"/>, else the
/// options' token pair, or none for <see cref="OAuth1RequestParameters.WithoutToken"/>).
/// </summary>
internal readonly struct SigningCredentials
{
    private SigningCredentials(string consumerKey, string consumerSecret, string? token, string tokenSecret, OAuth1SignatureMethod method)
    {
        ConsumerKey = consumerKey;
        ConsumerSecret = consumerSecret;
        Token = token;
        TokenSecret = tokenSecret;
        Method = method;
    }

    public string ConsumerKey { get; }

    public string ConsumerSecret { get; }

    /// <summary>The token identifier, or <see langword="null"/> for two-legged signing.</summary>
    public string? Token { get; }

    public string TokenSecret { get; }

    public OAuth1SignatureMethod Method { get; }

    /// <exception cref="InvalidOperationException">The options lack the consumer key or the signature method.</exception>
    public static SigningCredentials Resolve(OAuth1Options options, OAuth1Token? requestToken, bool withoutToken)
    {
        string consumerKey = options.ConsumerKey is { Length: > 0 } key
            ? key
            : throw new InvalidOperationException("OAuth1Options.ConsumerKey is required to sign a request.");
        OAuth1SignatureMethod method = options.SignatureMethod
            ?? throw new InvalidOperationException("OAuth1Options.SignatureMethod is required to sign a request.");
        (string? token, string tokenSecret) = withoutToken ? (null, string.Empty)
            : requestToken is not null ? (requestToken.Token, requestToken.TokenSecret)
            : options.ReadToken();
        return new SigningCredentials(consumerKey, options.ConsumerSecret ?? string.Empty, token, tokenSecret, method);
    }

    /// <summary>A description without secrets.</summary>
    public override string ToString() => $"SigningCredentials {{ ConsumerKey = {ConsumerKey}, Token = {Token ?? "(none)"}, Method = {Method.Name}, secrets hidden }}";
}
