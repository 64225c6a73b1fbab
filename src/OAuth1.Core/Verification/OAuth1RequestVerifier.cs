using System.Globalization;
using System.Text;

namespace OAuth1;

/// <summary>
/// Verifies signed requests on the provider side (RFC 5849 section 3.2): collects the parameters from the query,
/// the <c>Authorization</c> header and a form body, recomputes the base string, checks the signature in constant
/// time for every method, checks the timestamp window, and refuses a replayed nonce.
/// </summary>
/// <remarks>Safe to share between concurrent requests.</remarks>
public sealed class OAuth1RequestVerifier
{
    private readonly IOAuth1CredentialStore _credentials;
    private readonly OAuth1VerifierOptions _options;

    /// <summary>Creates a verifier.</summary>
    /// <param name="credentials">Where clients and tokens are looked up.</param>
    /// <param name="options">Settings; defaults when <see langword="null"/>.</param>
    public OAuth1RequestVerifier(IOAuth1CredentialStore credentials, OAuth1VerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _credentials = credentials;
        _options = options ?? new OAuth1VerifierOptions();
    }

    /// <summary>Verifies one request.</summary>
    /// <param name="request">The request as received.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <returns>The outcome, with the reason and the computed base string.</returns>
    public async Task<OAuth1VerificationResult> VerifyAsync(OAuth1IncomingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        List<KeyValuePair<string, string>> parameters;
        try
        {
            parameters = Collect(request);
        }
        catch (FormatException ex)
        {
            return Fail(OAuth1VerificationFailure.MalformedRequest, ex.Message, []);
        }

        if (FindDuplicateProtocolParameter(parameters) is string duplicate)
        {
            return Fail(OAuth1VerificationFailure.DuplicateParameter, $"The protocol parameter '{duplicate}' appears more than once.", parameters);
        }

        string? consumerKey = Get(parameters, OAuth1Parameters.ConsumerKey);
        string? methodName = Get(parameters, OAuth1Parameters.SignatureMethod);
        string? signature = Get(parameters, OAuth1Parameters.Signature);
        if (string.IsNullOrEmpty(consumerKey) || string.IsNullOrEmpty(methodName) || signature is null)
        {
            string missing = string.IsNullOrEmpty(consumerKey) ? OAuth1Parameters.ConsumerKey
                : string.IsNullOrEmpty(methodName) ? OAuth1Parameters.SignatureMethod : OAuth1Parameters.Signature;
            return Fail(OAuth1VerificationFailure.ParameterAbsent, $"The request has no '{missing}'.", parameters);
        }

        if (Get(parameters, OAuth1Parameters.Version) is string version && version != "1.0")
        {
            return Fail(OAuth1VerificationFailure.VersionRejected, $"oauth_version '{version}' is not 1.0.", parameters);
        }

        var consumer = await _credentials.FindConsumerAsync(consumerKey, cancellationToken).ConfigureAwait(false);
        if (consumer is null)
        {
            return Fail(OAuth1VerificationFailure.ConsumerKeyUnknown, $"The consumer key '{consumerKey}' is unknown.", parameters);
        }

        OAuth1SignatureMethod? method = ResolveMethod(methodName, consumer);
        if (method is null)
        {
            return Fail(OAuth1VerificationFailure.SignatureMethodRejected, $"The signature method '{methodName}' is not accepted for this client.", parameters);
        }

        if (CheckBodyHash(request, parameters) is { } bodyHashProblem)
        {
            return bodyHashProblem;
        }

        if (method.RevealsSecrets && !_options.AllowPlaintextOverHttp && !request.Uri.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(OAuth1VerificationFailure.SignatureMethodRejected, $"The {method.Name} signature method is refused over plain HTTP.", parameters);
        }

        string? timestampText = Get(parameters, OAuth1Parameters.Timestamp);
        string? nonce = Get(parameters, OAuth1Parameters.Nonce);
        // RFC 5849 section 3.1: timestamp and nonce may be left out with PLAINTEXT.
        bool freshnessRequired = !method.RevealsSecrets || timestampText is not null || nonce is not null;
        long timestamp = 0;
        if (freshnessRequired)
        {
            if (string.IsNullOrEmpty(timestampText) || string.IsNullOrEmpty(nonce))
            {
                return Fail(OAuth1VerificationFailure.ParameterAbsent, $"The request has no '{(string.IsNullOrEmpty(timestampText) ? OAuth1Parameters.Timestamp : OAuth1Parameters.Nonce)}'.", parameters);
            }

            if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp))
            {
                return Fail(OAuth1VerificationFailure.TimestampRefused, $"oauth_timestamp '{timestampText}' is not a whole number of seconds.", parameters);
            }

            long now = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
            long tolerance = (long)_options.TimestampTolerance.TotalSeconds;
            // The nonce is kept until timestamp + tolerance: an expiry that is not in the future is stale.
            if (Math.Abs(now - timestamp) > tolerance || timestamp + tolerance <= now)
            {
                return Fail(OAuth1VerificationFailure.TimestampRefused, $"oauth_timestamp {timestamp} is more than {tolerance} seconds from the provider's clock ({now}).", parameters);
            }
        }

        string? token = Get(parameters, OAuth1Parameters.Token);
        string tokenSecret = string.Empty;
        if (!string.IsNullOrEmpty(token))
        {
            string? found = await _credentials.FindTokenSecretAsync(consumerKey, token, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return Fail(OAuth1VerificationFailure.TokenRejected, $"The token '{token}' is unknown or was not issued to this client.", parameters);
            }

            tokenSecret = found;
        }

        string baseString;
        bool valid;
        try
        {
            (baseString, valid) = CheckSignature(request, parameters, method, signature, consumer.ConsumerSecret, tokenSecret);
        }
        catch (ArgumentException ex)
        {
            return Fail(OAuth1VerificationFailure.MalformedRequest, ex.Message, parameters);
        }

        if (!valid)
        {
            return new OAuth1VerificationResult(OAuth1VerificationFailure.SignatureInvalid, "The signature does not match the request; compare the base strings.", parameters, baseString);
        }

        // Nonces are recorded only for authentic requests, so that forged ones cannot fill the store.
        if (freshnessRequired)
        {
            OAuth1NonceResult used = await UseNonceAsync(consumerKey, token, nonce!, timestamp, cancellationToken).ConfigureAwait(false);
            if (used != OAuth1NonceResult.Accepted)
            {
                return used == OAuth1NonceResult.Replayed
                    ? new OAuth1VerificationResult(OAuth1VerificationFailure.NonceUsed, "The nonce was already used with this timestamp: the request is a replay.", parameters, baseString)
                    : new OAuth1VerificationResult(OAuth1VerificationFailure.NonceStoreUnavailable, "The nonce store cannot tell whether this nonce was used (unreachable or full); the request is refused. Try again later.", parameters, baseString);
            }
        }

        return new OAuth1VerificationResult(OAuth1VerificationFailure.None, "Valid.", parameters, baseString);
    }

    /// <summary>
    /// Collects every parameter of section 3.4.1.3.1, decoded once: query (form decoding), <c>Authorization</c>
    /// header (percent-decoding; its <c>realm</c> is not a parameter), form body.
    /// </summary>
    internal static List<KeyValuePair<string, string>> Collect(OAuth1IncomingRequest request)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        parameters.AddRange(FormUrlEncoding.Parse(request.Uri.Query));
        if (request.AuthorizationHeader is { } header && header.TrimStart().StartsWith(OAuth1AuthorizationHeader.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            foreach (var pair in OAuth1AuthorizationHeader.ParseDecoded(header))
            {
                if (pair.Key != OAuth1Parameters.Realm)
                {
                    parameters.Add(pair);
                }
            }
        }

        if (request.HasFormBody)
        {
            parameters.AddRange(FormUrlEncoding.Parse(request.Body.Span));
        }

        return parameters;
    }

    private (string BaseString, bool Valid) CheckSignature(
        OAuth1IncomingRequest request,
        List<KeyValuePair<string, string>> parameters,
        OAuth1SignatureMethod method,
        string signature,
        string consumerSecret,
        string tokenSecret)
    {
        BaseStringUri baseUri = BaseStringUri.Parse(request.Uri, nameof(request));
        var collection = new ParameterCollection(512);
        var output = new PooledByteBuffer(1024);
        try
        {
            foreach (var pair in parameters)
            {
                if (pair.Key != OAuth1Parameters.Signature)
                {
                    collection.Add(pair.Key, pair.Value);
                }
            }

            OAuth1SignatureBaseString.Write(ref output, request.Method, baseUri, ref collection);
            string baseString = Encoding.ASCII.GetString(output.WrittenSpan);
            return (baseString, method.Verify(output.WrittenSpan, signature, consumerSecret, tokenSecret));
        }
        finally
        {
            output.ClearAndDispose();
            collection.Dispose();
        }
    }

    /// <summary>
    /// The method for this client, or <see langword="null"/> when it may not use it: the verifier's allowed set, the
    /// client's own, and its key material all have to agree. HMAC, PLAINTEXT and custom methods need a consumer secret
    /// (an empty one would let anyone sign with the key <c>&amp;</c>); RSA needs a public key.
    /// </summary>
    private OAuth1SignatureMethod? ResolveMethod(string name, OAuth1ConsumerCredentials consumer)
    {
        if ((_options.AllowedSignatureMethods.Count > 0 && !_options.AllowedSignatureMethods.Contains(name))
            || (consumer.AllowedSignatureMethods is { } allowed && !allowed.Contains(name)))
        {
            return null;
        }

        bool isRsa = name is "RSA-SHA1" or "RSA-SHA256" or "RSA-SHA512";
        if (isRsa ? consumer.RsaPublicKey is null : string.IsNullOrEmpty(consumer.ConsumerSecret))
        {
            return null;
        }

        foreach (OAuth1SignatureMethod custom in _options.CustomSignatureMethods)
        {
            if (custom.Name == name)
            {
                return custom;
            }
        }

        // Names are matched exactly here (the RFC's names are upper case); FromName is case-insensitive.
        return name is "HMAC-SHA1" or "HMAC-SHA256" or "HMAC-SHA512" or "PLAINTEXT" || isRsa
            ? OAuth1SignatureMethod.FromName(name, consumer.RsaPublicKey)
            : null;
    }

    /// <summary>
    /// draft-eaton-oauth-bodyhash: a sent <c>oauth_body_hash</c> must be the SHA-1 of the exact body bytes (compared in
    /// constant time) and is refused on a form body; <see cref="OAuth1VerifierOptions.RequireBodyHash"/> requires it on
    /// other bodies.
    /// </summary>
    private OAuth1VerificationResult? CheckBodyHash(OAuth1IncomingRequest request, List<KeyValuePair<string, string>> parameters)
    {
        string? sent = Get(parameters, OAuth1Parameters.BodyHash);
        if (sent is null)
        {
            return _options.RequireBodyHash && !request.HasFormBody
                ? Fail(OAuth1VerificationFailure.BodyHashInvalid, "The request has no 'oauth_body_hash', which this endpoint requires for a body that is not a form.", parameters)
                : null;
        }

        if (request.HasFormBody)
        {
            return Fail(OAuth1VerificationFailure.BodyHashInvalid, "'oauth_body_hash' is not allowed with a form body (draft-eaton-oauth-bodyhash): the form parameters are signed themselves.", parameters);
        }

        Span<byte> expected = stackalloc byte[System.Security.Cryptography.SHA1.HashSizeInBytes];
        System.Security.Cryptography.SHA1.HashData(request.Body.Span, expected);
        Span<byte> received = stackalloc byte[System.Security.Cryptography.SHA1.HashSizeInBytes];
        bool decoded = Convert.TryFromBase64String(sent, received, out int length) && length == received.Length;
        bool equal = System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, received);
        return decoded & equal
            ? null
            : Fail(OAuth1VerificationFailure.BodyHashInvalid, "'oauth_body_hash' does not match the body received: the body was changed after it was signed.", parameters);
    }

    /// <summary>Asks the nonce store, failing closed: a store that throws cannot tell either.</summary>
    private async ValueTask<OAuth1NonceResult> UseNonceAsync(string consumerKey, string? token, string nonce, long timestamp, CancellationToken cancellationToken)
    {
        DateTimeOffset expiresAt = DateTimeOffset.FromUnixTimeSeconds(timestamp) + _options.TimestampTolerance;
        OAuth1NonceResult result;
        try
        {
            result = await _options.NonceStore.TryUseAsync(consumerKey, token, nonce, timestamp, expiresAt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            VerifierLog.NonceStoreFailed(_options.Logger, ex.GetType().Name, ex);
            return OAuth1NonceResult.Unavailable;
        }

        if (result == OAuth1NonceResult.Unavailable)
        {
            VerifierLog.NonceStoreUnavailable(_options.Logger, _options.NonceStore.GetType().Name);
        }

        return result;
    }

    private static string? FindDuplicateProtocolParameter(List<KeyValuePair<string, string>> parameters)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in parameters)
        {
            if (pair.Key.StartsWith("oauth_", StringComparison.Ordinal) && !seen.Add(pair.Key))
            {
                return pair.Key;
            }
        }

        return null;
    }

    private static string? Get(List<KeyValuePair<string, string>> parameters, string name)
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

    private static OAuth1VerificationResult Fail(OAuth1VerificationFailure failure, string message, List<KeyValuePair<string, string>> parameters) =>
        new(failure, message, parameters, null);
}
