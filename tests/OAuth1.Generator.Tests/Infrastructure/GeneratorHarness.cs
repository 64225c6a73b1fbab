using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OAuth1.Generator.Tests.Infrastructure;

/// <summary>Compiles test sources against the .NET 10 reference assemblies and OAuth1.Core, and runs the generator on them.</summary>
internal static class GeneratorHarness
{
    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(OAuth1Options).Assembly.Location),
    ];

    public static CSharpParseOptions ParseOptions(LanguageVersion version = LanguageVersion.Latest) =>
        new(version, DocumentationMode.Diagnose);

    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, LanguageVersion version = LanguageVersion.Latest) =>
        CSharpCompilation.Create(
            "GeneratorInput",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions(version), path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    // The test sources have no XML docs of their own; the generated code's docs are still checked below.
                    ["CS1591"] = ReportDiagnostic.Suppress,
                }));

    public static GeneratorDriver CreateDriver(LanguageVersion version = LanguageVersion.Latest, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new OAuth1ApiGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions(version),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator once; returns the output compilation, the generator's result and every diagnostic of the output.</summary>
    public static (Compilation Output, GeneratorRunResult Result) Run(params string[] sources) => Run(LanguageVersion.Latest, sources);

    public static (Compilation Output, GeneratorRunResult Result) Run(LanguageVersion version, params string[] sources)
    {
        CSharpCompilation input = CreateCompilation(sources, version);
        GeneratorDriver driver = CreateDriver(version).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return (output, result);
    }

    /// <summary>The generated text of <paramref name="hintName"/>.</summary>
    public static string Generated(GeneratorRunResult result, string hintName)
    {
        GeneratedSourceResult? source = result.GeneratedSources.FirstOrDefault(s => s.HintName == hintName);
        Assert.True(
            source is { HintName: not null },
            $"No generated source '{hintName}'; generated: [{string.Join(", ", result.GeneratedSources.Select(s => s.HintName))}]; "
            + $"diagnostics: [{string.Join("; ", result.Diagnostics)}]");
        return source.Value.SourceText.ToString();
    }
}
