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
            if (Math.Abs(now - timestamp) > tolerance)
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
        if (freshnessRequired && !await _options.NonceStore.TryUseAsync(consumerKey, token, nonce!, timestamp, cancellationToken).ConfigureAwait(false))
        {
            return new OAuth1VerificationResult(OAuth1VerificationFailure.NonceUsed, "The nonce was already used with this timestamp: the request is a replay.", parameters, baseString);
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

    private OAuth1SignatureMethod? ResolveMethod(string name, OAuth1ConsumerCredentials consumer)
    {
        if (_options.AllowedSignatureMethods.Count > 0 && !_options.AllowedSignatureMethods.Contains(name))
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
        if (name is not ("HMAC-SHA1" or "HMAC-SHA256" or "HMAC-SHA512" or "PLAINTEXT" or "RSA-SHA1" or "RSA-SHA256" or "RSA-SHA512")
            || (name.StartsWith("RSA-", StringComparison.Ordinal) && consumer.RsaPublicKey is null))
        {
            return null;
        }

        return OAuth1SignatureMethod.FromName(name, consumer.RsaPublicKey);
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
