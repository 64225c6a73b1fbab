using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace OAuth1.Generator.Tests.Infrastructure;

/// <summary>
/// <see cref="CSharpSourceGeneratorTest{TSourceGenerator, TVerifier}"/> set up for this repository: .NET 10 reference
/// assemblies from Basic.Reference.Assemblies (nothing downloaded), OAuth1.Core, nullable on, and compiler warnings
/// checked as well as errors.
/// </summary>
internal sealed class GeneratorTest : CSharpSourceGeneratorTest<OAuth1ApiGenerator, DefaultVerifier>
{
    public GeneratorTest()
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
    }

    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.Latest;

    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions())
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithGeneralDiagnosticOption(ReportDiagnostic.Error);

    protected override ParseOptions CreateParseOptions() =>
        ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion);

    /// <summary>
    /// The test sources have no XML docs of their own: CS1591 is turned off in them only, so that the generated file is
    /// still checked for documentation of its public members.
    /// </summary>
    private static string WithoutDocWarnings(string source) => "#pragma warning disable CS1591\n" + source;

    /// <summary>Expects exactly the given generated file and no diagnostic.</summary>
    public static async Task VerifyGeneratesAsync(string source, string hintName, string generated, LanguageVersion version = LanguageVersion.Latest)
    {
        var test = new GeneratorTest { LanguageVersion = version };
        test.TestState.Sources.Add(WithoutDocWarnings(source));
        test.TestState.GeneratedSources.Add((typeof(OAuth1ApiGenerator), hintName, generated));
        await test.RunAsync();
    }

    /// <summary>Expects the given diagnostics (locations marked <c>{|#0:...|}</c> in the source) and no generated file.</summary>
    public static async Task VerifyDiagnosticsAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new GeneratorTest();
        test.TestState.Sources.Add(WithoutDocWarnings(source));
        test.TestState.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
