using System.Buffers.Text;

namespace OAuth1;

/// <summary>
/// RFC 5849 section 3.1, in one place: which protocol parameters a signed request sends, in the order they are written
/// (the order oauthlib and Authlib use, so headers compare equal to theirs): <c>oauth_nonce</c>,
/// <c>oauth_timestamp</c>, <c>oauth_version</c> (optional), <c>oauth_signature_method</c>,
/// <c>oauth_consumer_key</c>, <c>oauth_token</c> (unless two-legged), <c>oauth_callback</c>, <c>oauth_verifier</c>,
/// <c>oauth_session_handle</c>, the extra <c>oauth_*</c> parameters, <c>oauth_body_hash</c>; the signer adds
/// <c>oauth_signature</c> last.
/// </summary>
internal static class ProtocolParameters
{
    /// <summary>Writes the protocol parameters of one signature, from explicit inputs, into <paramref name="list"/>.</summary>
    /// <param name="list">Receives the parameters, percent-encoded.</param>
    /// <param name="credentials">The consumer, the token chosen for this attempt and the method.</param>
    /// <param name="options">The protocol options: version, callback, verifier, extra parameters, clock, nonces.</param>
    /// <param name="request">This request's own inputs, which win over the options'.</param>
    /// <param name="bodyHash">The <c>oauth_body_hash</c> value, or <see langword="null"/> to send none.</param>
    /// <exception cref="InvalidOperationException">An input is missing or clashes with a generated parameter.</exception>
    public static void Write(
        ref ParameterCollection list,
        in SigningCredentials credentials,
        OAuth1Options options,
        OAuth1RequestParameters? request,
        string? bodyHash)
    {
        WriteNonce(ref list, options.NonceGenerator ?? throw new InvalidOperationException("OAuth1Options.NonceGenerator is required."));
        TimeProvider clock = options.TimeProvider ?? throw new InvalidOperationException("OAuth1Options.TimeProvider is required.");
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(clock.GetUtcNow().ToUnixTimeSeconds(), digits, out int length);
        list.Add(OAuth1Parameters.Timestamp, digits[..length]);
        if (options.IncludeVersion)
        {
            list.Add(OAuth1Parameters.Version, "1.0");
        }

        list.Add(OAuth1Parameters.SignatureMethod, credentials.Method.Name);
        list.Add(OAuth1Parameters.ConsumerKey, credentials.ConsumerKey);
        if (!string.IsNullOrEmpty(credentials.Token))
        {
            list.Add(OAuth1Parameters.Token, credentials.Token);
        }

        AddIfSet(ref list, OAuth1Parameters.Callback, request?.Callback ?? options.Callback);
        AddIfSet(ref list, OAuth1Parameters.Verifier, request?.Verifier ?? options.Verifier);
        AddIfSet(ref list, OAuth1Parameters.SessionHandle, request?.SessionHandle);
        if (options.ExtraProtocolParameters.Count > 0 || request?.ExtraProtocolParameters is { Count: > 0 })
        {
            AddExtra(ref list, options.ExtraProtocolParameters, request?.ExtraProtocolParameters);
        }

        if (bodyHash is not null)
        {
            list.Add(OAuth1Parameters.BodyHash, bodyHash);
        }
    }

    private static void WriteNonce(ref ParameterCollection list, Func<string> generator)
    {
        if (ReferenceEquals(generator, Nonce.Generator))
        {
            // The default nonce is written straight into the list: it never needs a string of its own.
            Span<byte> hex = stackalloc byte[Nonce.Length];
            Nonce.Write(hex);
            list.Add(OAuth1Parameters.Nonce, hex);
            return;
        }

        string nonce = generator();
        if (string.IsNullOrEmpty(nonce))
        {
            throw new InvalidOperationException("OAuth1Options.NonceGenerator returned an empty nonce.");
        }

        list.Add(OAuth1Parameters.Nonce, nonce);
    }

    private static void AddIfSet(ref ParameterCollection list, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            list.Add(name, value);
        }
    }

    private static void AddExtra(ref ParameterCollection list, IDictionary<string, string> fromOptions, IReadOnlyDictionary<string, string>? fromRequest)
    {
        foreach (var pair in fromOptions)
        {
            if (fromRequest is null || !fromRequest.ContainsKey(pair.Key))
            {
                AddOneExtra(ref list, "OAuth1Options", pair.Key, pair.Value);
            }
        }

        if (fromRequest is not null)
        {
            foreach (var pair in fromRequest)
            {
                AddOneExtra(ref list, "OAuth1RequestParameters", pair.Key, pair.Value);
            }
        }
    }

    private static void AddOneExtra(ref ParameterCollection list, string source, string name, string? value)
    {
        if (name is null || !name.StartsWith("oauth_", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{source}.ExtraProtocolParameters['{name}'] is not a protocol parameter: only oauth_* names go there. Put other parameters in the query or body.");
        }

        if (list.Contains(name) || name is OAuth1Parameters.Signature or OAuth1Parameters.BodyHash or OAuth1Parameters.TokenSecret)
        {
            throw new InvalidOperationException(
                $"{source}.ExtraProtocolParameters['{name}'] clashes with a parameter the signer generates; set it through its own option instead.");
        }

        HeaderSafeText.Ensure(name, "ExtraProtocolParameters", $"A name of {source}.ExtraProtocolParameters");
        HeaderSafeText.Ensure(value, "ExtraProtocolParameters", $"{source}.ExtraProtocolParameters['{name}']");
        list.Add(name, value ?? string.Empty);
    }
}
