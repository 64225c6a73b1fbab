using System.Net.Http.Headers;

namespace OAuth1.Refit;

/// <summary>
/// The bottom of <see cref="OAuth1RestService"/>'s pipeline over a caller's <see cref="HttpClient"/>: sends each
/// signed request through that client, so its own handlers, default headers and timeout apply.
/// </summary>
/// <remarks>
/// An <see cref="HttpClient"/> sends a request message once only, and the outer client has already sent this one,
/// so a copy goes through: same method, URI, version, headers, options and the same content object. The copy is
/// not disposed (that would dispose the shared content; <see cref="HttpClient"/> itself leaves request content
/// alone). The response points back at the original request.
/// </remarks>
internal sealed class ForwardingHandler : HttpMessageHandler
{
    private readonly HttpClient _client;

    public ForwardingHandler(HttpClient client)
    {
        _client = client;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpRequestMessage copy = Copy(request);
        HttpResponseMessage response = await _client.SendAsync(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.RequestMessage = request;
        return response;
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpRequestMessage copy = Copy(request);
        HttpResponseMessage response = _client.Send(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.RequestMessage = request;
        return response;
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
            Content = request.Content,
        };
        foreach (KeyValuePair<string, HeaderStringValues> header in request.Headers.NonValidated)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        IDictionary<string, object?> options = copy.Options;
        foreach (KeyValuePair<string, object?> option in request.Options)
        {
            options[option.Key] = option.Value;
        }

        return copy;
    }
}
