using System.Text;

namespace OAuth1;

/// <summary>
/// Signs an <see cref="HttpRequestMessage"/> exactly as it will be sent (RFC 5849 section 3): its absolute URI as
/// escaped on the wire, its form body as bytes, and the protocol parameters of <see cref="OAuth1Options"/>.
/// <see cref="OAuth1Handler"/> calls it on every send; call it directly to sign without a handler, or use
/// <see cref="ComputeSignatureAsync"/> to see the base string of a request without changing it.
/// </summary>
public static class OAuth1Signer
{
    /// <summary>
    /// Signs <paramref name="request"/> in place: adds the <c>Authorization</c> header, or appends the protocol
    /// parameters to the query or the form body, replacing those of an earlier signature by this library.
    /// </summary>
    /// <param name="request">The request as it will be sent; its URI must be absolute.</param>
    /// <param name="options">Credentials and protocol options. A token in <see cref="OAuth1RequestOptions.Token"/> on the request wins.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>A task that completes when the request is signed.</returns>
    /// <exception cref="ArgumentException">The request URI is relative or has no host.</exception>
    /// <exception cref="InvalidOperationException">The options are incomplete, or the request cannot be signed as configured.</exception>
    public static Task SignAsync(HttpRequestMessage request, OAuth1Options options, CancellationToken cancellationToken = default)
    {
        Task signing = SignCoreAsync(request, options, cancellationToken);
        if (signing.IsCompletedSuccessfully)
        {
            SigningState.GetOrAdd(request).HasUnsentSignature = true;
            return Task.CompletedTask;
        }

        return MarkWhenDone(signing, request);

        static async Task MarkWhenDone(Task signing, HttpRequestMessage request)
        {
            await signing.ConfigureAwait(false);
            SigningState.GetOrAdd(request).HasUnsentSignature = true;
        }
    }

    /// <summary>Signs <paramref name="request"/> in place, reading a form body synchronously.</summary>
    /// <param name="request">The request as it will be sent.</param>
    /// <param name="options">Credentials and protocol options.</param>
    /// <exception cref="ArgumentException">The request URI is relative or has no host.</exception>
    /// <exception cref="InvalidOperationException">The options are incomplete, or the request cannot be signed as configured.</exception>
    public static void Sign(HttpRequestMessage request, OAuth1Options options)
    {
        SignCore(request, options);
        SigningState.GetOrAdd(request).HasUnsentSignature = true;
    }

    /// <summary>
    /// Computes what signing <paramref name="request"/> would produce, without changing it: the base string, the
    /// signature and the <c>Authorization</c> header. Compare the base string with the provider's to debug an
    /// "invalid signature" answer.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="options">Credentials and protocol options.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The base string, signature and protocol parameters.</returns>
    public static async Task<OAuth1SignatureResult> ComputeSignatureAsync(HttpRequestMessage request, OAuth1Options options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        Uri uri = RequireAbsoluteUri(request);
        bool isForm = RequestBody.IsForm(request.Content);
        byte[]? body = RequestBody.MustRead(request.Content, isForm, options.IncludeBodyHash)
            ? await RequestBody.ReadAsync(request.Content!, cancellationToken).ConfigureAwait(false)
            : null;
        var protocol = new ProtocolParameterList();
        try
        {
            var credentials = Credentials.From(options, request, isForm, body, uri, ref protocol);
            string signature = ComputeSignature(request.Method.Method, uri, isForm ? body : null, in credentials, ref protocol, out string? baseString, captureBaseString: true);
            protocol.Add(OAuth1Parameters.Signature, signature);
            return new OAuth1SignatureResult(baseString!, signature, protocol.ToArray(), OAuth1AuthorizationHeader.Format(protocol.AsSpan(), options.Realm));
        }
        finally
        {
            protocol.Dispose();
        }
    }

    internal static Task SignCoreAsync(HttpRequestMessage request, OAuth1Options options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        SigningState.RestoreUnsigned(request);
        bool isForm = RequestBody.IsForm(request.Content);
        if (!RequestBody.MustRead(request.Content, isForm, options.IncludeBodyHash))
        {
            Apply(request, options, isForm, body: null);
            return Task.CompletedTask;
        }

        return ReadThenApplyAsync(request, options, isForm, cancellationToken);

        static async Task ReadThenApplyAsync(HttpRequestMessage request, OAuth1Options options, bool isForm, CancellationToken cancellationToken)
        {
            if (isForm)
            {
                RequestBody.EnsureReadableForm(request.Content!);
            }

            byte[] body = await RequestBody.ReadAsync(request.Content!, cancellationToken).ConfigureAwait(false);
            Apply(request, options, isForm, body);
        }
    }

    internal static void SignCore(HttpRequestMessage request, OAuth1Options options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        SigningState.RestoreUnsigned(request);
        bool isForm = RequestBody.IsForm(request.Content);
        byte[]? body = null;
        if (RequestBody.MustRead(request.Content, isForm, options.IncludeBodyHash))
        {
            if (isForm)
            {
                RequestBody.EnsureReadableForm(request.Content!);
            }

            body = RequestBody.Read(request);
        }

        Apply(request, options, isForm, body);
    }

    private static void Apply(HttpRequestMessage request, OAuth1Options options, bool isForm, byte[]? body)
    {
        Uri uri = RequireAbsoluteUri(request);
        OAuth1SignatureLocation location = options.SignatureLocation;
        if (location == OAuth1SignatureLocation.Body && request.Content is not null && !isForm)
        {
            throw new InvalidOperationException(
                $"SignatureLocation is Body, but the request body is '{request.Content.Headers.ContentType?.MediaType ?? "(no Content-Type)"}'; "
                + "protocol parameters can only go in an application/x-www-form-urlencoded body. Use Header or Query placement for this request.");
        }

        var protocol = new ProtocolParameterList();
        try
        {
            var credentials = Credentials.From(options, request, isForm, body, uri, ref protocol);
            string signature = ComputeSignature(request.Method.Method, uri, isForm ? body : null, in credentials, ref protocol, out _, captureBaseString: false);
            protocol.Add(OAuth1Parameters.Signature, signature);
            Place(request, uri, location, options.Realm, isForm ? body : null, ref protocol);
        }
        finally
        {
            protocol.Dispose();
        }
    }

    private static string ComputeSignature(
        string method,
        Uri uri,
        byte[]? formBody,
        in Credentials credentials,
        ref ProtocolParameterList protocol,
        out string? baseString,
        bool captureBaseString)
    {
        BaseStringUri baseUri = BaseStringUri.Parse(uri, "request.RequestUri");
        var parameters = new ParameterCollection(512);
        var output = new PooledByteBuffer(1024);
        try
        {
            if (!baseUri.Query.IsEmpty)
            {
                AddQuery(ref parameters, baseUri.Query);
            }

            if (formBody is not null)
            {
                parameters.AddFormData(formBody);
            }

            EnsureNoClash(in parameters, in protocol);
            foreach (var pair in protocol.AsSpan())
            {
                parameters.Add(pair.Key, pair.Value);
            }

            OAuth1SignatureBaseString.Write(ref output, method, baseUri, ref parameters);
            baseString = captureBaseString ? Encoding.ASCII.GetString(output.WrittenSpan) : null;
            return credentials.Method.Sign(output.WrittenSpan, credentials.ConsumerSecret, credentials.TokenSecret);
        }
        finally
        {
            output.Dispose();
            parameters.Dispose();
        }
    }

    private static void AddQuery(ref ParameterCollection parameters, ReadOnlySpan<char> query)
    {
        // The escaped query is ASCII; anything else is transcoded as UTF-8 first.
        int max = Encoding.UTF8.GetMaxByteCount(query.Length);
        byte[]? rented = null;
        Span<byte> bytes = max <= 1024 ? stackalloc byte[1024] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        int length = Encoding.UTF8.GetBytes(query, bytes);
        parameters.AddFormData(bytes[..length]);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A parameter of the query or body may not repeat a protocol parameter that the signer sends.</summary>
    private static void EnsureNoClash(in ParameterCollection parameters, in ProtocolParameterList protocol)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            ReadOnlySpan<byte> name = parameters.NameAt(i);
            if (name.StartsWith("oauth_"u8) && (protocol.ContainsEncoded(name) || name.SequenceEqual("oauth_signature"u8)))
            {
                throw new InvalidOperationException(
                    $"The request already carries the protocol parameter '{Encoding.ASCII.GetString(name)}' in its query or body, and the signer sends it too. "
                    + "Remove it from the request (set it through OAuth1Options instead) so that no protocol parameter is sent twice.");
            }
        }
    }

    private static void Place(HttpRequestMessage request, Uri uri, OAuth1SignatureLocation location, string? realm, byte[]? formBody, ref ProtocolParameterList protocol)
    {
        RemoveOAuthAuthorizationHeader(request);
        switch (location)
        {
            case OAuth1SignatureLocation.Header:
                request.Headers.TryAddWithoutValidation("Authorization", OAuth1AuthorizationHeader.Format(protocol.AsSpan(), realm));
                break;

            case OAuth1SignatureLocation.Query:
            {
                var signedUri = new Uri(ParameterPlacement.AppendToQuery(uri.AbsoluteUri, protocol.AsSpan()));
                SigningState state = SigningState.GetOrAdd(request);
                state.UnsignedUri = request.RequestUri;
                state.SignedUri = signedUri;
                request.RequestUri = signedUri;
                break;
            }

            case OAuth1SignatureLocation.Body:
            {
                HttpContent signedContent = new ByteArrayContent(ParameterPlacement.AppendToForm(formBody, protocol.AsSpan()));
                if (request.Content is null)
                {
                    signedContent.Headers.ContentType = RequestBody.FormContentType();
                }
                else
                {
                    RequestBody.WithSameHeaders(request.Content, signedContent);
                }

                SigningState state = SigningState.GetOrAdd(request);
                state.UnsignedContent = request.Content;
                state.SignedContent = signedContent;
                request.Content = signedContent;
                break;
            }

            default:
                throw new InvalidOperationException($"Unknown OAuth1Options.SignatureLocation value {(int)location}.");
        }
    }

    private static void RemoveOAuthAuthorizationHeader(HttpRequestMessage request)
    {
        if (request.Headers.NonValidated.TryGetValues("Authorization", out var values))
        {
            foreach (string value in values)
            {
                if (value.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase) || value.Equals("OAuth", StringComparison.OrdinalIgnoreCase))
                {
                    request.Headers.Remove("Authorization");
                    return;
                }
            }
        }
    }

    private static Uri RequireAbsoluteUri(HttpRequestMessage request)
    {
        Uri? uri = request.RequestUri;
        if (uri is null)
        {
            throw new InvalidOperationException("The request has no RequestUri; set it (or HttpClient.BaseAddress) before signing.");
        }

        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException(
                $"The request URI '{uri.OriginalString}' is relative; OAuth 1.0a signs absolute URIs. Set HttpClient.BaseAddress or use an absolute URI.",
                nameof(request));
        }

        return uri;
    }

    /// <summary>One consistent read of the options for one signature, and the protocol parameters it sends.</summary>
    private readonly struct Credentials
    {
        private Credentials(OAuth1SignatureMethod method, string consumerSecret, string tokenSecret)
        {
            Method = method;
            ConsumerSecret = consumerSecret;
            TokenSecret = tokenSecret;
        }

        public OAuth1SignatureMethod Method { get; }

        public string ConsumerSecret { get; }

        public string TokenSecret { get; }

        public static Credentials From(OAuth1Options options, HttpRequestMessage request, bool isForm, byte[]? body, Uri uri, ref ProtocolParameterList protocol)
        {
            string consumerKey = options.ConsumerKey is { Length: > 0 } key
                ? key
                : throw new InvalidOperationException("OAuth1Options.ConsumerKey is required to sign a request.");
            OAuth1SignatureMethod method = options.SignatureMethod
                ?? throw new InvalidOperationException("OAuth1Options.SignatureMethod is required to sign a request.");
            if (method.RevealsSecrets && !options.AllowPlaintextOverHttp && !uri.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"The {method.Name} signature method sends the secrets themselves, and '{uri.GetLeftPart(UriPartial.Authority)}' is not HTTPS. "
                    + "Use HTTPS, or set OAuth1Options.AllowPlaintextOverHttp if you accept sending the secrets in clear.");
            }

            (string? token, string tokenSecret) = request.Options.TryGetValue(OAuth1RequestOptions.Token, out OAuth1Token? requestToken)
                ? (requestToken.Token, requestToken.TokenSecret)
                : options.ReadToken();
            TimeProvider clock = options.TimeProvider ?? throw new InvalidOperationException("OAuth1Options.TimeProvider is required.");
            Func<string> nonces = options.NonceGenerator ?? throw new InvalidOperationException("OAuth1Options.NonceGenerator is required.");
            string nonce = nonces();
            if (string.IsNullOrEmpty(nonce))
            {
                throw new InvalidOperationException("OAuth1Options.NonceGenerator returned an empty nonce.");
            }

            protocol.Add(OAuth1Parameters.Nonce, nonce);
            protocol.Add(OAuth1Parameters.Timestamp, Timestamp.Now(clock));
            if (options.IncludeVersion)
            {
                protocol.Add(OAuth1Parameters.Version, "1.0");
            }

            protocol.Add(OAuth1Parameters.SignatureMethod, method.Name);
            protocol.Add(OAuth1Parameters.ConsumerKey, consumerKey);
            if (!string.IsNullOrEmpty(token))
            {
                protocol.Add(OAuth1Parameters.Token, token);
            }

            if (options.Callback is { Length: > 0 } callback)
            {
                protocol.Add(OAuth1Parameters.Callback, callback);
            }

            if (options.Verifier is { Length: > 0 } verifier)
            {
                protocol.Add(OAuth1Parameters.Verifier, verifier);
            }

            if (options.ExtraProtocolParameters.Count > 0)
            {
                AddExtra(options.ExtraProtocolParameters, ref protocol);
            }

            if (options.IncludeBodyHash && !isForm)
            {
                protocol.Add(OAuth1Parameters.BodyHash, RequestBody.Hash(body));
            }

            return new Credentials(method, options.ConsumerSecret ?? string.Empty, tokenSecret);
        }

        private static void AddExtra(IDictionary<string, string> extra, ref ProtocolParameterList protocol)
        {
            foreach (var pair in extra)
            {
                if (!pair.Key.StartsWith("oauth_", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"OAuth1Options.ExtraProtocolParameters['{pair.Key}'] is not a protocol parameter: only oauth_* names go there. Put other parameters in the query or body.");
                }

                if (protocol.Contains(pair.Key) || pair.Key is OAuth1Parameters.Signature or OAuth1Parameters.BodyHash or OAuth1Parameters.TokenSecret)
                {
                    throw new InvalidOperationException(
                        $"OAuth1Options.ExtraProtocolParameters['{pair.Key}'] clashes with a parameter the signer generates; set it through its own option instead.");
                }

                protocol.Add(pair.Key, pair.Value ?? string.Empty);
            }
        }
    }
}
