using System.Net;
using System.Text;

namespace OAuth1.TestSupport;

/// <summary>
/// An in-memory innermost handler: records each request exactly as the pipeline sends it, and answers with a canned
/// response instead of going to the network. The client-side counterpart of <see cref="HttpRecorder"/>.
/// </summary>
public sealed class CapturingHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, HttpResponseMessage> _answer;
    private readonly List<CapturedRequest> _requests = [];

    /// <summary>Answers every request with 200 and an empty JSON object.</summary>
    public CapturingHandler()
        : this(request => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}"), RequestMessage = request })
    {
    }

    /// <summary>Answers each request with what a function returns.</summary>
    /// <param name="answer">Makes the response.</param>
    public CapturingHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) => _answer = answer;

    /// <summary>Answers every request with the same body.</summary>
    /// <param name="body">The body text (UTF-8).</param>
    /// <param name="contentType">Its Content-Type; a form by default.</param>
    /// <param name="status">The status; 200 by default.</param>
    public CapturingHandler(string body, string contentType = FormUrlEncoding.MediaType, HttpStatusCode status = HttpStatusCode.OK)
        : this(_ => Answer(status, body, contentType))
    {
    }

    /// <summary>The requests sent so far, in order.</summary>
    public List<CapturedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The last request sent, if any.</summary>
    public CapturedRequest? Last
    {
        get
        {
            lock (_requests)
            {
                return _requests.Count == 0 ? null : _requests[^1];
            }
        }
    }

    /// <summary>A response with a body and an optional Content-Type (set without validation, so any text goes).</summary>
    /// <param name="status">The status.</param>
    /// <param name="body">The body text (UTF-8).</param>
    /// <param name="contentType">The Content-Type, or <see langword="null"/> for none.</param>
    /// <returns>The response.</returns>
    public static HttpResponseMessage Answer(HttpStatusCode status, string body, string? contentType = FormUrlEncoding.MediaType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return new HttpResponseMessage(status) { Content = content };
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        OAuth1IncomingRequest incoming = await OAuth1IncomingRequest.FromHttpRequestMessageAsync(request, cancellationToken);
        string[] authorization = request.Headers.TryGetValues("Authorization", out var values) ? [.. values] : [];
        lock (_requests)
        {
            _requests.Add(new CapturedRequest(incoming, CollectParameters(incoming), authorization, incoming.Body.ToArray()));
        }

        return _answer(request);
    }

    /// <summary>The protocol and other parameters as a provider would collect them (query, header values decoded, form body).</summary>
    private static Dictionary<string, string> CollectParameters(OAuth1IncomingRequest request)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in FormUrlEncoding.Parse(request.Uri.Query))
        {
            all[pair.Key] = pair.Value;
        }

        if (request.AuthorizationHeader is { } header)
        {
            foreach (var pair in OAuth1AuthorizationHeader.Parse(header))
            {
                all[pair.Key == OAuth1Parameters.Realm ? "(realm)" : pair.Key] = pair.Key == OAuth1Parameters.Realm ? pair.Value : OAuth1PercentEncoding.Decode(pair.Value);
            }
        }

        if (request.HasFormBody)
        {
            foreach (var pair in FormUrlEncoding.Parse(request.Body.Span))
            {
                all[pair.Key] = pair.Value;
            }
        }

        return all;
    }
}

/// <summary>A request as a <see cref="CapturingHandler"/> saw it.</summary>
/// <param name="Request">The request as a provider would read it.</param>
/// <param name="Parameters">Its parameters by name (the last one wins; the header's realm as <c>(realm)</c>).</param>
/// <param name="Authorization">Every <c>Authorization</c> header value sent.</param>
/// <param name="Body">The body bytes.</param>
public sealed record CapturedRequest(OAuth1IncomingRequest Request, IReadOnlyDictionary<string, string> Parameters, string[] Authorization, byte[] Body)
{
    /// <summary>The HTTP method.</summary>
    public string Method => Request.Method;

    /// <summary>The absolute request URI.</summary>
    public string Uri => Request.Uri.AbsoluteUri;

    /// <summary>The Content-Type, if any.</summary>
    public string? ContentType => Request.ContentType;

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>A parameter's value, or <see langword="null"/>.</summary>
    /// <param name="name">The parameter name.</param>
    public string? this[string name] => Parameters.TryGetValue(name, out string? value) ? value : null;
}
