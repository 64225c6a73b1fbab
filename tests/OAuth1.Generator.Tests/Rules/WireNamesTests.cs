using OAuth1.Generator.Rules;

namespace OAuth1.Generator.Tests.Rules;

/// <summary>The query, form and header name rules, on their own.</summary>
public sealed class WireNamesTests
{
    [Theory]
    [InlineData("screen_name", "screen_name")]
    [InlineData("a-b.c~d", "a-b.c~d")]
    [InlineData("a b&c=d", "a%20b%26c%3Dd")]
    [InlineData("filter[name]", "filter%5Bname%5D")]
    [InlineData("ü€\uD83D\uDE00", "%C3%BC%E2%82%AC%F0%9F%98%80")]
    [InlineData("tab\t", "tab%09")]
    public void QueryNames_ArePercentEncodedAsUtf8(string name, string expected)
    {
        Assert.Equal(expected, WireNames.Query(name).Value);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("a b&c")]
    [InlineData("名前")]
    public void FormNames_StayAsTheyAre(string name)
    {
        Assert.Equal(name, WireNames.Form(name).Value);
    }

    [Theory]
    [InlineData("X-Token")]
    [InlineData("x_custom.header~1")]
    [InlineData("!#$%&'*+-.^_`|~")]
    public void HeaderNames_AreTokens(string name)
    {
        Assert.Equal(name, WireNames.Header(name).Value);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData(null, "it is empty")]
    public void InvalidQueryAndFormNames_GiveTheReason(string? name, string error)
    {
        AssertError(WireNames.Query(name), error);
        AssertError(WireNames.Form(name), error);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData(null, "it is empty")]
    [InlineData("X Bad", "' ' is not allowed in a header name")]
    [InlineData("X:Bad", "':' is not allowed in a header name")]
    [InlineData("Ünicode", "U+00DC is not allowed in a header name")]
    [InlineData("a\u0000", "U+0000 is not allowed in a header name")]
    public void InvalidHeaderNames_GiveTheReason(string? name, string error)
    {
        AssertError(WireNames.Header(name), error);
    }

    [Fact]
    public void UnpairedSurrogates_AreInvalid()
    {
        // Built at run time: attribute arguments cannot hold a lone surrogate (metadata turns it into U+FFFD).
        AssertError(WireNames.Query("a\uD800"), "it has an unpaired surrogate (U+D800) at position 2");
        AssertError(WireNames.Form("\uDC00"), "it has an unpaired surrogate (U+DC00) at position 1");
        AssertError(WireNames.Header("a\uD800"), "U+D800 is not allowed in a header name");
    }

    [Fact]
    public void AnyString_GivesANameOrAReason_NeverAnException()
    {
        foreach (string name in HostileStrings.All())
        {
            foreach (RuleResult<string> result in new[] { WireNames.Query(name), WireNames.Form(name), WireNames.Header(name) })
            {
                Assert.True((result.Value is null) != (result.Error is null));
            }

            // What the query rule accepts is encoded to unreserved characters and escapes only, and decodes back.
            if (WireNames.Query(name).Value is { } encoded)
            {
                Assert.Matches("^([A-Za-z0-9._~-]|%[0-9A-F]{2})*$", encoded);
                Assert.Equal(name, Uri.UnescapeDataString(encoded));
            }
        }
    }

    private static void AssertError(RuleResult<string> result, string error)
    {
        Assert.Null(result.Value);
        Assert.Equal(error, result.Error);
    }
}
