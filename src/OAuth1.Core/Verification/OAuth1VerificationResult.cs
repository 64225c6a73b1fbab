namespace OAuth1;

/// <summary>Why a request failed verification.</summary>
public enum OAuth1VerificationFailure
{
    /// <summary>The request is valid.</summary>
    None,

    /// <summary>The request is not OAuth-signed or cannot be parsed (<c>parameter_rejected</c>).</summary>
    MalformedRequest,

    /// <summary>A required protocol parameter is missing (<c>parameter_absent</c>).</summary>
    ParameterAbsent,

    /// <summary>A protocol parameter appears more than once (<c>parameter_rejected</c>).</summary>
    DuplicateParameter,

    /// <summary><c>oauth_version</c> is not <c>1.0</c> (<c>version_rejected</c>).</summary>
    VersionRejected,

    /// <summary>The signature method is not accepted (<c>signature_method_rejected</c>).</summary>
    SignatureMethodRejected,

    /// <summary>The timestamp is malformed or outside the window (<c>timestamp_refused</c>).</summary>
    TimestampRefused,

    /// <summary>The nonce was already used (<c>nonce_used</c>).</summary>
    NonceUsed,

    /// <summary>The consumer key is unknown (<c>consumer_key_unknown</c>).</summary>
    ConsumerKeyUnknown,

    /// <summary>The token is unknown or not the client's (<c>token_rejected</c>).</summary>
    TokenRejected,

    /// <summary>The signature does not match (<c>signature_invalid</c>).</summary>
    SignatureInvalid,

    /// <summary>The nonce store could not tell whether the nonce was used (unreachable, or full): refused, fail closed. Try again later.</summary>
    NonceStoreUnavailable,

    /// <summary><c>oauth_body_hash</c> does not match the body received, is sent with a form body, or is missing where it is required.</summary>
    BodyHashInvalid,
}

/// <summary>The outcome of <see cref="OAuth1RequestVerifier.VerifyAsync"/>: valid or not, why, and what was computed.</summary>
public sealed class OAuth1VerificationResult
{
    internal OAuth1VerificationResult(OAuth1VerificationFailure failure, string message, IReadOnlyList<KeyValuePair<string, string>> parameters, string? baseString)
    {
        Failure = failure;
        Message = message;
        Parameters = WithoutSignature(parameters);
        BaseString = baseString;
    }

    /// <summary>Whether the request is authentic and fresh.</summary>
    public bool IsValid => Failure == OAuth1VerificationFailure.None;

    /// <summary>Why verification failed, or <see cref="OAuth1VerificationFailure.None"/>.</summary>
    public OAuth1VerificationFailure Failure { get; }

    /// <summary>A message for logs and the <c>oauth_problem_advice</c> answer; never contains a secret.</summary>
    public string Message { get; }

    /// <summary>The <c>oauth_problem</c> code (OAuth Problem Reporting extension) for the failure; <see langword="null"/> when valid.</summary>
    public string? Problem => Failure switch
    {
        OAuth1VerificationFailure.None => null,
        OAuth1VerificationFailure.MalformedRequest or OAuth1VerificationFailure.DuplicateParameter => "parameter_rejected",
        OAuth1VerificationFailure.ParameterAbsent => "parameter_absent",
        OAuth1VerificationFailure.VersionRejected => "version_rejected",
        OAuth1VerificationFailure.SignatureMethodRejected => "signature_method_rejected",
        OAuth1VerificationFailure.TimestampRefused => "timestamp_refused",
        OAuth1VerificationFailure.NonceUsed => "nonce_used",
        OAuth1VerificationFailure.ConsumerKeyUnknown => "consumer_key_unknown",
        OAuth1VerificationFailure.TokenRejected => "token_rejected",
        OAuth1VerificationFailure.NonceStoreUnavailable => "temporarily_unavailable",
        _ => "signature_invalid",
    };

    /// <summary>The signature base string the verifier computed (compare it with the client's), when it got that far.</summary>
    public string? BaseString { get; }

    /// <summary>
    /// Every parameter collected from the query, the header and the form body, decoded, except <c>oauth_signature</c>
    /// (with PLAINTEXT it is both secrets; the base string leaves it out too). The header's <c>realm</c> is not a parameter.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    /// <summary>The received <c>oauth_consumer_key</c>.</summary>
    public string? ConsumerKey => Get(OAuth1Parameters.ConsumerKey);

    /// <summary>The received <c>oauth_token</c>.</summary>
    public string? Token => Get(OAuth1Parameters.Token);

    /// <summary>The received <c>oauth_callback</c>.</summary>
    public string? Callback => Get(OAuth1Parameters.Callback);

    /// <summary>The received <c>oauth_verifier</c>.</summary>
    public string? Verifier => Get(OAuth1Parameters.Verifier);

    /// <summary>The received <c>oauth_signature_method</c>.</summary>
    public string? SignatureMethod => Get(OAuth1Parameters.SignatureMethod);

    /// <summary>The first value of a collected parameter, or <see langword="null"/>.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The decoded value.</returns>
    public string? Get(string name)
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

    /// <summary>The outcome and message (no secrets).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsValid ? "Valid" : $"{Failure}: {Message}";

    private static KeyValuePair<string, string>[] WithoutSignature(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var kept = new List<KeyValuePair<string, string>>(parameters.Count);
        foreach (var pair in parameters)
        {
            if (!string.Equals(pair.Key, OAuth1Parameters.Signature, StringComparison.Ordinal))
            {
                kept.Add(pair);
            }
        }

        return [.. kept];
    }
}
