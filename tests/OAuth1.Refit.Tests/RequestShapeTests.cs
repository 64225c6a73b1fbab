using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using OAuth1.Refit.Tests.Infrastructure;

namespace OAuth1.Refit.Tests;

using global::Refit;

/// <summary>
/// The signer signs what Refit really puts on the wire: every request below goes through a generated Refit client and
/// <c>AddOAuth1</c> to the loopback server, whose independent verifier rebuilds the base string from the raw request
/// target and body bytes. A 200 answer means the signature matched; the echo tells what was signed.
/// </summary>
public sealed class RequestShapeTests(OAuth1TestServer server) : IClassFixture<OAuth1TestServer>
{
    [Fact]
    public async Task Query_MultiCollectionFormat_EachRepeatedValueIsSigned()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        Echo echo = await api.Query(["b", "a", "a b", "a"], "verbose", "x");

        Assert.Equal(
            [["tags", "b"], ["tags", "a"], ["tags", "a b"], ["tags", "a"], ["verbose", ""], ["plain", "x"]],
            echo.QueryParameters);
        Assert.Contains("tags%3Da%26tags%3Da%26tags%3Da%2520b%26tags%3Db", echo.BaseString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_QueryNameFlag_IsSignedAsANameWithAnEmptyValue()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        Echo echo = await api.Query([], "dry-run", "1");

        Assert.Matches(@"[?&]dry-run(&|$)", echo.RawTarget);
        Assert.Contains("dry-run%3D%26", echo.BaseString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a%20b%2Bc%2fd", "a%20b%2Bc%2fd", "a b+c/d")]
    [InlineData("x+y", "x+y", "x y")]
    [InlineData("%41%62", "Ab", "Ab")] // likewise for escaped unreserved characters.
    [InlineData("%E2%98%95%7e", "%E2%98%95~", "☕~")] // System.Uri turns %7e into ~ before sending; the signer signs that.
    public async Task Query_EncodedValue_IsSentVerbatimAndSignedDecodedOnce(string encoded, string onTheWire, string decoded)
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        Echo echo = await api.Encoded(encoded);

        Assert.EndsWith("?q=" + onTheWire, echo.RawTarget, StringComparison.Ordinal);
        Assert.Equal([["q", decoded]], echo.QueryParameters);
    }

    [Theory]
    [InlineData("café ☕ 日本 𝄞")]
    [InlineData("a b&c=d/e?f+g~h*'()!:@,;$")]
    [InlineData("100% sure")]
    public async Task Query_UnicodeAndReservedCharacters_AreSignedAsRefitEncodedThem(string value)
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        Echo echo = await api.GetWithQuery(value);

        Assert.Equal([["q", value]], echo.QueryParameters);
    }

    [Fact]
    public async Task Query_CsvCollectionFormat_IsSignedAsOneValue()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        Echo echo = await api.Csv(["1", "2", "3"]);

        Assert.Equal([["ids", "1,2,3"]], echo.QueryParameters);
    }

    [Theory]
    [InlineData("naïve café")]
    [InlineData("a+b c")]
    [InlineData("~tilde")]
    public async Task Path_UnicodeAndSpaces_AreSignedAsSent(string segment)
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        Echo echo = await api.Path(segment);

        Assert.StartsWith("/echo/path/", echo.RawTarget, StringComparison.Ordinal);
        Assert.Equal(segment, Uri.UnescapeDataString(echo.RawTarget["/echo/path/".Length..]));
    }

    [Fact]
    public async Task Form_FormUrlEncodedContent_ItsParametersAreSigned()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;
        var fields = new Dictionary<string, string> { ["status"] = "Hello Ladies + Gentlemen, a signed OAuth request!", ["lang"] = "日本語", ["empty"] = "", ["a&b"] = "c=d" };

        Echo echo = await api.Form(fields);

        Assert.StartsWith("application/x-www-form-urlencoded", echo.ContentType, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(fields.Select(f => new[] { f.Key, f.Value }), echo.BodyParameters);
        Assert.Contains("status%3DHello%2520Ladies%2520%252B%2520Gentlemen", echo.BaseString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_ModelWithAliasesAndRepeatedValues_EveryFieldIsSigned()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        Echo echo = await api.FormModel(new StatusUpdate { Status = "çava?", InReplyTo = 42, Tags = ["x", "y", "x"] });

        Assert.Contains(["status", "çava?"], echo.BodyParameters);
        Assert.Contains(["in_reply_to", "42"], echo.BodyParameters);
        Assert.Equal(2, echo.BodyParameters.Count(p => p[0] == "tag" && p[1] == "x"));
        Assert.Contains(["tag", "y"], echo.BodyParameters);
    }

    [Fact]
    public async Task Form_WithAQueryToo_BothAreSigned()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        Echo echo = await api.FormWithQuery("from query", new Dictionary<string, string> { ["q"] = "from body" });

        Assert.Equal([["q", "from query"]], echo.QueryParameters);
        Assert.Equal([["q", "from body"]], echo.BodyParameters);
        Assert.Contains("q%3Dfrom%2520body%26q%3Dfrom%2520query", echo.BaseString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_UrlEncodedStringContentWithCharset_IsSignedAsAForm()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        Echo echo = await api.FormString("status=caf%C3%A9+au+lait&count=2");

        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", echo.ContentType);
        Assert.Equal([["status", "café au lait"], ["count", "2"]], echo.BodyParameters);
    }

    [Fact]
    public async Task Json_TheBodyIsNotSigned_AndArrivesIntact()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        Echo echo = await api.Json(new Payload { Text = "a=b;c=d", Count = 3 });

        Assert.StartsWith("application/json", echo.ContentType, StringComparison.Ordinal);
        Assert.Equal("""{"text":"a=b;c=d","count":3}""", echo.Body);
        Assert.Empty(echo.BodyParameters);
        Assert.Null(echo.BodyHash);
        Assert.DoesNotContain("text", echo.BaseString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_WithIncludeBodyHash_SendsTheHashOfTheExactBytes()
    {
        var (api, services) = Clients.FromServices(server, o => o.IncludeBodyHash = true);
        await using var _ = services;

        Echo echo = await api.Json(new Payload { Text = "hash me", Count = 1 });

        Assert.Equal(Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(echo.Body!))), echo.BodyHash);
        Assert.Contains("oauth_body_hash%3D", echo.BaseString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multipart_TheBodyIsNotSigned()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        Echo echo = await api.Multipart("a=b", new ByteArrayPart("file contents"u8.ToArray(), "notes.txt", "text/plain"));

        Assert.StartsWith("multipart/form-data", echo.ContentType, StringComparison.Ordinal);
        Assert.Contains("file contents", echo.Body, StringComparison.Ordinal);
        Assert.Empty(echo.BodyParameters);
        Assert.Null(echo.BodyHash);
    }

    [Fact]
    public async Task Multipart_WithIncludeBodyHash_HashesTheBytesSent()
    {
        var (api, services) = Clients.FromServices(server, o => o.IncludeBodyHash = true);
        await using var _ = services;

        Echo echo = await api.Multipart("described", new ByteArrayPart([1, 2, 3], "data.bin", "application/octet-stream"));

        // The server checked the hash against the bytes it received; a different boundary or re-serialisation would fail.
        Assert.NotNull(echo.BodyHash);
    }

    [Fact]
    public async Task CompressedForm_RefitRequestCompression_IsRefusedWithAClearError()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;
        int before = server.RequestsTo("/echo/compressed-form").Count;

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => api.CompressedForm(new Dictionary<string, string> { ["status"] = "zip me" }));

        InvalidOperationException cause = FindCause<InvalidOperationException>(ex);
        Assert.Contains("Content-Encoding 'gzip'", cause.Message, StringComparison.Ordinal);
        Assert.Contains("compressed form body cannot be signed", cause.Message, StringComparison.Ordinal);
        Assert.Equal(before, server.RequestsTo("/echo/compressed-form").Count);
    }

    [Fact]
    public async Task CompressedForm_HandMadeGzipFormContent_IsRefusedWithAClearError()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;
        var content = new ByteArrayContent(Gzip("status=zipped"u8.ToArray()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        content.Headers.ContentEncoding.Add("gzip");

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => api.SendContent(content));

        Assert.Contains("Content-Encoding 'gzip'", FindCause<InvalidOperationException>(ex).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompressedJson_IsSentAndSignedWithoutItsBody()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        Echo echo = await api.CompressedJson(new Payload { Text = "zipped json", Count = 9 });

        ReceivedRequest received = server.RequestsTo("/echo/compressed-json").Last();
        Assert.Equal("gzip", received.ContentEncoding);
        Assert.True(received.Result.Verified);
        Assert.Empty(echo.BodyParameters);
    }

    [Fact]
    public async Task HttpResponseMessageMethod_IsSigned()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        using HttpResponseMessage response = await api.Raw();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(server.RequestsTo("/echo/raw").Last().Result.Verified);
    }

    [Fact]
    public async Task ApiResponseMethod_IsSigned()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        using ApiResponse<Echo> response = await api.GetApiResponse();

        Assert.True(response.IsSuccessful, response.Error?.Message);
        Assert.Equal("Header", response.Content!.Location);
    }

    [Fact]
    public async Task HttpContentBody_SendContentMethod_FormIsSigned()
    {
        var (api, services) = Clients.FromServices(server);
        await using var _ = services;

        using HttpResponseMessage response = await api.SendContent(new FormUrlEncodedContent([new("k", "v w")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("k", "v w")], server.RequestsTo("/echo/content").Last().Result.BodyParameters);
    }

    internal static T FindCause<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        throw new Xunit.Sdk.XunitException($"No {typeof(T).Name} in the chain of {exception}");
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
