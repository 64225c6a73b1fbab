using System.Text;

namespace OAuth1.Generator.Rules;

/// <summary>
/// The names a parameter is sent under: a query name, a form field or a header. Each rule is total: any string gives
/// the name to write into the generated code, or the reason it is invalid.
/// </summary>
internal static class WireNames
{
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>A query name, percent-encoded as the runtime escapes values (RFC 3986 unreserved characters kept).</summary>
    public static RuleResult<string> Query(string? name) =>
        TextError(name) is { } error ? RuleResult<string>.Failure(error) : RuleResult<string>.Success(PercentEncode(name!));

    /// <summary>A form field name, as it is (the form content encodes it).</summary>
    public static RuleResult<string> Form(string? name) =>
        TextError(name) is { } error ? RuleResult<string>.Failure(error) : RuleResult<string>.Success(name!);

    /// <summary>A header name: an RFC 9110 token.</summary>
    public static RuleResult<string> Header(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return RuleResult<string>.Failure("it is empty");
        }

        foreach (char c in name!)
        {
            bool token = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
            if (!token)
            {
                string shown = c >= ' ' && c <= '~' ? $"'{c}'" : TextRules.CodePoint(c);
                return RuleResult<string>.Failure($"{shown} is not allowed in a header name");
            }
        }

        return RuleResult<string>.Success(name);
    }

    /// <summary>Percent-encodes text as UTF-8 per RFC 3986, keeping the unreserved characters.</summary>
    public static string PercentEncode(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            bool unreserved = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b == '~';
            if (unreserved)
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Why a query or form name cannot be sent: empty, or not valid UTF-16 (control characters are escaped).</summary>
    private static string? TextError(string? name) =>
        string.IsNullOrEmpty(name) ? "it is empty" : TextRules.CharacterError(name!, allowControl: true);
}
