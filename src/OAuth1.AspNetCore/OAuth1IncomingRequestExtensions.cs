using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace OAuth1.AspNetCore;

/// <summary>Reads an ASP.NET Core request as the <see cref="OAuth1IncomingRequest"/> that <see cref="OAuth1RequestVerifier"/> checks.</summary>
/// <example>
/// <code>
/// app.MapGet("/api/me", async (HttpContext context, OAuth1RequestVerifier verifier) =&gt;
/// {
///     OAuth1IncomingRequest incoming = await context.Request.ToOAuth1IncomingRequestAsync(context.RequestAborted);
///     OAuth1VerificationResult result = await verifier.VerifyAsync(incoming, context.RequestAborted);
///     return result.IsValid ? Results.Ok(result.Token) : Results.Unauthorized();
/// });
/// </code>
/// </example>
public static class OAuth1IncomingRequestExtensions
{
    /// <summary>
    /// Reads the request as the client signed it. The URI is the scheme, the <c>Host</c> header and the request
    /// target exactly as sent (<see cref="IHttpRequestFeature.RawTarget"/>, still escaped: <see cref="HttpRequest.Path"/>
    /// is decoded and would give another base string), after <c>PathBase</c> when the app sets one that the target
    /// lacks (a proxy that strips a prefix, restored by setting <c>PathBase</c>); when the server gives no raw target, <c>PathBase</c>,
    /// <c>Path</c> and the query string are used instead. The body is read only when it must be: when the Content-Type
    /// is <c>application/x-www-form-urlencoded</c> (the only body that takes part in the signature), or when the
    /// request sends <c>oauth_body_hash</c> (the verifier compares it with the bytes); it is buffered and rewound, so
    /// the endpoint can still read it.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The incoming request, with the <c>Authorization</c> header (several values joined with <c>", "</c>).</returns>
    /// <remarks>
    /// Behind a reverse proxy, let the forwarded-headers middleware set the scheme and host first: the client signed
    /// the URI it sent, not the one the proxy forwarded. The server's request body size limit applies to the form.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public static Task<OAuth1IncomingRequest> ToOAuth1IncomingRequestAsync(this HttpRequest request, CancellationToken cancellationToken = default) =>
        ReadAsync(request, maxBodySize: null, cancellationToken);

    /// <summary>The adapter, with a limit on the body it reads (the resource-protection scheme answers 413 beyond it).</summary>
    /// <exception cref="BodyTooLargeException">The body is longer than <paramref name="maxBodySize"/>.</exception>
    internal static async Task<OAuth1IncomingRequest> ReadAsync(HttpRequest request, long? maxBodySize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty;
        string pathBase = request.PathBase.ToUriComponent();
        Uri uri = target.StartsWith('/')
            ? new Uri($"{request.Scheme}://{request.Host.Value}{(pathBase.Length > 0 && !target.StartsWith(pathBase, StringComparison.OrdinalIgnoreCase) ? pathBase : string.Empty)}{target}")
            : Uri.TryCreate(target, UriKind.Absolute, out Uri? absoluteForm) && absoluteForm.Scheme is "http" or "https"
                ? absoluteForm
                : new Uri($"{request.Scheme}://{request.Host.Value}{pathBase}{request.Path.ToUriComponent()}{request.QueryString.ToUriComponent()}");
        bool mustRead = IsForm(request.ContentType) || MentionsBodyHash(request);
        byte[] body = mustRead ? await ReadAndRewindAsync(request, maxBodySize, cancellationToken).ConfigureAwait(false) : [];
        return new OAuth1IncomingRequest(request.Method, uri)
        {
            AuthorizationHeader = request.Headers.Authorization.Count == 0 ? null : string.Join(", ", request.Headers.Authorization.ToArray()),
            ContentType = request.ContentType,
            Body = body,
        };
    }

    /// <summary>Whether <c>oauth_body_hash</c> is sent (header or query), so that the verifier must see the body.</summary>
    private static bool MentionsBodyHash(HttpRequest request) =>
        request.Headers.Authorization.ToString().Contains(OAuth1Parameters.BodyHash, StringComparison.Ordinal)
        || request.QueryString.Value?.Contains(OAuth1Parameters.BodyHash, StringComparison.Ordinal) == true;

    private static bool IsForm(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? parsed)
        && parsed.MediaType.Equals(FormUrlEncoding.MediaType, StringComparison.OrdinalIgnoreCase);

    private static async Task<byte[]> ReadAndRewindAsync(HttpRequest request, long? maxBodySize, CancellationToken cancellationToken)
    {
        if (maxBodySize is long declaredLimit && request.ContentLength > declaredLimit)
        {
            throw new BodyTooLargeException();
        }

        request.EnableBuffering();
        request.Body.Position = 0;
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (maxBodySize is long limit && buffer.Length + read > limit)
            {
                request.Body.Position = 0;
                throw new BodyTooLargeException();
            }

            buffer.Write(chunk, 0, read);
        }

        request.Body.Position = 0;
        return buffer.ToArray();
    }
}

/// <summary>A body longer than the limit the reader was given.</summary>
internal sealed class BodyTooLargeException() : Exception("The request body is larger than the limit.");
