using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using OAuth1.Generator.Tests.Infrastructure;

namespace OAuth1.Generator.Tests;

/// <summary>The pipeline caches: edits that do not change an interface re-emit nothing.</summary>
public sealed class IncrementalTests
{
    private const string Unrelated = "namespace Other { public class Unrelated { public int Value => 1; } }";

    private static readonly string[] OwnSteps = [TrackingNames.Parse, TrackingNames.Model, TrackingNames.Diagnostics];

    [Fact]
    public void UnrelatedEdit_LeavesEveryTrackedStepCachedOrUnchanged()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(TestSources.Twitter, TestSources.AllKinds, DiagnosticSource, Unrelated);
        SyntaxTree unrelated = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(unrelated, unrelated.WithChangedText(SourceText.From(Unrelated.Replace("=> 1", "=> 2"))));

        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(second);
        Assert.Equal(2, second.GeneratedSources.Length);
        Assert.Single(second.Diagnostics);
    }

    [Fact]
    public void EditThatOnlyMovesAnInterface_KeepsItsModelAndOutput()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(TestSources.Twitter);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From("// a comment that moves every line\n" + TestSources.Twitter)));

        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // The parse step ran again (the tree changed) and found an equal result, so nothing after it re-ran.
        Assert.All(second.TrackedSteps[TrackingNames.Parse].SelectMany(step => step.Outputs), output => Assert.Equal(IncrementalStepRunReason.Unchanged, output.Reason));
        Assert.All(second.TrackedSteps[TrackingNames.Model].SelectMany(step => step.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        AssertOutputsCachedOrUnchanged(second);
    }

    [Fact]
    public void EditThatChangesAnInterface_RegeneratesIt()
    {
        // The counterpart that shows the assertions above can fail: a new method changes the model and the output.
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(TestSources.Twitter);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        string changed = TestSources.Twitter.Replace(
            "Task<HttpResponseMessage> GetUserRawAsync(long id);",
            "Task<HttpResponseMessage> GetUserRawAsync(long id);\n[Delete(\"users/{id}\")] Task DeleteUserAsync(long id);");
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(changed)));

        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(second.TrackedSteps[TrackingNames.Model].SelectMany(step => step.Outputs), output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("DeleteUserAsync", second.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Models_HoldNoSymbolsSyntaxOrCompilations()
    {
        (GeneratorDriver driver, _) = RunOnce(TestSources.Twitter, TestSources.AllKinds);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        IncrementalGeneratorRunStep[] steps = [.. result.TrackedSteps[TrackingNames.Model]];
        Assert.NotEmpty(steps);
        foreach (var output in steps.SelectMany(step => step.Outputs))
        {
            AssertObjectGraph(output.Value, new HashSet<object>(ReferenceEqualityComparer.Instance), "model");
        }
    }

    private const string DiagnosticSource = """
        using System.Threading.Tasks;
        using OAuth1;

        [OAuth1Api("https://api.example.com/")]
        public interface IBrokenApi
        {
            Task PingAsync();
        }
        """;

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) RunOnce(params string[] sources)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(sources);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        Assert.All(OwnSteps.Where(first.TrackedSteps.ContainsKey), name => Assert.All(
            first.TrackedSteps[name].SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.New, output.Reason)));
        return (driver, compilation);
    }

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result)
    {
        foreach (string name in OwnSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), $"The step '{name}' did not run.");
            foreach (IncrementalGeneratorRunStep step in result.TrackedSteps[name])
            {
                Assert.All(step.Outputs, output => Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step '{name}' output was {output.Reason}."));
            }
        }

        AssertOutputsCachedOrUnchanged(result);
    }

    private static void AssertOutputsCachedOrUnchanged(GeneratorRunResult result)
    {
        Assert.NotEmpty(result.TrackedOutputSteps);
        foreach (var (name, steps) in result.TrackedOutputSteps)
        {
            foreach (IncrementalGeneratorRunStep step in steps)
            {
                Assert.All(step.Outputs, output => Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Output step '{name}' was {output.Reason}."));
            }
        }
    }

    /// <summary>Walks every field of a model: a symbol, syntax node or compilation there would keep compilations alive and break caching.</summary>
    private static void AssertObjectGraph(object? value, HashSet<object> seen, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(
            value is ISymbol or SyntaxNode or Compilation or SemanticModel or SyntaxTree or Location,
            $"{path} holds a {value.GetType().Name}.");
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items)
            {
                AssertObjectGraph(item, seen, $"{path}[{i++}]");
            }
        }

        foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertObjectGraph(field.GetValue(value), seen, $"{path}.{field.Name}");
        }
    }
}
