using System.Globalization;
using OAuth1.Generator.Rules;

namespace OAuth1.Generator.Tests.Rules;

/// <summary>The C# literals of default parameter values, on their own.</summary>
public sealed class DefaultValueLiteralTests
{
    public static TheoryData<object?, string, string> Literals() => new()
    {
        { null, "string", "default" },
        { true, "bool", "true" },
        { false, "bool", "false" },
        { "a\"b\n\\", "string", "\"a\\\"b\\n\\\\\"" },
        { 'x', "char", "'x'" },
        { '\'', "char", "'\\''" },
        { 42, "int", "42" },
        { int.MinValue, "int", "-2147483648" },
        { long.MinValue, "long", "-9223372036854775808L" },
        { 7U, "uint", "7U" },
        { ulong.MaxValue, "ulong", "18446744073709551615UL" },
        { (short)-3, "short", "(short)(-3)" },
        { (ushort)3, "ushort", "(ushort)(3)" },
        { (byte)255, "byte", "(byte)(255)" },
        { (sbyte)-128, "sbyte", "(sbyte)(-128)" },
        { 1.50m, "decimal", "1.50M" },
        { 0.1, "double", "0.1D" },
        { 1e300, "double", "1E+300D" },
        { -0.5f, "float", "-0.5F" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void Values_AreWrittenAsCSharpLiterals(object? value, string typeName, string expected)
    {
        Assert.Equal(expected, DefaultValueLiteral.Write(value, typeName, isEnum: false));
    }

    [Theory]
    [InlineData(2, "(global::N.Sort)(2)")]
    [InlineData(-1, "(global::N.Sort)(-1)")]
    public void EnumValues_AreCastFromTheirNumber(int value, string expected)
    {
        Assert.Equal(expected, DefaultValueLiteral.Write(value, "global::N.Sort", isEnum: true));
    }

    [Fact]
    public void EnumDefault_IsDefault()
    {
        Assert.Equal("default", DefaultValueLiteral.Write(null, "global::N.Sort", isEnum: true));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void ValuesWithoutALiteral_GiveNull(double value)
    {
        Assert.Null(DefaultValueLiteral.Write(value, "double", isEnum: false));
        Assert.Null(DefaultValueLiteral.Write((float)value, "float", isEnum: false));
    }

    [Fact]
    public void UnknownValues_GiveNull_NeverAnException()
    {
        Assert.Null(DefaultValueLiteral.Write(new object(), "object", isEnum: false));
        Assert.Null(DefaultValueLiteral.Write(DateTime.UnixEpoch, "global::System.DateTime", isEnum: false));
        Assert.Null(DefaultValueLiteral.Write("not a number", "global::N.Sort", isEnum: true));
        Assert.Null(DefaultValueLiteral.Write(1.5, "global::N.Sort", isEnum: true));
    }

    [Fact]
    public void HostileStrings_AreQuotedAndEscaped()
    {
        foreach (string text in HostileStrings.All())
        {
            string literal = DefaultValueLiteral.Write(text, "string", isEnum: false)!;

            Assert.StartsWith("\"", literal, StringComparison.Ordinal);
            Assert.EndsWith("\"", literal, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', literal);
            Assert.DoesNotContain('\0', literal);
        }
    }

    [Fact]
    public void Numbers_DoNotDependOnTheCurrentCulture()
    {
        CultureInfo original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");

            Assert.Equal("1.5D", DefaultValueLiteral.Write(1.5, "double", isEnum: false));
            Assert.Equal("-1.25M", DefaultValueLiteral.Write(-1.25m, "decimal", isEnum: false));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0 / 3)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    [InlineData(-123456.789e-200)]
    public void Doubles_RoundTrip(double value)
    {
        string literal = DefaultValueLiteral.Write(value, "double", isEnum: false)!;

        Assert.Equal(value, double.Parse(literal.TrimEnd('D'), CultureInfo.InvariantCulture));
    }
}
