using System.Buffers;
using System.Text;

namespace OAuth1;

/// <summary>
/// Signs an <see cref="HttpRequestMessage"/> exactly as it will be sent (RFC 5849 section 3): its absolute URI as
/// escaped on the wire, its form body as bytes, and the protocol parameters.
/// </summary>
/// <remarks>
/// <para>Signing is one function of explicit inputs: the request as it was before any earlier signature by this
/// library, the credentials of <see cref="OAuth1Options"/> with the token chosen for this attempt (the request's
/// <see cref="OAuth1RequestOptions.Token"/> wins), and the request's own protocol inputs
/// (<see cref="OAuth1RequestOptions.RequestParameters"/>). Its result, the protocol parameters with
/// <c>oauth_signature</c>, is applied in one place (header, query or form body), replacing an earlier signature.</para>
/// <para><see cref="OAuth1Handler"/> calls it on every attempt; call it directly to sign without a handler, or use
/// <see cref="ComputeSignatureAsync"/> to run the same computation without changing the request.</para>
/// </remarks>
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
        Attempt attempt = Attempt.Begin(request, options);
        if (!attempt.MustReadBody)
        {
            SignAndApply(request, options, in attempt, default);
            return Task.CompletedTask;
        }

        return ReadThenSignAsync(request, options, attempt, cancellationToken);

        static async Task ReadThenSignAsync(HttpRequestMessage request, OAuth1Options options, Attempt attempt, CancellationToken cancellationToken)
        {
            ArraySegment<byte> body = await RequestBody.ReadAsync(attempt.Content!, cancellationToken).ConfigureAwait(false);
            SignAndApply(request, options, in attempt, body);
        }
    }

    /// <summary>Signs <paramref name="request"/> in place, reading a form body synchronously.</summary>
    /// <param name="request">The request as it will be sent.</param>
    /// <param name="options">Credentials and protocol options.</param>
    /// <exception cref="ArgumentException">The request URI is relative or has no host.</exception>
    /// <exception cref="InvalidOperationException">The options are incomplete, or the request cannot be signed as configured.</exception>
    public static void Sign(HttpRequestMessage request, OAuth1Options options)
    {
        Attempt attempt = Attempt.Begin(request, options);
        ArraySegment<byte> body = default;
        if (attempt.MustReadBody)
        {
            HttpContent content = attempt.Content!;
            body = RequestBody.Read(ref content);
            attempt = attempt with { Content = content };
        }

        SignAndApply(request, options, in attempt, body);
    }

    /// <summary>
    /// Computes what signing <paramref name="request"/> would produce, without changing it: the base string, the
    /// signature and the <c>Authorization</c> header. It runs the same code as <see cref="SignAsync"/>, checks
    /// included, with a fresh nonce and timestamp. Compare the base string with the provider's to debug an "invalid
    /// signature" answer.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="options">Credentials and protocol options.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The base string, signature and protocol parameters.</returns>
    /// <exception cref="ArgumentException">The request URI is relative or has no host.</exception>
    /// <exception cref="InvalidOperationException">The options are incomplete, or the request cannot be signed as configured.</exception>
    public static async Task<OAuth1SignatureResult> ComputeSignatureAsync(HttpRequestMessage request, OAuth1Options options, CancellationToken cancellationToken = default)
    {
        Attempt attempt = Attempt.Begin(request, options);
        ArraySegment<byte> body = attempt.MustReadBody
            ? await RequestBody.ReadAsync(attempt.Content!, cancellationToken).ConfigureAwait(false)
            : default;
        return Preview(options, in attempt, body);
    }

    private static OAuth1SignatureResult Preview(OAuth1Options options, in Attempt attempt, ArraySegment<byte> body)
    {
        var protocol = new ParameterCollection(512);
        var baseString = new PooledByteBuffer(1024);
        try
        {
            Compute(options, in attempt, body, ref protocol, ref baseString);
            KeyValuePair<string, string>[] parameters = protocol.ToDecodedArray();
            return new OAuth1SignatureResult(
                Encoding.ASCII.GetString(baseString.WrittenSpan),
                parameters[^1].Value,
                parameters,
                OAuth1AuthorizationHeader.Format(in protocol, attempt.Parameters?.Realm ?? options.Realm));
        }
        finally
        {
            Release(ref protocol, ref baseString, holdsSecret: true);
        }
    }

    private static void SignAndApply(HttpRequestMessage request, OAuth1Options options, in Attempt attempt, ArraySegment<byte> body)
    {
        var protocol = new ParameterCollection(512);
        var baseString = new PooledByteBuffer(1024);
        bool holdsSecret = true;
        try
        {
            holdsSecret = Compute(options, in attempt, body, ref protocol, ref baseString);
            Apply(request, options, in attempt, body, in protocol, holdsSecret);
        }
        finally
        {
            Release(ref protocol, ref baseString, holdsSecret);
        }
    }

    /// <summary>
    /// Returns the buffers, cleared when they may hold a secret (a PLAINTEXT signature, a form body such as xAuth's
    /// password); an HMAC or RSA signature of a request without a form body holds none and skips the clearing.
    /// </summary>
    private static void Release(ref ParameterCollection protocol, ref PooledByteBuffer baseString, bool holdsSecret)
    {
        if (holdsSecret)
        {
            baseString.ClearAndDispose();
            protocol.Dispose();
        }
        else
        {
            baseString.Dispose();
            protocol.DisposeWithoutClearing();
        }
    }

    /// <summary>
    /// The signature of one attempt: the protocol parameters (RFC 5849 section 3.1), the base string (3.4.1) of the
    /// query, the form body and those parameters, and <c>oauth_signature</c> (3.4.2 to 3.4.4) added last.
    /// </summary>
    /// <returns>Whether the buffers may hold a secret: PLAINTEXT (the signature is both secrets) or a form body.</returns>
    private static bool Compute(OAuth1Options options, in Attempt attempt, ReadOnlySpan<byte> body, ref ParameterCollection protocol, ref PooledByteBuffer baseString)
    {
        SigningCredentials credentials = SigningCredentials.Resolve(options, attempt.Token, attempt.Parameters?.WithoutToken == true);
        if (credentials.Method.RevealsSecrets)
        {
            EnsureSecretsMayGo(credentials.Method, attempt.Uri, options);
        }

        string? bodyHash = options.IncludeBodyHash && !attempt.IsForm ? RequestBody.Hash(body) : null;
        ProtocolParameters.Write(ref protocol, in credentials, options, attempt.Parameters, bodyHash);

        bool holdsSecret = credentials.Method.RevealsSecrets || attempt.IsForm;
        BaseStringUri baseUri = BaseStringUri.Parse(attempt.Uri, "request.RequestUri");
        var parameters = new ParameterCollection(512);
        try
        {
            if (!baseUri.Query.IsEmpty)
            {
                AddQuery(ref parameters, baseUri.Query);
            }

            if (attempt.IsForm)
            {
                parameters.AddFormData(body);
            }

            EnsureNoClash(in parameters, in protocol);
            parameters.AddAll(in protocol);
            OAuth1SignatureBaseString.Write(ref baseString, attempt.Method, baseUri, ref parameters);
        }
        finally
        {
            if (holdsSecret)
            {
                parameters.Dispose();
            }
            else
            {
                parameters.DisposeWithoutClearing();
            }
        }

        credentials.Method.AddSignature(ref protocol, baseString.WrittenSpan, credentials.ConsumerSecret, credentials.TokenSecret);
        return holdsSecret;
    }

    /// <summary>Puts the signed protocol parameters where <see cref="OAuth1Options.SignatureLocation"/> says, on the unsigned request.</summary>
    private static void Apply(HttpRequestMessage request, OAuth1Options options, in Attempt attempt, ReadOnlySpan<byte> body, in ParameterCollection protocol, bool holdsSecret)
    {
        HttpContent? earlierSignedContent = AppliedSignature.SignedContentOf(request);
        RemoveOAuthAuthorizationHeader(request);
        if (!ReferenceEquals(request.RequestUri, attempt.Uri))
        {
            request.RequestUri = attempt.Uri;
        }

        if (!ReferenceEquals(request.Content, attempt.Content))
        {
            request.Content = attempt.Content;
        }

        switch (options.SignatureLocation)
        {
            case OAuth1SignatureLocation.Header:
                request.Headers.TryAddWithoutValidation("Authorization", OAuth1AuthorizationHeader.Format(in protocol, attempt.Parameters?.Realm ?? options.Realm, holdsSecret));
                AppliedSignature.Record(request, null, null, null, null);
                break;

            case OAuth1SignatureLocation.Query:
            {
                string placed = protocol.ToPairsString();
                var signedUri = new Uri(ParameterPlacement.AppendToQuery(attempt.Uri.AbsoluteUri, Encoding.ASCII.GetBytes(placed), keepFragment: false));
                request.RequestUri = signedUri;
                AppliedSignature.Record(request, attempt.Uri, signedUri, null, null, placed);
                break;
            }

            case OAuth1SignatureLocation.Body:
            {
                HttpContent signedContent = new ByteArrayContent(ParameterPlacement.AppendToForm(body, in protocol));
                if (attempt.Content is null)
                {
                    signedContent.Headers.ContentType = RequestBody.FormContentType();
                }
                else
                {
                    RequestBody.WithSameHeaders(attempt.Content, signedContent);
                }

                request.Content = signedContent;
                AppliedSignature.Record(request, null, null, attempt.Content, signedContent);
                break;
            }

            default:
                throw new InvalidOperationException($"Unknown OAuth1Options.SignatureLocation value {(int)options.SignatureLocation}.");
        }

        earlierSignedContent?.Dispose();
    }

    /// <summary>A method that sends the secrets themselves (PLAINTEXT) goes only where the caller accepted it.</summary>
    private static void EnsureSecretsMayGo(OAuth1SignatureMethod method, Uri uri, OAuth1Options options)
    {
        if (!options.AllowPlaintextOverHttp && !uri.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"The {method.Name} signature method sends the secrets themselves, and '{uri.GetLeftPart(UriPartial.Authority)}' is not HTTPS. "
                + "Use HTTPS, or set OAuth1Options.AllowPlaintextOverHttp if you accept sending the secrets in clear.");
        }

        if (options.SignatureLocation == OAuth1SignatureLocation.Query && !options.AllowPlaintextInQuery)
        {
            throw new InvalidOperationException(
                $"The {method.Name} signature method in the query would put both secrets in the URL, where access logs, proxies and "
                + "IHttpClientFactory's logging handler record them. Use Header or Body placement, or set OAuth1Options.AllowPlaintextInQuery "
                + "if the provider accepts nothing else.");
        }
    }

    private static void AddQuery(ref ParameterCollection parameters, ReadOnlySpan<char> query)
    {
        // The escaped query is ASCII; anything else is transcoded as UTF-8 first.
        int max = Encoding.UTF8.GetMaxByteCount(query.Length);
        byte[]? rented = null;
        Span<byte> bytes = max <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(max));
        int length = Encoding.UTF8.GetBytes(query, bytes);
        parameters.AddFormData(bytes[..length]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A parameter of the query or body may not repeat a protocol parameter that the signer sends.</summary>
    private static void EnsureNoClash(in ParameterCollection parameters, in ParameterCollection protocol)
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

    /// <summary>
    /// The explicit inputs of one signature, read once from the request: the unsigned URI and body (before any
    /// earlier signature by this library), whether the body is a form, and the request's own token and protocol inputs.
    /// </summary>
    private readonly record struct Attempt(
        string Method,
        Uri Uri,
        HttpContent? Content,
        bool IsForm,
        bool MustReadBody,
        OAuth1Token? Token,
        OAuth1RequestParameters? Parameters)
    {
        /// <exception cref="ArgumentException">The request URI is relative.</exception>
        /// <exception cref="InvalidOperationException">The request has no URI, or cannot be signed with these options.</exception>
        public static Attempt Begin(HttpRequestMessage request, OAuth1Options options)
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(options);
            (Uri? uri, HttpContent? content) = AppliedSignature.UnsignedOf(request);
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

            bool isForm = RequestBody.IsForm(content);
            if (options.SignatureLocation == OAuth1SignatureLocation.Body && content is not null && !isForm)
            {
                throw new InvalidOperationException(
                    $"SignatureLocation is Body, but the request body is '{content.Headers.ContentType?.MediaType ?? "(no Content-Type)"}'; "
                    + "protocol parameters can only go in an application/x-www-form-urlencoded body. Use Header or Query placement for this request.");
            }

            if (isForm)
            {
                RequestBody.EnsureReadableForm(content!);
            }

            OAuth1Token? token = null;
            OAuth1RequestParameters? parameters = null;
            if (AppliedSignature.HasAny(request))
            {
                request.Options.TryGetValue(OAuth1RequestOptions.Token, out token);
                request.Options.TryGetValue(OAuth1RequestOptions.RequestParameters, out parameters);
            }

            return new Attempt(
                request.Method.Method,
                uri,
                content,
                isForm,
                RequestBody.MustRead(content, isForm, options.IncludeBodyHash),
                token,
                parameters);
        }
    }
}
