using System;
using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace OAuth1.Generator.Rules;

/// <summary>Writes a parameter's default value as C# source, so that the generated method repeats it.</summary>
internal static class DefaultValueLiteral
{
    /// <summary>
    /// The C# expression of a default value, or <see langword="null"/> when it cannot be written (NaN, infinities, or a
    /// value of a type with no literal). Total: never throws.
    /// </summary>
    /// <param name="value">The constant, as the compiler gives it (an enum's underlying number, <see langword="null"/> for <c>default</c>/<c>null</c>).</param>
    /// <param name="typeName">The fully qualified parameter type without <c>Nullable&lt;T&gt;</c>, for casts of enums and small integers.</param>
    /// <param name="isEnum">Whether that type is an enum.</param>
    public static string? Write(object? value, string typeName, bool isEnum)
    {
        if (value is null)
        {
            return "default";
        }

        if (isEnum)
        {
            return value is sbyte or byte or short or ushort or int or uint or long or ulong
                ? $"({typeName})({Convert.ToString(value, CultureInfo.InvariantCulture)})"
                : null;
        }

        return value switch
        {
            bool b => b ? "true" : "false",
            string text => SymbolDisplay.FormatLiteral(text, quote: true),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
            ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "UL",
            short or ushort or byte or sbyte => $"({typeName})({Convert.ToString(value, CultureInfo.InvariantCulture)})",
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
            double d when !double.IsNaN(d) && !double.IsInfinity(d) => d.ToString("R", CultureInfo.InvariantCulture) + "D",
            float f when !float.IsNaN(f) && !float.IsInfinity(f) => f.ToString("R", CultureInfo.InvariantCulture) + "F",
            _ => null,
        };
    }
}
