namespace OAuth1.Generator.Tests.Integration;

/// <summary>One loopback provider per test class.</summary>
public sealed class ProviderFixture : IAsyncLifetime
{
    public LoopbackProvider Provider { get; private set; } = null!;

    public async Task InitializeAsync() => Provider = await LoopbackProvider.StartAsync();

    public async Task DisposeAsync() => await Provider.DisposeAsync();
}

/// <summary>An in-memory handler that keeps the last request as sent and answers 200 with an empty JSON object.</summary>
public sealed class CapturingHandler : HttpMessageHandler
{
    public CapturedRequest? Last { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Last = new CapturedRequest(
            request.Method.Method,
            request.RequestUri!.AbsoluteUri,
            request.Headers.TryGetValues("Authorization", out var values) ? [.. values] : [],
            request.Content?.Headers.ContentType?.ToString(),
            body);
        return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("{}"), RequestMessage = request };
    }
}

/// <summary>A request as an in-memory handler saw it.</summary>
public sealed record CapturedRequest(string Method, string Uri, string[] Authorization, string? ContentType, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
