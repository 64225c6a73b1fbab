using System.Globalization;

namespace OAuth1.Generator.Rules;

/// <summary>Character checks that the other rules share.</summary>
internal static class TextRules
{
    /// <summary>
    /// Why the text cannot be written as it stands, or <see langword="null"/>: an unpaired surrogate (which UTF-8
    /// would turn into U+FFFD) or, when <paramref name="allowControl"/> is false, a control character. Positions are
    /// 1-based and counted from <paramref name="positionOffset"/>.
    /// </summary>
    public static string? CharacterError(string text, bool allowControl, int positionOffset = 0)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return $"it has an unpaired surrogate ({CodePoint(c)}) at position {i + 1 + positionOffset}";
            }

            if (!allowControl && char.IsControl(c))
            {
                return $"it has the control character {CodePoint(c)} at position {i + 1 + positionOffset}";
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the text is a C# identifier as the compiler reads one (without <c>@</c>): a letter or <c>_</c>, then
    /// letters, digits, connectors, combining marks and formatting characters. Keywords count (<c>@class</c> is named
    /// <c>class</c>).
    /// </summary>
    public static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || !IsIdentifierStart(text[0]))
        {
            return false;
        }

        for (int i = 1; i < text.Length; i++)
        {
            if (!IsIdentifierPart(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdentifierStart(char c) => c == '_' || CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber => true,
        _ => false,
    };

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format => true,
        _ => false,
    };

    /// <summary>The character as <c>U+XXXX</c>, for messages that must not carry it as it is.</summary>
    public static string CodePoint(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
