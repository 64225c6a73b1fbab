namespace OAuth1;

/// <summary>
/// The one rule for text that may end up in a header line: no CR, LF or NUL. A realm is written into the
/// <c>Authorization</c> header as is (an RFC 2617 quoted-string), so a line break there would start a header of the
/// attacker's choosing; the other protocol inputs are refused the same way, before anything is sent.
/// </summary>
internal static class HeaderSafeText
{
    /// <summary>Returns <paramref name="value"/> after <see cref="Ensure"/>: for property setters.</summary>
    public static string? Checked(string? value, string what)
    {
        Ensure(value, "value", what);
        return value;
    }

    /// <summary>Throws when <paramref name="value"/> holds CR, LF or NUL.</summary>
    /// <exception cref="ArgumentException">The value holds CR, LF or NUL; the message says which and where, not the value.</exception>
    public static void Ensure(string? value, string paramName, string what)
    {
        int bad = value is null ? -1 : value.AsSpan().IndexOfAny('\r', '\n', '\0');
        if (bad >= 0)
        {
            string character = value![bad] switch { '\r' => "CR", '\n' => "LF", _ => "NUL" };
            throw new ArgumentException(
                $"{what} contains a {character} character at index {bad}; line breaks and NUL are refused in anything that goes into a request header.",
                paramName);
        }
    }
}
