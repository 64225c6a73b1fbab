using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using OAuth1.Generator;

namespace OAuth1.Benchmarks;

/// <summary>
/// OAuth1.Generator over 50 <c>[OAuth1Api]</c> interfaces of 20 methods each (path, query, form, JSON body, header,
/// every return type): a cold run (new compilation over the parsed sources, new driver), and a warm driver re-run
/// after an edit to an unrelated file, which the incremental pipeline should answer from its cache.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int Interfaces = 50;
    private const int MethodsPerInterface = 20;

    private SyntaxTree[] _trees = null!;
    private MetadataReference[] _references = null!;
    private CSharpParseOptions _parseOptions = null!;
    private CSharpCompilation _compilationA = null!;
    private CSharpCompilation _compilationB = null!;
    private GeneratorDriver _warmDriver = null!;
    private bool _flip;

    [GlobalSetup]
    public void Setup()
    {
        _parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new List<SyntaxTree>();
        for (int i = 0; i < Interfaces; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(InterfaceSource(i), _parseOptions, path: $"Api{i}.cs"));
        }

        trees.Add(CSharpSyntaxTree.ParseText(Unrelated(1), _parseOptions, path: "Unrelated.cs"));
        _trees = [.. trees];
        string platform = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        _references =
        [
            .. platform.Split(Path.PathSeparator).Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
                .Select(p => MetadataReference.CreateFromFile(p)),
            MetadataReference.CreateFromFile(typeof(OAuth1Options).Assembly.Location),
        ];

        GeneratorDriverRunResult check = NewDriver().RunGenerators(NewCompilation()).GetRunResult();
        if (check.GeneratedTrees.Length != Interfaces || !check.Diagnostics.IsEmpty)
        {
            throw new InvalidOperationException($"Expected {Interfaces} clients and no diagnostics: {check.GeneratedTrees.Length} clients, {string.Join("; ", check.Diagnostics)}.");
        }

        _compilationA = NewCompilation();
        _compilationB = _compilationA.ReplaceSyntaxTree(_compilationA.SyntaxTrees.Last(), CSharpSyntaxTree.ParseText(Unrelated(2), _parseOptions, path: "Unrelated.cs"));
        _warmDriver = NewDriver().RunGenerators(_compilationA);
    }

    [Benchmark(Description = "Cold: 50 interfaces x 20 methods")]
    public int Cold() => NewDriver().RunGenerators(NewCompilation()).GetRunResult().GeneratedTrees.Length;

    [Benchmark(Description = "Warm: re-run after an unrelated edit")]
    public int WarmAfterUnrelatedEdit()
    {
        _flip = !_flip;
        _warmDriver = _warmDriver.RunGenerators(_flip ? _compilationB : _compilationA);
        return _warmDriver.GetRunResult().GeneratedTrees.Length;
    }

    private GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new OAuth1ApiGenerator().AsSourceGenerator()], parseOptions: _parseOptions);

    private CSharpCompilation NewCompilation() =>
        CSharpCompilation.Create(
            "GeneratorBenchmark",
            _trees,
            _references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static string Unrelated(int value) =>
        $"namespace Bench.Other {{ public static class Unrelated {{ public static int Value => {value}; }} }}";

    private static string InterfaceSource(int index)
    {
        var source = new StringBuilder();
        source.Append(CultureInfo.InvariantCulture, $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using OAuth1;

            namespace Bench.Api{{index}}
            {
                public sealed class Item{{index}} { public string Name { get; set; } = ""; public int Count { get; set; } }

                [OAuth1Api("https://api{{index}}.example.com/v1/")]
                public interface IBench{{index}}Api
                {
            """);
        for (int m = 0; m < MethodsPerInterface; m++)
        {
            source.Append((m % 5) switch
            {
                0 => $$"""
                        [Get("items/{id}/sub/{name}")]
                        Task<Item{{index}}> Get{{m}}Async(long id, string name, [Query] int? page, [Query("tag")] IEnumerable<string> tags, CancellationToken cancellationToken = default);

                    """,
                1 => $$"""
                        [Post("items")]
                        Task<Item{{index}}> Create{{m}}Async([Body] Item{{index}} item, [Header("X-Request-Id")] string? requestId = null);

                    """,
                2 => $$"""
                        [Put("items/{id}")]
                        Task<string> Update{{m}}Async(int id, [Form] string title, [Form("n")] decimal number, [Form] DateTimeOffset? when = null);

                    """,
                3 => $$"""
                        [Delete("items/{id}")]
                        Task Delete{{m}}Async(Guid id, [Query] bool hard, CancellationToken cancellationToken = default);

                    """,
                _ => $$"""
                        [Get("files/{path}")]
                        Task<Stream> Download{{m}}Async(string path, [Query] DayOfWeek day);

                    """,
            });
        }

        source.Append("""
                }
            }
            """);
        return source.ToString();
    }
}
