using System.Net;

namespace OAuth1;

/// <summary>
/// A <see cref="DelegatingHandler"/> that signs every request with OAuth 1.0a (the .NET form of Authlib's
/// <c>OAuth1Auth</c>): a fresh nonce and timestamp on every attempt, replacing any earlier signature, so a retry
/// handler placed outside it re-signs each retry.
/// </summary>
/// <remarks>
/// <para>Options: the request's own <see cref="OAuth1RequestOptions.SigningOptions"/> when set, else the handler's.
/// A token in <see cref="OAuth1RequestOptions.Token"/> signs that request for that user. The options are read at each
/// send; the handler is safe to share between concurrent requests.</para>
/// <para>Redirects: the primary handler follows redirects below every <see cref="DelegatingHandler"/> and drops the
/// <c>Authorization</c> header, so a signed request would be re-sent unsigned. Turn its automatic redirects off
/// (handlers this library creates do). This handler then follows same-origin redirects itself, re-signed with a fresh
/// nonce (301/302/303 turn a POST into a GET without body, as browsers do; 307/308 keep method and body), at most
/// <see cref="MaxRedirects"/> times. A redirect to another origin is returned to the caller unless
/// <see cref="OAuth1Options.AllowCrossOriginRedirects"/> is set.</para>
/// </remarks>
public sealed class OAuth1Handler : DelegatingHandler
{
    /// <summary>The most redirects one request follows.</summary>
    public const int MaxRedirects = 10;

    private readonly OAuth1Options _options;

    /// <summary>
    /// Creates a handler without an inner handler, as <c>IHttpClientFactory</c> requires (it sets
    /// <see cref="DelegatingHandler.InnerHandler"/>).
    /// </summary>
    /// <param name="options">Credentials and protocol options, read at each send.</param>
    public OAuth1Handler(OAuth1Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Creates a handler that sends through <paramref name="innerHandler"/>.</summary>
    /// <param name="options">Credentials and protocol options, read at each send.</param>
    /// <param name="innerHandler">The next handler, typically a <see cref="SocketsHttpHandler"/> with <c>AllowAutoRedirect = false</c>.</param>
    public OAuth1Handler(OAuth1Options options, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The options this handler signs with when a request carries none of its own.</summary>
    public OAuth1Options Options => _options;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        OAuth1Options options = OptionsFor(request);
        await SignUnlessFreshlySignedAsync(request, options, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        for (int redirects = 0; redirects < MaxRedirects; redirects++)
        {
            HttpRequestMessage? next = RedirectFor(request, response, options);
            if (next is null)
            {
                break;
            }

            response.Dispose();
            request = next;
            await OAuth1Signer.SignCoreAsync(request, options, cancellationToken).ConfigureAwait(false);
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        OAuth1Options options = OptionsFor(request);
        if (!ConsumeFreshSignature(request))
        {
            OAuth1Signer.SignCore(request, options);
        }

        HttpResponseMessage response = base.Send(request, cancellationToken);
        for (int redirects = 0; redirects < MaxRedirects; redirects++)
        {
            HttpRequestMessage? next = RedirectFor(request, response, options);
            if (next is null)
            {
                break;
            }

            response.Dispose();
            request = next;
            OAuth1Signer.SignCore(request, options);
            response = base.Send(request, cancellationToken);
        }

        return response;
    }

    private OAuth1Options OptionsFor(HttpRequestMessage request) =>
        request.Options.TryGetValue(OAuth1RequestOptions.SigningOptions, out OAuth1Options? perRequest) ? perRequest : _options;

    private static Task SignUnlessFreshlySignedAsync(HttpRequestMessage request, OAuth1Options options, CancellationToken cancellationToken) =>
        ConsumeFreshSignature(request) ? Task.CompletedTask : OAuth1Signer.SignCoreAsync(request, options, cancellationToken);

    /// <summary>A request signed by <see cref="OAuth1Signer.SignAsync"/> and not yet sent keeps its signature once.</summary>
    private static bool ConsumeFreshSignature(HttpRequestMessage request)
    {
        SigningState? state = SigningState.Find(request);
        if (state is { HasUnsentSignature: true })
        {
            state.HasUnsentSignature = false;
            return true;
        }

        return false;
    }

    private static HttpRequestMessage? RedirectFor(HttpRequestMessage request, HttpResponseMessage response, OAuth1Options options)
    {
        if (!options.FollowRedirects || !IsRedirect(response.StatusCode) || response.Headers.Location is not Uri location)
        {
            return null;
        }

        SigningState.RestoreUnsigned(request);
        Uri from = request.RequestUri!;
        Uri target = location.IsAbsoluteUri ? location : new Uri(from, location);
        if (target.Scheme is not ("http" or "https"))
        {
            return null;
        }

        bool sameOrigin = Uri.Compare(from, target, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
        if (!sameOrigin && !options.AllowCrossOriginRedirects)
        {
            return null;
        }

        bool becomesGet = response.StatusCode == HttpStatusCode.SeeOther
            || (response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found && request.Method == HttpMethod.Post);
        var next = new HttpRequestMessage(becomesGet ? (request.Method == HttpMethod.Head ? HttpMethod.Head : HttpMethod.Get) : request.Method, target)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
            Content = becomesGet ? null : request.Content,
        };
        foreach (var header in request.Headers)
        {
            if (!header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && !header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        if (request.Options.TryGetValue(OAuth1RequestOptions.Token, out OAuth1Token? token))
        {
            next.Options.Set(OAuth1RequestOptions.Token, token);
        }

        if (request.Options.TryGetValue(OAuth1RequestOptions.SigningOptions, out OAuth1Options? perRequest))
        {
            next.Options.Set(OAuth1RequestOptions.SigningOptions, perRequest);
        }

        return next;
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
