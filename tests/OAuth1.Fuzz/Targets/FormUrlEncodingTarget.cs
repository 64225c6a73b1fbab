using System.Text;

namespace OAuth1.Fuzz.Targets;

/// <summary>
/// <c>form-urlencoded</c>: the whole input is form data, given to <see cref="FormUrlEncoding.Parse(string)"/> (read as
/// UTF-8) and to <see cref="FormUrlEncoding.Parse(ReadOnlySpan{byte})"/> (as bytes).
/// </summary>
/// <remarks>
/// Contract: both give the same pairs, at most one per <c>&amp;</c>-separated piece; no exception at all.
/// Allocation: at most 128 bytes per input byte + 4 KB. The worst case is a piece every two bytes (<c>a&amp;a&amp;…</c>):
/// each gives a one-character name (24 bytes) and a list entry (16 bytes, 32 with the list's doubling), for each of the
/// two overloads, about 80 bytes per input byte, as the campaign's inputs in <c>crashes/form-urlencoded</c> showed
/// against the first bound of 64 (the seeds take 15 to 50 bytes per byte). Linear either way.
/// </remarks>
public sealed class FormUrlEncodingTarget : FuzzTarget
{
    /// <summary>Creates the target.</summary>
    public FormUrlEncodingTarget()
        : base("form-urlencoded", bytesPerInputByte: 128, constantBytes: 4 * 1024)
    {
    }

    /// <inheritdoc />
    protected override void Run(ReadOnlySpan<byte> input)
    {
        string text = Encoding.UTF8.GetString(input);
        IReadOnlyList<KeyValuePair<string, string>> fromText = FormUrlEncoding.Parse(text);
        IReadOnlyList<KeyValuePair<string, string>> fromBytes = FormUrlEncoding.Parse(input);
        Check(fromText.Count == fromBytes.Count, "the string and UTF-8 overloads gave another number of pairs.");
        Check(fromText.Count <= input.Count((byte)'&') + 1, "more pairs than '&'-separated pieces.");
        for (int i = 0; i < fromText.Count; i++)
        {
            Check(
                string.Equals(fromText[i].Key, fromBytes[i].Key, StringComparison.Ordinal)
                && string.Equals(fromText[i].Value, fromBytes[i].Value, StringComparison.Ordinal),
                $"pair {i + 1} differs between the string and UTF-8 overloads.");
        }
    }
}
