using System.Text;

namespace OAuth1.Generator.Tests.Rules;

/// <summary>Inputs that the generator's pure rules must survive: each gives a result or an error, never an exception.</summary>
internal static class HostileStrings
{
    // Braces, separators, whitespace, control characters, lone and paired surrogates, combining marks, a BOM and a
    // right-to-left override: the characters a template or name parser trips over.
    private static readonly string[] Pieces =
    [
        "{", "}", "{}", "{{", "}}", "/", "//", "?", "&", "#", ":", "://", "%", "%zz", " ", "\t", "\n", "\0", "\u007F",
        "\uD800", "\uDC00", "\uD83D\uDE00", "\u0301", "\uFEFF", "\u202E", "é", "名", "a", "Z", "_", "1", "-", "@", "*", "**",
    ];

    /// <summary>Fixed strings worth naming, long ones included.</summary>
    public static IEnumerable<string> Named()
    {
        yield return string.Empty;
        yield return new string('{', 100_000);
        yield return new string('}', 100_000);
        yield return "{" + new string('a', 100_000);
        yield return new string('a', 100_000) + "}";
        yield return string.Concat(Enumerable.Repeat("{a}", 30_000));
        yield return string.Concat(Enumerable.Repeat("\uD800", 10_000));
        yield return string.Concat(Enumerable.Repeat("\uD83D\uDE00", 10_000));
        yield return "{" + new string(' ', 50_000) + "}";
    }

    /// <summary>Random concatenations of <see cref="Pieces"/>, the same ones on every run.</summary>
    public static IEnumerable<string> Random(int count, int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            builder.Clear();
            int length = random.Next(0, 12);
            for (int j = 0; j < length; j++)
            {
                builder.Append(Pieces[random.Next(Pieces.Length)]);
            }

            yield return builder.ToString();
        }
    }

    /// <summary>Everything above.</summary>
    public static IEnumerable<string> All() => Named().Concat(Random(20_000, seed: 5849));
}
