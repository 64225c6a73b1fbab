using System.Net;
using System.Text;

namespace OAuth1.Generator.Tests;

/// <summary>The runtime helpers generated clients call, and <see cref="OAuth1ApiException"/>, on their edge cases.</summary>
public sealed class RuntimeTests
{
    [Theory]
    [InlineData("plain-._~", "plain-._~")]
    [InlineData("a/b?c#d e+f%", "a%2Fb%3Fc%23d%20e%2Bf%25")]
    [InlineData("ü€😀", "%C3%BC%E2%82%AC%F0%9F%98%80")]
    [InlineData("", "")]
    public void PathSegments_ArePercentEncodedAsUtf8(string value, string expected)
    {
        var builder = new StringBuilder("x/");
        OAuth1ClientRuntime.AppendPathSegment(builder, value, "p");
        Assert.Equal("x/" + expected, builder.ToString());
    }

    [Fact]
    public void LoneSurrogate_IsEncodedAsTheReplacementCharacter()
    {
        var builder = new StringBuilder();
        OAuth1ClientRuntime.AppendPathSegment(builder, "lone\uD800surrogate", "p");
        Assert.Equal("lone%EF%BF%BDsurrogate", builder.ToString());
    }

    [Fact]
    public void Query_SkipsNulls_AndSeparatesWithTheGivenCharacter()
    {
        var builder = new StringBuilder("x?fixed=1");
        char separator = '&';
        OAuth1ClientRuntime.AppendQuery(builder, ref separator, "a", null);
        OAuth1ClientRuntime.AppendQuery(builder, ref separator, "a", "1 2");
        OAuth1ClientRuntime.AppendQuery(builder, ref separator, "b", string.Empty);
        Assert.Equal("x?fixed=1&a=1%202&b=", builder.ToString());

        var trailing = new StringBuilder("x?");
        char none = '\0';
        OAuth1ClientRuntime.AppendQuery(trailing, ref none, "a", "1");
        Assert.Equal("x?a=1", trailing.ToString());
    }

    [Fact]
    public void Formatting_IsInvariant()
    {
        Assert.Equal("true", OAuth1ClientRuntime.Format(true));
        Assert.Equal("1.5", OAuth1ClientRuntime.Format(1.5f));
        Assert.Equal("-0.001", OAuth1ClientRuntime.Format(-0.001m));
        Assert.Equal("18446744073709551615", OAuth1ClientRuntime.Format(ulong.MaxValue));
        Assert.Equal("2024-02-29", OAuth1ClientRuntime.Format(new DateOnly(2024, 2, 29)));
        Assert.Equal("13:45:00.0000000", OAuth1ClientRuntime.Format(new TimeOnly(13, 45)));
        Assert.Equal("1.02:03:04", OAuth1ClientRuntime.Format(new TimeSpan(1, 2, 3, 4)));
        Assert.Equal("2024-01-02T03:04:05.0000000Z", OAuth1ClientRuntime.Format(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)));
        Assert.Equal("ReadWrite", OAuth1ClientRuntime.FormatEnum(FileAccess.ReadWrite));
        Assert.Equal("Read, Delete", OAuth1ClientRuntime.FormatEnum(FileShare.Read | FileShare.Delete));
        Assert.Equal("42", OAuth1ClientRuntime.FormatEnum((DayOfWeek)42));
    }

    [Theory]
    [InlineData("https://api.example.com/v1", "https://api.example.com/v1/")]
    [InlineData("https://api.example.com/v1/?key=1#top", "https://api.example.com/v1/")]
    [InlineData("https://api.example.com", "https://api.example.com/")]
    public void BaseAddress_EndsWithASlash_WithoutQueryOrFragment(string address, string expected)
    {
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        Assert.Equal(expected, OAuth1ClientRuntime.GetBaseAddress(http, "IApi"));
    }

    [Fact]
    public async Task ExceptionMessage_LeavesOutQueryAndUserInfo()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized)
        {
            ReasonPhrase = "Unauthorized",
            RequestMessage = new HttpRequestMessage(HttpMethod.Post, "https://user:p4ss@api.example.com:8443/v1/items?oauth_signature=c2VjcmV0"),
            Content = new StringContent("oauth_problem=signature_invalid"),
        };

        OAuth1ApiException error = await OAuth1ApiException.FromResponseAsync(response);

        Assert.Equal("POST https://api.example.com:8443/v1/items answered 401 Unauthorized (oauth_problem=signature_invalid).", error.Message);
        Assert.Equal("signature_invalid", error.Problem);
        Assert.Equal(HttpStatusCode.Unauthorized, error.ProblemReport?.StatusCode);
        Assert.False(error.IsResponseBodyTruncated);
    }

    [Fact]
    public async Task Excerpt_NeverCutsAUtf8Sequence_AndHidesSignatures()
    {
        // Hidden first, then cut: once "abc%2B" is "(hidden)", 1023 ASCII bytes come before a 3-byte character, and
        // the 1024-byte bound falls inside it.
        string body = "oauth_signature=\"abc%2B\", " + new string('a', 1023 - 28) + "€tail";
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(body, Encoding.UTF8) };

        OAuth1ApiException error = await OAuth1ApiException.FromResponseAsync(response);

        Assert.True(error.IsResponseBodyTruncated);
        Assert.StartsWith("oauth_signature=\"(hidden)\", aaa", error.ResponseBodyExcerpt, StringComparison.Ordinal);
        Assert.EndsWith("a", error.ResponseBodyExcerpt, StringComparison.Ordinal);
        Assert.Equal(1023, Encoding.UTF8.GetByteCount(error.ResponseBodyExcerpt));
        Assert.DoesNotContain("\uFFFD", error.ResponseBodyExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", error.ResponseBodyExcerpt, StringComparison.Ordinal);
    }
}
