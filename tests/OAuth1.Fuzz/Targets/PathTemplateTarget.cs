using System.Text;
using OAuth1.Generator.Rules;

namespace OAuth1.Fuzz.Targets;

/// <summary>
/// <c>path-template</c>: the whole input, read as UTF-8, is the relative path template of an HTTP method attribute
/// (<c>[Get("users/{id}")]</c>), given to the generator's <c>PathTemplate.Parse</c>.
/// </summary>
/// <remarks>
/// Contract: the parser is total: a template (each placeholder a non-empty identifier, the parts no longer than the
/// template) or the reason it is invalid, never both, and no exception at all. Allocation: at most 64 bytes per
/// input byte + 4 KB (the text, a builder, the parts;
/// the seeds take at most 1.6 KB).
/// </remarks>
public sealed class PathTemplateTarget : FuzzTarget
{
    /// <summary>Creates the target.</summary>
    public PathTemplateTarget()
        : base("path-template", bytesPerInputByte: 64, constantBytes: 4 * 1024)
    {
    }

    /// <inheritdoc />
    protected override void Run(ReadOnlySpan<byte> input)
    {
        string template = Encoding.UTF8.GetString(input);
        RuleResult<PathTemplate> result = PathTemplate.Parse(template);
        Check((result.Value is null) != (result.Error is null), "Parse gave both a template and an error, or neither.");
        if (result.Value is not { } parsed)
        {
            Check(result.Error!.Length > 0, "Parse gave an empty error.");
            return;
        }

        int length = 0;
        foreach (TemplatePart part in parsed.Parts)
        {
            Check(part.Text.Length > 0, "a part of the template is empty.");
            Check(!part.IsPlaceholder || (part.Text.Trim().Length == part.Text.Length && part.Text.IndexOfAny(['{', '}', '/', '?']) < 0), $"the placeholder '{part.Text}' is not a name.");
            length += part.Text.Length;
        }

        Check(length <= template.Length, "the parts are longer than the template.");
        Check(parsed.QuerySeparator is "?" or "&" or "", $"the query separator '{parsed.QuerySeparator}' is not ?, & or empty.");
    }
}
