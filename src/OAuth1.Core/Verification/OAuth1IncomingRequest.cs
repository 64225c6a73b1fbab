namespace OAuth1;

/// <summary>
/// A request as a provider received it, for <see cref="OAuth1RequestVerifier"/>: method, absolute URI (path and
/// query exactly as sent), the <c>Authorization</c> header, and the body bytes with their Content-Type.
/// </summary>
/// <remarks>
/// In ASP.NET Core, build the URI from the scheme, the Host header and <c>IHttpRequestFeature.RawTarget</c> (the
/// path as sent, still escaped): <c>HttpRequest.Path</c> is decoded and would change the base string.
/// </remarks>
public sealed class OAuth1IncomingRequest
{
    /// <summary>Creates an incoming request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">The absolute URI the client sent the request to.</param>
    /// <exception cref="ArgumentException">The method is empty or the URI is relative.</exception>
    public OAuth1IncomingRequest(string method, Uri uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException($"The request URI '{uri.OriginalString}' is relative; verification needs the absolute URI the client signed.", nameof(uri));
        }

        Method = method;
        Uri = uri;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The absolute request URI.</summary>
    public Uri Uri { get; }

    /// <summary>The <c>Authorization</c> header value, if any.</summary>
    public string? AuthorizationHeader { get; init; }

    /// <summary>The body's Content-Type header value, if any.</summary>
    public string? ContentType { get; init; }

    /// <summary>The body bytes as received (read only when the Content-Type is a form).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Whether the body is a single-part <c>application/x-www-form-urlencoded</c> form.</summary>
    public bool HasFormBody =>
        ContentType is not null
        && System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(ContentType, out var parsed)
        && string.Equals(parsed.MediaType, FormUrlEncoding.MediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads an <see cref="HttpRequestMessage"/> (for tests and in-process providers) as an incoming request.</summary>
    /// <param name="request">The request as sent.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The incoming request.</returns>
    public static async Task<OAuth1IncomingRequest> FromHttpRequestMessageAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Uri uri = request.RequestUri ?? throw new ArgumentException("The request has no RequestUri.", nameof(request));
        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new OAuth1IncomingRequest(request.Method.Method, uri)
        {
            AuthorizationHeader = request.Headers.TryGetValues("Authorization", out var values) ? string.Join(", ", values) : null,
            ContentType = request.Content?.Headers.ContentType?.ToString(),
            Body = body,
        };
    }
}
