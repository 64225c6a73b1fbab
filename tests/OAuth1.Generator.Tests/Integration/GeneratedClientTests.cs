using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace OAuth1.Generator.Tests.Integration;

/// <summary>
/// A generated client (written by the generator at build time of this project) calls the loopback provider, which
/// verifies each signature: every parameter kind, every return type, errors, cancellation and token changes.
/// </summary>
public sealed class GeneratedClientTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private readonly LoopbackProvider _provider = fixture.Provider;

    [Fact]
    public async Task PathParameters_AreEscapedPerSegment_AndSigned()
    {
        EchoApiClient client = CreateClient();

        EchoResponse echo = await client.PathAsync("a b/c?d#e%f ü", 7);

        Assert.Equal("GET", echo.Method);
        Assert.Equal("/api/echo/a%20b%2Fc%3Fd%23e%25f%20%C3%BC/7", echo.RawTarget);
        AssertVerified(_provider.Last);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task DotSegments_AreRefused_BeforeSending(string value)
    {
        EchoApiClient client = CreateClient();
        int before = _provider.Received.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.PathAsync(value, 1));

        Assert.Equal("category", error.ParamName);
        Assert.Equal(before, _provider.Received.Count);
    }

    [Fact]
    public async Task QueryParameters_LeaveNullsOut_RepeatCollections_AndFormatWithTheInvariantCulture()
    {
        EchoApiClient client = CreateClient();
        var id = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        var since = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        CultureInfo previous = CultureInfo.CurrentCulture;
        var commaCulture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaCulture.NumberFormat.NumberDecimalSeparator = ",";
        commaCulture.DateTimeFormat.DateSeparator = ".";
        CultureInfo.CurrentCulture = commaCulture;
        EchoResponse echo;
        try
        {
            echo = await client.QueryAsync("x+y z&=", null, true, 0.5, since, id, Color.DarkBlue, ["a", null, "b c"], [1, 2]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Equal(
            [
                new("text", "x+y z&="), new("exact", "true"), new("ratio", "0.5"), new("since", "2024-01-02T03:04:05.0000000+02:00"),
                new("id", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"), new("color", "DarkBlue"), new("tag", "a"), new("tag", "b c"),
                new("ids", "1"), new("ids", "2"),
            ],
            echo.Query);
        Assert.StartsWith("/api/echo/query?text=x%2By%20z%26%3D&exact=true&ratio=0.5&since=2024-01-02T03%3A04%3A05.0000000%2B02%3A00&", echo.RawTarget, StringComparison.Ordinal);
        Assert.DoesNotContain("page", echo.RawTarget, StringComparison.Ordinal);
        AssertVerified(_provider.Last);
    }

    [Fact]
    public async Task NullCollections_AreLeftOut()
    {
        EchoApiClient client = CreateClient();

        EchoResponse echo = await client.QueryAsync(null, 3, false, -1.25, DateTimeOffset.UnixEpoch, Guid.Empty, Color.Red, [], null);

        Assert.Equal(["page", "exact", "ratio", "since", "id", "color"], echo.Query.Select(p => p.Name));
        Assert.Equal("-1.25", echo.Query.Single(p => p.Name == "ratio").Value);
        AssertVerified(_provider.Last);
    }

    [Fact]
    public async Task PlaceholderInTheTemplatesQuery_AndQueryParameters_Combine()
    {
        EchoApiClient client = CreateClient();

        EchoResponse echo = await client.FixedQueryAsync("a&b c", "e");

        Assert.Equal("/api/echo/search?fixed=1&q=a%26b%20c&extra=e", echo.RawTarget);
        Assert.Equal([new("fixed", "1"), new("q", "a&b c"), new("extra", "e")], echo.Query);
        AssertVerified(_provider.Last);
    }

    [Fact]
    public async Task FormFields_AreSentAsAFormBody_AndSigned()
    {
        EchoApiClient client = CreateClient();

        EchoResponse echo = await client.FormAsync("Hello Ladies + Gentlemen, a signed OAuth request!", null, ["m1", "m 2"], 12.50m);

        Assert.Equal("POST", echo.Method);
        Assert.Equal("application/x-www-form-urlencoded", echo.ContentType);
        Assert.Equal(
            [new("status", "Hello Ladies + Gentlemen, a signed OAuth request!"), new("media", "m1"), new("media", "m 2"), new("amount", "12.50")],
            echo.Form);
        AssertVerified(_provider.Last);
    }

    [Fact]
    public async Task JsonBody_AndHeaders_UseWebDefaults_WithoutAContext()
    {
        EchoApiClient client = CreateClient();

        EchoResponse echo = await client.JsonAsync(new NewItem("Ünïcode", 3), "req-1", 2, "de");

        Assert.Equal("PUT", echo.Method);
        Assert.Equal("application/json; charset=utf-8", echo.ContentType);
        using JsonDocument body = JsonDocument.Parse(echo.Body);
        Assert.Equal("Ünïcode", body.RootElement.GetProperty("displayName").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("quantity").GetInt32());
        Assert.Equal("req-1", echo.Headers["x-request-id"]);
        Assert.Equal("2", echo.Headers["x-attempt"]);
        Assert.Equal("de", echo.Headers["content-language"]);
        AssertVerified(_provider.Last);
    }

    [Fact]
    public async Task NullHeader_IsLeftOut()
    {
        EchoApiClient client = CreateClient();

        EchoResponse echo = await client.JsonAsync(new NewItem("x", 1), "req-2", null, null);

        Assert.False(echo.Headers.ContainsKey("x-attempt"));
        Assert.False(echo.Headers.ContainsKey("content-language"));
    }

    [Fact]
    public async Task JsonContext_IsUsedForBodyAndResponse()
    {
        using HttpClient http = _provider.CreateHttpClient();
        var client = new EchoAotApiClient(http, _provider.HmacOptions());

        EchoResponse echo = await client.JsonAsync(new NewItem("Snake", 5));

        // The context's snake_case policy shows on the wire: the reflection path would write camelCase.
        using JsonDocument body = JsonDocument.Parse(echo.Body);
        Assert.Equal("Snake", body.RootElement.GetProperty("display_name").GetString());
        Assert.Equal(5, body.RootElement.GetProperty("quantity").GetInt32());
        AssertVerified(_provider.Last);
    }

    [Fact]
    public async Task HttpContentBody_IsSentAsItIs()
    {
        EchoApiClient client = CreateClient();

        EchoResponse echo = await client.ContentAsync(new StringContent("raw ✓", Encoding.UTF8, "text/plain"));

        Assert.Equal("PATCH", echo.Method);
        Assert.Equal("raw ✓", echo.Body);
        Assert.Equal("text/plain; charset=utf-8", echo.ContentType);
        AssertVerified(_provider.Last);
    }

    [Fact]
    public async Task TaskMethods_DeleteAndHead_Succeed()
    {
        EchoApiClient client = CreateClient();

        await client.DeleteAsync(5);
        Assert.Equal(("DELETE", "/api/echo/items/5"), (_provider.Last.Method, _provider.Last.RawTarget));
        AssertVerified(_provider.Last);

        await client.HeadAsync();
        Assert.Equal(("HEAD", "/api/echo/head"), (_provider.Last.Method, _provider.Last.RawTarget));
        AssertVerified(_provider.Last);
    }

    [Fact]
    public async Task StringAndStreamResults_ReadTheBody()
    {
        EchoApiClient client = CreateClient();

        Assert.Equal("plain text ✓", await client.TextAsync());
        await using Stream stream = await client.StreamAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        Assert.Equal("plain text ✓", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task HttpResponseMessageResult_IsReturnedAsItIs_EvenOnFailure()
    {
        EchoApiClient client = CreateClient();

        using HttpResponseMessage response = await client.RawStatusAsync(404);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("oauth_problem=permission_denied", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failure_ThrowsOAuth1ApiException_WithStatusHeadersAndABoundedExcerpt()
    {
        EchoApiClient client = CreateClient();

        var error = await Assert.ThrowsAsync<OAuth1ApiException>(() => client.FailingAsync(404));

        Assert.IsAssignableFrom<OAuth1Exception>(error);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(["e-42"], error.ResponseHeaders["x-error-id"]);
        Assert.Equal(OAuth1ApiException.MaxBodyExcerptBytes, error.ResponseBodyExcerpt.Length);
        Assert.True(error.IsResponseBodyTruncated);
        Assert.True(Encoding.UTF8.GetByteCount(error.ResponseBodyExcerpt) <= OAuth1ApiException.MaxBodyExcerptBytes);
        Assert.StartsWith("oauth_problem=permission_denied&oauth_token_secret=(hidden)&detail=xxx", error.ResponseBodyExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("leaked", error.ResponseBodyExcerpt, StringComparison.Ordinal);
        Assert.Equal($"GET {_provider.BaseAddress}status/404 answered 404 Not Found (oauth_problem=permission_denied).", error.Message);
    }

    [Fact]
    public async Task Failure_OfATaskMethod_Throws()
    {
        EchoApiClient client = CreateClient();

        var error = await Assert.ThrowsAsync<OAuth1ApiException>(() => client.FailingWithoutResultAsync(500));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [Fact]
    public async Task RejectedSignature_SurfacesTheProvidersProblem_WithoutSecretsOrQuery()
    {
        using HttpClient http = _provider.CreateHttpClient();
        OAuth1Options options = _provider.HmacOptions();
        options.ConsumerSecret = "wrong-secret";
        options.SignatureLocation = OAuth1SignatureLocation.Query;
        var client = new EchoApiClient(http, options);

        var error = await Assert.ThrowsAsync<OAuth1ApiException>(() => client.TextAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("(oauth_problem=signature_invalid)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("oauth_signature", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonNull_IsRefusedForANonNullableResult_AndReturnedForANullableOne()
    {
        EchoApiClient client = CreateClient();

        var error = await Assert.ThrowsAsync<JsonException>(() => client.NullAsync());
        Assert.Contains("IEchoApi.NullAsync", error.Message, StringComparison.Ordinal);
        Assert.Null(await client.NullableAsync());
    }

    [Fact]
    public async Task Cancellation_AbortsTheCall()
    {
        EchoApiClient client = CreateClient();
        _provider.ResetWait();
        using var cancellation = new CancellationTokenSource();

        Task call = client.WaitAsync(cancellation.Token);
        await _provider.WaitArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PathAsync("x", 1, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task TokenChangedOnTheOptions_AppliesToTheNextCall()
    {
        EchoApiClient client = CreateClient();

        Assert.Equal(LoopbackProvider.Token, (await client.PathAsync("a", 1)).Token);
        client.Options.TokenCredentials = new OAuth1Token(LoopbackProvider.OtherToken, LoopbackProvider.OtherTokenSecret);
        Assert.Equal(LoopbackProvider.OtherToken, (await client.PathAsync("a", 1)).Token);
        AssertVerified(_provider.Last);
    }

    [Fact]
    public async Task WithoutABaseUrl_TheCallExplainsWhatIsMissing()
    {
        using var http = new HttpClient(new SocketsHttpHandler());
        var client = new EchoApiClient(http, _provider.HmacOptions());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.TextAsync());

        Assert.Contains("IEchoApi has no base URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RefusesNulls()
    {
        using var http = new HttpClient();
        Assert.Equal("httpClient", Assert.Throws<ArgumentNullException>(() => new EchoApiClient(null!, new OAuth1Options())).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new EchoApiClient(http, null!)).ParamName);
    }

    [Fact]
    public async Task Signatures_MatchAnIndependentRfc5849Computation()
    {
        // Path, query and form values with reserved, space, plus and non-ASCII characters.
        EchoApiClient client = CreateClient();
        await client.PathAsync("a b/c?d ü", 7);
        CheckIndependently(_provider.Last);
        await client.QueryAsync("x+y z&=~*", 2, true, 0.1, DateTimeOffset.UnixEpoch, Guid.Empty, Color.Red, ["ü", "a b"], [3]);
        CheckIndependently(_provider.Last);
        await client.FormAsync("Hello Ladies + Gentlemen, a signed OAuth request!", 5, ["m 1"], 1.5m);
        CheckIndependently(_provider.Last);
        await client.FixedQueryAsync("q=1&r", "!'()*");
        CheckIndependently(_provider.Last);
    }

    private void CheckIndependently(ReceivedRequest request)
    {
        AssertVerified(request);
        (string baseString, bool valid) = IndependentSignatureCheck.Check(request, _provider.BaseAddress, LoopbackProvider.ConsumerSecret, LoopbackProvider.TokenSecret);
        Assert.True(valid, $"Independent check failed for {request.RawTarget}; base string {baseString}");
        Assert.Equal(request.Verification.BaseString, baseString);
    }

    private EchoApiClient CreateClient() => new(_provider.CreateHttpClient(), _provider.HmacOptions());

    private static void AssertVerified(ReceivedRequest request)
    {
        Assert.True(request.Verification.IsValid, $"{request.Method} {request.RawTarget}: {request.Verification} (base string: {request.Verification.BaseString})");
        Assert.True(request.AuthorizationHeaderCount <= 1, "The request carried more than one Authorization header.");
    }
}
