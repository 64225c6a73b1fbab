using System;
using System.Collections.Generic;
using System.Text;

namespace OAuth1.Generator.Rules;

/// <summary>One piece of a path template.</summary>
/// <param name="IsPlaceholder">Whether this is a <c>{name}</c> placeholder.</param>
/// <param name="Text">The literal text, or the placeholder's name (without braces or surrounding spaces).</param>
internal sealed record TemplatePart(bool IsPlaceholder, string Text);

/// <summary>
/// The relative path template of an HTTP method attribute (<c>users/{id}/posts?kind=all</c>): literal text and
/// <c>{name}</c> placeholders, each name a C# identifier. <see cref="Parse"/> is total: any string gives a template or
/// the reason it is invalid, never an exception.
/// </summary>
internal sealed class PathTemplate
{
    private PathTemplate(IReadOnlyList<TemplatePart> parts, string querySeparator)
    {
        Parts = parts;
        QuerySeparator = querySeparator;
    }

    /// <summary>The literal text and placeholders in order, consecutive literal text joined; a leading <c>/</c> dropped.</summary>
    public IReadOnlyList<TemplatePart> Parts { get; }

    /// <summary>What comes before the first query parameter added to the template: <c>?</c>, <c>&amp;</c>, or empty when the template ends with one.</summary>
    public string QuerySeparator { get; }

    /// <summary>Parses a template; <see langword="null"/> is the empty template (the base URL itself).</summary>
    public static RuleResult<PathTemplate> Parse(string? template)
    {
        template ??= string.Empty;
        if (template.IndexOf("://", StringComparison.Ordinal) >= 0 || template.StartsWith("//", StringComparison.Ordinal))
        {
            return RuleResult<PathTemplate>.Failure("it is an absolute URL; put the scheme and host in the base URL");
        }

        if (template.IndexOf('#') >= 0)
        {
            return RuleResult<PathTemplate>.Failure("it has a fragment ('#'), which is never sent");
        }

        if (TextRules.CharacterError(template, allowControl: false) is { } characterError)
        {
            return RuleResult<PathTemplate>.Failure(characterError);
        }

        // The base URL keeps its path: a leading '/' does not start from the host. Positions in messages count from
        // the template as written.
        int offset = template.StartsWith("/", StringComparison.Ordinal) ? 1 : 0;
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        int i = offset;
        while (i < template.Length)
        {
            char c = template[i];
            if (c == '}')
            {
                return RuleResult<PathTemplate>.Failure($"'}}' at position {i + 1} has no matching '{{'");
            }

            if (c != '{')
            {
                literal.Append(c);
                i++;
                continue;
            }

            int open = i;
            for (i = open + 1; i < template.Length && template[i] != '}'; i++)
            {
                if (template[i] == '{')
                {
                    break;
                }
            }

            if (i == template.Length || template[i] != '}')
            {
                return RuleResult<PathTemplate>.Failure($"'{{' at position {open + 1} is not closed");
            }

            string name = template.Substring(open + 1, i - open - 1).Trim();
            if (name.Length == 0)
            {
                return RuleResult<PathTemplate>.Failure("a placeholder '{}' has no name");
            }

            if (!TextRules.IsIdentifier(name))
            {
                return RuleResult<PathTemplate>.Failure($"the placeholder '{{{name}}}' at position {open + 1} is not named like a parameter");
            }

            if (literal.Length > 0)
            {
                parts.Add(new TemplatePart(false, literal.ToString()));
                literal.Clear();
            }

            parts.Add(new TemplatePart(true, name));
            i++;
        }

        if (literal.Length > 0)
        {
            parts.Add(new TemplatePart(false, literal.ToString()));
        }

        return RuleResult<PathTemplate>.Success(new PathTemplate(parts, QuerySeparatorFor(template)));
    }

    private static string QuerySeparatorFor(string template)
    {
        if (template.IndexOf('?') < 0)
        {
            return "?";
        }

        return template.EndsWith("?", StringComparison.Ordinal) || template.EndsWith("&", StringComparison.Ordinal) ? string.Empty : "&";
    }
}
