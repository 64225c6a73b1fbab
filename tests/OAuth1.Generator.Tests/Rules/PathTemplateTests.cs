using OAuth1.Generator.Rules;

namespace OAuth1.Generator.Tests.Rules;

/// <summary>The path template rule, on its own: no compilation involved.</summary>
public sealed class PathTemplateTests
{
    [Fact]
    public void LiteralsAndPlaceholders_AreSplitInOrder()
    {
        PathTemplate template = Valid("users/{id}/posts/{ postId }.json");

        Assert.Equal(
            [new TemplatePart(false, "users/"), new TemplatePart(true, "id"), new TemplatePart(false, "/posts/"), new TemplatePart(true, "postId"), new TemplatePart(false, ".json")],
            template.Parts);
    }

    [Fact]
    public void AdjacentPlaceholders_HaveNoLiteralBetweenThem()
    {
        Assert.Equal([new TemplatePart(true, "a"), new TemplatePart(true, "b")], Valid("{a}{b}").Parts);
    }

    [Theory]
    [InlineData("/users", "users")]
    [InlineData("users/", "users/")]
    public void LeadingSlash_IsDropped_SoTheBaseUrlKeepsItsPath(string text, string literal)
    {
        Assert.Equal([new TemplatePart(false, literal)], Valid(text).Parts);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("/")]
    public void EmptyTemplate_IsTheBaseUrlItself(string? text)
    {
        PathTemplate template = Valid(text);

        Assert.Empty(template.Parts);
        Assert.Equal("?", template.QuerySeparator);
    }

    [Theory]
    [InlineData("users", "?")]
    [InlineData("users?active=true", "&")]
    [InlineData("users?", "")]
    [InlineData("users?active=true&", "")]
    [InlineData("search?q={q}", "&")]
    public void QuerySeparator_FollowsWhatTheTemplateEndsWith(string text, string separator)
    {
        Assert.Equal(separator, Valid(text).QuerySeparator);
    }

    [Theory]
    [InlineData("{café}", "café")]
    [InlineData("{名前}", "名前")]
    [InlineData("{_id2}", "_id2")]
    [InlineData("{class}", "class")]
    [InlineData("{a\u0301}", "a\u0301")]
    public void PlaceholderNames_AreCSharpIdentifiers_UnicodeIncluded(string text, string name)
    {
        Assert.Equal([new TemplatePart(true, name)], Valid(text).Parts);
    }

    [Theory]
    [InlineData("users/{id", "'{' at position 7 is not closed")]
    [InlineData("/users/{id", "'{' at position 8 is not closed")]
    [InlineData("{a{b}}", "'{' at position 1 is not closed")]
    [InlineData("users/id}", "'}' at position 9 has no matching '{'")]
    [InlineData("}{", "'}' at position 1 has no matching '{'")]
    [InlineData("users/{}", "a placeholder '{}' has no name")]
    [InlineData("users/{   }", "a placeholder '{}' has no name")]
    [InlineData("users/{user-id}", "the placeholder '{user-id}' at position 7 is not named like a parameter")]
    [InlineData("{1st}", "the placeholder '{1st}' at position 1 is not named like a parameter")]
    [InlineData("{@class}", "the placeholder '{@class}' at position 1 is not named like a parameter")]
    [InlineData("{**rest}", "the placeholder '{**rest}' at position 1 is not named like a parameter")]
    [InlineData("https://other.example.com/users", "it is an absolute URL; put the scheme and host in the base URL")]
    [InlineData("//other.example.com/users", "it is an absolute URL; put the scheme and host in the base URL")]
    [InlineData("users#top", "it has a fragment ('#'), which is never sent")]
    [InlineData("users\u0000", "it has the control character U+0000 at position 6")]
    [InlineData("us\ners", "it has the control character U+000A at position 3")]
    [InlineData("{\uD83D\uDE00}", "the placeholder '{\uD83D\uDE00}' at position 1 is not named like a parameter")]
    public void InvalidTemplates_GiveTheReason(string text, string error)
    {
        RuleResult<PathTemplate> result = PathTemplate.Parse(text);

        Assert.Null(result.Value);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void UnpairedSurrogates_AreInvalid()
    {
        // Built at run time: attribute arguments cannot hold a lone surrogate (metadata turns it into U+FFFD).
        (string Text, string Error)[] cases =
        [
            ("a\uD800b", "it has an unpaired surrogate (U+D800) at position 2"),
            ("\uDE00a", "it has an unpaired surrogate (U+DE00) at position 1"),
            ("ok/\uD83D", "it has an unpaired surrogate (U+D83D) at position 4"),
            ("{id\uDC00}", "it has an unpaired surrogate (U+DC00) at position 4"),
        ];
        foreach ((string text, string error) in cases)
        {
            Assert.Equal(error, PathTemplate.Parse(text).Error);
        }
    }

    [Fact]
    public void PairedSurrogates_AreLiteralText()
    {
        Assert.Equal([new TemplatePart(false, "emoji/\uD83D\uDE00")], Valid("emoji/\uD83D\uDE00").Parts);
    }

    [Fact]
    public void LongTemplates_AreParsedWhole()
    {
        string longLiteral = new('a', 1_000_000);
        Assert.Equal([new TemplatePart(false, longLiteral)], Valid(longLiteral).Parts);

        PathTemplate many = Valid(string.Concat(Enumerable.Repeat("{a}/", 50_000)));
        Assert.Equal(100_000, many.Parts.Count);

        Assert.Equal("'{' at position 1 is not closed", PathTemplate.Parse(new string('{', 1_000_000)).Error);
    }

    [Fact]
    public void AnyString_GivesATemplateOrAReason_NeverAnException()
    {
        int valid = 0;
        int invalid = 0;
        foreach (string text in HostileStrings.All())
        {
            RuleResult<PathTemplate> result = PathTemplate.Parse(text);

            Assert.True((result.Value is null) != (result.Error is null), $"Exactly one of template and error for {Show(text)}.");
            if (result.Value is not { } template)
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Error));
                invalid++;
                continue;
            }

            valid++;
            AssertWellFormed(text, template);
        }

        // The inputs reach both sides, so the invariants above were checked on real templates.
        Assert.True(valid > 100, $"Only {valid} valid templates.");
        Assert.True(invalid > 100, $"Only {invalid} invalid templates.");
    }

    /// <summary>What every parsed template keeps: literals without braces, never two in a row, identifier names, and the text it came from.</summary>
    private static void AssertWellFormed(string text, PathTemplate template)
    {
        var rebuilt = new System.Text.StringBuilder(text.StartsWith('/') ? "/" : string.Empty);
        for (int i = 0; i < template.Parts.Count; i++)
        {
            TemplatePart part = template.Parts[i];
            Assert.NotEmpty(part.Text);
            if (part.IsPlaceholder)
            {
                Assert.True(TextRules.IsIdentifier(part.Text), $"Placeholder {Show(part.Text)} of {Show(text)}.");
                rebuilt.Append('{').Append(part.Text).Append('}');
            }
            else
            {
                Assert.DoesNotContain('{', part.Text);
                Assert.DoesNotContain('}', part.Text);
                Assert.False(i > 0 && !template.Parts[i - 1].IsPlaceholder, $"Two literals in a row in {Show(text)}.");
                rebuilt.Append(part.Text);
            }
        }

        // Only the spaces around placeholder names are dropped.
        Assert.Equal(WithoutSpaceInBraces(text), rebuilt.ToString());
    }

    private static string WithoutSpaceInBraces(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        bool inBraces = false;
        foreach (char c in text)
        {
            inBraces = c == '{' || (inBraces && c != '}');
            if (!(inBraces && char.IsWhiteSpace(c)))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static PathTemplate Valid(string? text)
    {
        RuleResult<PathTemplate> result = PathTemplate.Parse(text);
        Assert.True(result.Value is not null, $"{Show(text)} is invalid: {result.Error}");
        return result.Value!;
    }

    private static string Show(string? text) =>
        text is null ? "null" : text.Length > 80 ? $"a {text.Length}-character string" : "'" + string.Concat(text.Select(c => c < ' ' || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString())) + "'";
}
