using System.Net;

namespace OAuth1;

/// <summary>
/// A <see cref="DelegatingHandler"/> that signs every request with OAuth 1.0a (the .NET form of Authlib's
/// <c>OAuth1Auth</c>): a fresh nonce and timestamp on every attempt, replacing any earlier signature, so a retry
/// handler placed outside it re-signs each retry.
/// </summary>
/// <remarks>
/// <para>Every attempt it sees is signed with the handler's options, replacing any earlier signature (one made by a
/// generated client above it included), so the request that leaves carries exactly one signature. A token in
/// <see cref="OAuth1RequestOptions.Token"/> signs that request for that user, and
/// <see cref="OAuth1RequestOptions.RequestParameters"/> adds that request's own protocol inputs. The options are read
/// at each send; the handler is safe to share between concurrent requests.</para>
/// <para>Redirects: the primary handler follows redirects below every <see cref="DelegatingHandler"/> and drops the
/// <c>Authorization</c> header, so a signed request would be re-sent unsigned. Turn its automatic redirects off
/// (handlers this library creates do). This handler then follows same-origin redirects itself, re-signed with a fresh
/// nonce (301/302/303 turn a POST into a GET without body, as browsers do; 307/308 keep method and body), at most
/// <see cref="MaxRedirects"/> times. A redirect to another origin is returned to the caller unless
/// <see cref="OAuth1Options.AllowCrossOriginRedirects"/> is set (and never followed with PLAINTEXT), an https to
/// http one unless <see cref="OAuth1Options.AllowHttpsToHttpRedirects"/> is set, and one that cannot be signed is
/// returned too: following a redirect never throws.</para>
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

    /// <summary>The options this handler signs with.</summary>
    public OAuth1Options Options => _options;

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Task signing = OAuth1Signer.SignAsync(request, _options, cancellationToken);
        if (!signing.IsCompletedSuccessfully)
        {
            return SignThenSendAsync(signing, request, cancellationToken);
        }

        // The common case, without a state machine: signed synchronously, answered without a redirect to follow.
        Task<HttpResponseMessage> sending = base.SendAsync(request, cancellationToken);
        return sending.IsCompletedSuccessfully && !(_options.FollowRedirects && IsRedirect(sending.Result.StatusCode))
            ? sending
            : FollowRedirectsAsync(request, sending, cancellationToken);
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        OAuth1Signer.Sign(request, _options);
        HttpResponseMessage response = base.Send(request, cancellationToken);
        for (int redirects = 0; redirects < MaxRedirects; redirects++)
        {
            HttpRequestMessage? next = RedirectFor(request, response);
            if (next is null)
            {
                break;
            }

            try
            {
                OAuth1Signer.Sign(next, _options);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // A redirect that cannot be signed is the caller's to look at, never an exception.
                Discard(next, request);
                break;
            }

            response.Dispose();
            request = next;
            response = base.Send(request, cancellationToken);
        }

        return response;
    }

    private async Task<HttpResponseMessage> SignThenSendAsync(Task signing, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await signing.ConfigureAwait(false);
        return await FollowRedirectsAsync(request, base.SendAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> FollowRedirectsAsync(HttpRequestMessage request, Task<HttpResponseMessage> sending, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await sending.ConfigureAwait(false);
        for (int redirects = 0; redirects < MaxRedirects; redirects++)
        {
            HttpRequestMessage? next = RedirectFor(request, response);
            if (next is null)
            {
                break;
            }

            try
            {
                await OAuth1Signer.SignAsync(next, _options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // A redirect that cannot be signed is the caller's to look at, never an exception.
                Discard(next, request);
                break;
            }

            response.Dispose();
            request = next;
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>
    /// The request that follows a redirect this handler should follow, or <see langword="null"/> to return the redirect
    /// to the caller. The policy, as curl's: same-origin redirects are followed; another origin only when
    /// <see cref="OAuth1Options.AllowCrossOriginRedirects"/> is set, never with PLAINTEXT (it would send both secrets
    /// there), and without <c>Cookie</c>, <c>Proxy-Authorization</c> or the request's own protocol inputs; https to
    /// http only when <see cref="OAuth1Options.AllowHttpsToHttpRedirects"/> is set. The <c>oauth_*</c> parameters this
    /// handler placed in the query, which a server may echo in <c>Location</c>, are taken out before signing again.
    /// </summary>
    private HttpRequestMessage? RedirectFor(HttpRequestMessage request, HttpResponseMessage response)
    {
        if (!IsRedirect(response.StatusCode) || !_options.FollowRedirects || response.Headers.Location is not Uri location)
        {
            return null;
        }

        (Uri? from, HttpContent? content) = AppliedSignature.UnsignedOf(request);
        Uri target = location.IsAbsoluteUri ? location : new Uri(from!, location);
        if (target.Scheme is not ("http" or "https"))
        {
            return null;
        }

        if (from!.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp && !_options.AllowHttpsToHttpRedirects)
        {
            return null;
        }

        bool sameOrigin = Uri.Compare(from, target, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
        if (!sameOrigin && (!_options.AllowCrossOriginRedirects || _options.SignatureMethod?.RevealsSecrets != false))
        {
            return null;
        }

        target = AppliedSignature.WithoutPlacedParameters(request, target);
        bool becomesGet = response.StatusCode == HttpStatusCode.SeeOther
            || (response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found && request.Method == HttpMethod.Post);
        var next = new HttpRequestMessage(becomesGet ? (request.Method == HttpMethod.Head ? HttpMethod.Head : HttpMethod.Get) : request.Method, target)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
            Content = becomesGet ? null : content,
        };
        foreach (var header in request.Headers)
        {
            if (!IsDroppedOnRedirect(header.Key, sameOrigin))
            {
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        if (request.Options.TryGetValue(OAuth1RequestOptions.Token, out OAuth1Token? token))
        {
            next.Options.Set(OAuth1RequestOptions.Token, token);
        }

        if (sameOrigin && request.Options.TryGetValue(OAuth1RequestOptions.RequestParameters, out OAuth1RequestParameters? parameters))
        {
            next.Options.Set(OAuth1RequestOptions.RequestParameters, parameters);
        }

        return next;
    }

    private static bool IsDroppedOnRedirect(string header, bool sameOrigin) =>
        header.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || header.Equals("Host", StringComparison.OrdinalIgnoreCase)
        || (!sameOrigin && (header.Equals("Cookie", StringComparison.OrdinalIgnoreCase) || header.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Drops a redirect request that will not be sent, leaving the body it shares with the original alone.</summary>
    private static void Discard(HttpRequestMessage next, HttpRequestMessage original)
    {
        if (ReferenceEquals(next.Content, AppliedSignature.UnsignedOf(original).Content))
        {
            next.Content = null;
        }

        next.Dispose();
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
