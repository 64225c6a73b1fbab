namespace OAuth1.Tests.Support;

/// <summary>An in-memory transport: records every request as it arrives (URI, headers, body) and answers from a script.</summary>
public sealed class ScriptedHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer) : HttpMessageHandler
{
    public List<SeenRequest> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var seen = new SeenRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase),
            body);
        Requests.Add(seen);
        HttpResponseMessage response = answer(request, Requests.Count - 1);
        response.RequestMessage ??= request;
        return response;
    }

    public static HttpResponseMessage Redirect(System.Net.HttpStatusCode status, string location) =>
        new(status) { Headers = { Location = new Uri(location, UriKind.RelativeOrAbsolute) } };
}

/// <summary>A request as the transport saw it.</summary>
public sealed record SeenRequest(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string? Body)
{
    public string? Authorization => Headers.TryGetValue("Authorization", out string? value) ? value : null;

    public IReadOnlyList<KeyValuePair<string, string>> OAuthParameters =>
        Authorization is { } header ? OAuth1AuthorizationHeader.ParseDecoded(header) : FormUrlEncoding.Parse(Uri.Query.TrimStart('?')).Where(p => p.Key.StartsWith("oauth_", StringComparison.Ordinal)).ToList();
}
