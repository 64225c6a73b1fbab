using System.Text;

namespace OAuth1.Fuzz;

/// <summary>
/// Splits one fuzz input into the fields of a target: the first lines (up to each <c>\n</c>, a trailing <c>\r</c>
/// removed), read as UTF-8, then the rest as bytes. Seeds stay readable text files; a missing line is empty.
/// </summary>
public ref struct FuzzInput
{
    private ReadOnlySpan<byte> _rest;

    /// <summary>Starts reading <paramref name="input"/>.</summary>
    /// <param name="input">The whole input.</param>
    public FuzzInput(ReadOnlySpan<byte> input)
    {
        _rest = input;
    }

    /// <summary>What is left after the lines read so far.</summary>
    public readonly ReadOnlySpan<byte> Rest => _rest;

    /// <summary>Reads the next line as UTF-8 (invalid bytes become U+FFFD), without its line break.</summary>
    /// <returns>The line; empty when nothing is left.</returns>
    public string ReadLine()
    {
        int newline = _rest.IndexOf((byte)'\n');
        ReadOnlySpan<byte> line = newline < 0 ? _rest : _rest[..newline];
        _rest = newline < 0 ? default : _rest[(newline + 1)..];
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        return Encoding.UTF8.GetString(line);
    }
}
