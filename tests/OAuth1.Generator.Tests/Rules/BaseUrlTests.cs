using OAuth1.Generator.Rules;

namespace OAuth1.Generator.Tests.Rules;

/// <summary>The base URL rule, on its own.</summary>
public sealed class BaseUrlTests
{
    [Theory]
    [InlineData("https://api.example.com", "https://api.example.com/")]
    [InlineData("https://api.example.com/1.1/", "https://api.example.com/1.1/")]
    [InlineData("http://127.0.0.1:8080/v2", "http://127.0.0.1:8080/v2/")]
    public void ValidBaseUrls_EndWithASlash(string text, string expected)
    {
        Assert.Equal(expected, BaseUrl.Normalize(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" https://api.example.com/")]
    [InlineData("https://api.example.com/ ")]
    [InlineData("api.example.com/v1")]
    [InlineData("/v1")]
    [InlineData("ftp://api.example.com/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://")]
    [InlineData("https://api.example.com/?key=1")]
    [InlineData("https://api.example.com/#top")]
    [InlineData("https://api.example.com/a\tb")]
    public void InvalidBaseUrls_GiveNull(string? text)
    {
        Assert.Null(BaseUrl.Normalize(text));
    }

    [Fact]
    public void UnpairedSurrogate_IsInvalid()
    {
        // Built at run time: attribute arguments cannot hold a lone surrogate (metadata turns it into U+FFFD).
        Assert.Null(BaseUrl.Normalize("https://api.example.com/\uD800"));
        Assert.Equal("https://api.example.com/\uD83D\uDE00/", BaseUrl.Normalize("https://api.example.com/\uD83D\uDE00"));
    }

    [Fact]
    public void AnyString_GivesAUrlOrNull_NeverAnException()
    {
        foreach (string text in HostileStrings.All().Concat(HostileStrings.All().Take(2_000).Select(s => "https://h/" + s)))
        {
            string? url = BaseUrl.Normalize(text);
            if (url is not null)
            {
                Assert.True(url == text || url == text + "/", $"'{url}' is not '{text}' with a slash.");
                Assert.EndsWith("/", url, StringComparison.Ordinal);
                Assert.Matches("^https?://", url);
            }
        }
    }
}
