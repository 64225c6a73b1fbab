using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OAuth1.TestSupport;

/// <summary>
/// Records every request a loopback server receives, as it arrived on the wire (method, raw target, headers, body
/// bytes), before any endpoint runs, so that tests can assert on what a client really sent. An endpoint that verifies
/// the request's signature replaces the record with a <see cref="VerifiedRequest"/> (see <see cref="TestProvider.VerifyAsync"/>).
/// </summary>
public sealed class HttpRecorder
{
    private readonly List<RecordedRequest> _requests = [];

    /// <summary>The requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The requests that an endpoint verified, in arrival order.</summary>
    public IReadOnlyList<VerifiedRequest> Verified => [.. Requests.OfType<VerifiedRequest>()];

    /// <summary>The requests whose raw target contains a text, in arrival order.</summary>
    /// <param name="pathPart">A part of the path or query, as sent.</param>
    /// <returns>The matching requests.</returns>
    public IReadOnlyList<RecordedRequest> RequestsTo(string pathPart) =>
        [.. Requests.Where(r => r.RawTarget.Contains(pathPart, StringComparison.Ordinal))];

    /// <summary>Adds the recording middleware; it must come before the endpoints.</summary>
    /// <param name="app">The application.</param>
    public void Attach(IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            await RecordAsync(context);
            await next(context);
        });
    }

    /// <summary>The record of the request being handled.</summary>
    /// <param name="context">The request's context (the recording middleware must have run).</param>
    /// <returns>The record.</returns>
    public static RecordedRequest Of(HttpContext context) =>
        ((Entry)context.Items[typeof(HttpRecorder)]!).Request;

    /// <summary>Replaces the record of the request being handled with the same record plus its verification.</summary>
    /// <param name="context">The request's context.</param>
    /// <param name="verification">What the verifier concluded.</param>
    /// <returns>The new record.</returns>
    public static VerifiedRequest MarkVerified(HttpContext context, OAuth1VerificationResult verification)
    {
        var entry = (Entry)context.Items[typeof(HttpRecorder)]!;
        var verified = new VerifiedRequest(entry.Request, verification);
        lock (entry.Recorder._requests)
        {
            entry.Recorder._requests[entry.Index] = verified;
        }

        entry.Request = verified;
        return verified;
    }

    private async Task RecordAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        request.Body.Position = 0;
        string rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        var recorded = new RecordedRequest(
            request.Method,
            rawTarget,
            request.Headers.Authorization.Count > 0 ? string.Join(", ", request.Headers.Authorization.ToArray()) : null,
            request.Headers.Authorization.Count,
            request.ContentType,
            request.Headers.ContentEncoding.Count > 0 ? request.Headers.ContentEncoding.ToString() : null,
            buffer.ToArray(),
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        int index;
        lock (_requests)
        {
            index = _requests.Count;
            _requests.Add(recorded);
        }

        context.Items[typeof(HttpRecorder)] = new Entry(this, index) { Request = recorded };
    }

    private sealed class Entry(HttpRecorder recorder, int index)
    {
        public HttpRecorder Recorder { get; } = recorder;

        public int Index { get; } = index;

        public required RecordedRequest Request { get; set; }
    }
}

/// <summary>A request as a loopback server received it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="RawTarget">The request target exactly as sent (path and query still escaped).</param>
/// <param name="Authorization">The <c>Authorization</c> header (several joined with <c>", "</c>), if any.</param>
/// <param name="AuthorizationHeaderCount">How many <c>Authorization</c> headers were sent.</param>
/// <param name="ContentType">The Content-Type, if any.</param>
/// <param name="ContentEncoding">The Content-Encoding, if any.</param>
/// <param name="Body">The body bytes.</param>
/// <param name="Headers">Every header, by case-insensitive name.</param>
public record RecordedRequest(
    string Method,
    string RawTarget,
    string? Authorization,
    int AuthorizationHeaderCount,
    string? ContentType,
    string? ContentEncoding,
    byte[] Body,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>A received request with what the verifier concluded about it.</summary>
public sealed record VerifiedRequest : RecordedRequest
{
    /// <summary>Adds the verification to a record.</summary>
    /// <param name="request">The request as received.</param>
    /// <param name="verification">The verifier's result.</param>
    public VerifiedRequest(RecordedRequest request, OAuth1VerificationResult verification)
        : base(request)
    {
        Verification = verification;
    }

    /// <summary>The verifier's result.</summary>
    public OAuth1VerificationResult Verification { get; }

    /// <summary>The <c>oauth_nonce</c> the verifier read.</summary>
    public string? Nonce => Verification.Get(OAuth1Parameters.Nonce);
}
