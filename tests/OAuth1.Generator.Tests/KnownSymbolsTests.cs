using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OAuth1.Generator.Model;
using OAuth1.Generator.Tests.Infrastructure;

namespace OAuth1.Generator.Tests;

/// <summary>The parser recognises attributes and framework types as symbols of the compilation, never by their names.</summary>
public sealed class KnownSymbolsTests
{
    private const string LookAlikes = """
        using System;

        namespace Other
        {
            public sealed class GetAttribute : Attribute { public GetAttribute(string path) { } }
            public sealed class QueryAttribute : Attribute { }
        }

        namespace OAuth1.Fake
        {
            public sealed class HeaderAttribute : Attribute { }
        }
        """;

    [Fact]
    public void SymbolsAreResolvedOncePerCompilation()
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation([LookAlikes]);
        CSharpCompilation second = first.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Added { }", GeneratorHarness.ParseOptions()));

        Assert.Same(KnownSymbols.For(first), KnownSymbols.For(first));
        Assert.NotSame(KnownSymbols.For(first), KnownSymbols.For(second));
    }

    [Fact]
    public void TheLibrarysAttributes_MapToTheirKinds()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation([LookAlikes]);
        KnownSymbols known = KnownSymbols.For(compilation);

        Assert.NotNull(known.ApiAttribute);
        foreach (HttpMethodKind kind in Enum.GetValues<HttpMethodKind>())
        {
            Assert.True(known.TryGetHttpMethod(compilation.GetTypeByMetadataName($"OAuth1.{kind}Attribute"), out HttpMethodKind found));
            Assert.Equal(kind, found);
        }

        Assert.Equal(ParameterKind.Query, known.BindingOf(compilation.GetTypeByMetadataName("OAuth1.QueryAttribute")));
        Assert.Equal(ParameterKind.Form, known.BindingOf(compilation.GetTypeByMetadataName("OAuth1.FormAttribute")));
        Assert.Equal(ParameterKind.JsonBody, known.BindingOf(compilation.GetTypeByMetadataName("OAuth1.BodyAttribute")));
        Assert.Equal(ParameterKind.Header, known.BindingOf(compilation.GetTypeByMetadataName("OAuth1.HeaderAttribute")));
        Assert.All(
            [known.Task, known.TaskOfT, known.Stream, known.HttpResponseMessage, known.HttpContent, known.CancellationToken, known.JsonSerializerContext],
            Assert.NotNull);
    }

    [Fact]
    public void AttributesWithTheSameNameElsewhere_AreNotRecognised()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation([LookAlikes]);
        KnownSymbols known = KnownSymbols.For(compilation);

        Assert.False(known.TryGetHttpMethod(compilation.GetTypeByMetadataName("Other.GetAttribute"), out _));
        Assert.Null(known.BindingOf(compilation.GetTypeByMetadataName("Other.QueryAttribute")));
        Assert.Null(known.BindingOf(compilation.GetTypeByMetadataName("OAuth1.Fake.HeaderAttribute")));
        Assert.False(known.TryGetHttpMethod(null, out _));
        Assert.Null(known.BindingOf(null));
    }

    [Fact]
    public void LookAlikeAttributes_LeaveTheMethodWithoutAnHttpMethod()
    {
        (_, GeneratorRunResult result) = GeneratorHarness.Run(LookAlikes, """
            using System.Threading.Tasks;
            using OAuth1;

            [OAuth1Api("https://api.example.com/")]
            public interface IApi
            {
                [Other.Get("items")]
                Task<string> ListAsync();
            }
            """);

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticDescriptors.MissingHttpMethod.Id, diagnostic.Id);
        Assert.Empty(result.GeneratedSources);
    }
}
