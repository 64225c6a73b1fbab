using System.Buffers;
using System.Text;

namespace OAuth1;

/// <summary>
/// <c>application/x-www-form-urlencoded</c> parsing (the W3C HTML form encoding that RFC 5849 section 3.4.1.3.1
/// applies to the query and to form bodies): pairs split on <c>&amp;</c>, name and value on the first <c>=</c>,
/// <c>+</c> read as a space and <c>%XX</c> as a byte, each value decoded exactly once. A bare <c>flag</c> is
/// <c>flag=</c>; empty values and repeated names are kept.
/// </summary>
public static class FormUrlEncoding
{
    /// <summary>The media type of a form body.</summary>
    public const string MediaType = "application/x-www-form-urlencoded";

    /// <summary>Parses form-encoded text (a query without its <c>?</c>, or a form body) into decoded pairs, in order.</summary>
    /// <param name="text">The form data. A leading <c>?</c> is ignored.</param>
    /// <returns>The decoded name/value pairs, duplicates and empty values included.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? text)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(text))
        {
            return result;
        }

        ReadOnlySpan<char> rest = text.AsSpan();
        if (rest[0] == '?')
        {
            rest = rest[1..];
        }

        while (!rest.IsEmpty)
        {
            int amp = rest.IndexOf('&');
            ReadOnlySpan<char> pair = amp < 0 ? rest : rest[..amp];
            rest = amp < 0 ? default : rest[(amp + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            int eq = pair.IndexOf('=');
            ReadOnlySpan<char> name = eq < 0 ? pair : pair[..eq];
            ReadOnlySpan<char> value = eq < 0 ? default : pair[(eq + 1)..];
            result.Add(new(DecodeToString(name, plusIsSpace: true), DecodeToString(value, plusIsSpace: true)));
        }

        return result;
    }

    /// <summary>Parses form-encoded UTF-8 bytes (a form body as sent) into decoded pairs, in order.</summary>
    /// <param name="utf8">The form data.</param>
    /// <returns>The decoded name/value pairs.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(ReadOnlySpan<byte> utf8) =>
        Parse(Encoding.UTF8.GetString(utf8));

    /// <summary>
    /// Writes form data for <paramref name="pairs"/>, each name and value percent-encoded per RFC 5849 section 3.6
    /// (a space as <c>%20</c>), joined with <c>&amp;</c>.
    /// </summary>
    /// <param name="pairs">The decoded pairs.</param>
    /// <returns>The form-encoded text.</returns>
    public static string Format(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var builder = new StringBuilder();
        foreach (var pair in pairs)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(OAuth1PercentEncoding.Encode(pair.Key)).Append('=').Append(OAuth1PercentEncoding.Encode(pair.Value));
        }

        return builder.ToString();
    }

    /// <summary>Decodes <c>%XX</c> escapes (and <c>+</c> when <paramref name="plusIsSpace"/>) into bytes.</summary>
    /// <returns>The number of bytes written; never more than <paramref name="raw"/>'s length.</returns>
    internal static int Decode(ReadOnlySpan<byte> raw, Span<byte> destination, bool plusIsSpace)
    {
        int written = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            byte b = raw[i];
            if (b == '+' && plusIsSpace)
            {
                b = (byte)' ';
            }
            else if (b == '%' && i + 2 < raw.Length && TryHex(raw[i + 1], raw[i + 2], out byte decoded))
            {
                b = decoded;
                i += 2;
            }

            destination[written++] = b;
        }

        return written;
    }

    internal static string DecodeToString(ReadOnlySpan<char> raw, bool plusIsSpace)
    {
        if (raw.IsEmpty)
        {
            return string.Empty;
        }

        if (raw.IndexOfAny('%', '+') < 0)
        {
            return raw.ToString();
        }

        int max = Encoding.UTF8.GetMaxByteCount(raw.Length);
        byte[] rented = ArrayPool<byte>.Shared.Rent(max * 2);
        try
        {
            Span<byte> utf8 = rented.AsSpan(0, max);
            int count = Encoding.UTF8.GetBytes(raw, utf8);
            Span<byte> decoded = rented.AsSpan(max, count);
            int length = Decode(utf8[..count], decoded, plusIsSpace);
            return Encoding.UTF8.GetString(decoded[..length]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool TryHex(byte high, byte low, out byte value)
    {
        int h = HexValue(high);
        int l = HexValue(low);
        value = (byte)((h << 4) | l);
        return (h | l) >= 0;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };
}
