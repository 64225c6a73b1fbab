using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using OAuth1.Generator.Tests.Infrastructure;

namespace OAuth1.Generator.Tests;

/// <summary>
/// One test per diagnostic: the exact descriptor, message arguments (which name the member) and source location, and
/// no generated client for the faulty interface.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using OAuth1;

        """;

    [Fact]
    public Task OA1001_MethodWithoutHttpAttribute() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            Task {|#0:PingAsync|}();
        }
        """,
        Expect(DiagnosticDescriptors.MissingHttpMethod).WithArguments("IApi.PingAsync"));

    [Fact]
    public Task OA1002_PlaceholderWithoutParameter() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            [Get({|#0:"users/{userId}/posts"|})]
            Task<string> GetPostsAsync(long {|#1:id|});
        }
        """,
        Expect(DiagnosticDescriptors.PlaceholderWithoutParameter).WithArguments("IApi.GetPostsAsync", "userId"),
        Expect(DiagnosticDescriptors.UnboundParameter, 1).WithArguments("IApi.GetPostsAsync", "id", "users/{userId}/posts"));

    [Fact]
    public Task OA1003_ParameterBoundTwice_AttributeAndPlaceholder() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            [Get("users/{id}")]
            Task<string> GetAsync([Query] long {|#0:id|});
        }
        """,
        Expect(DiagnosticDescriptors.ParameterBoundTwice).WithArguments("IApi.GetAsync", "id", "[Query]", "the path placeholder '{id}'"));

    [Fact]
    public Task OA1003_ParameterBoundTwice_TwoAttributes() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            [Post("users")]
            Task<string> CreateAsync([Query, Form] string {|#0:name|});
        }
        """,
        Expect(DiagnosticDescriptors.ParameterBoundTwice).WithArguments("IApi.CreateAsync", "name", "[Query]", "[Form]"));

    [Fact]
    public Task OA1004_ParameterWithoutAttributeMatchingNoPlaceholder() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            [Get("users")]
            Task<string> ListAsync(int {|#0:page|});
        }
        """,
        Expect(DiagnosticDescriptors.UnboundParameter).WithArguments("IApi.ListAsync", "page", "users"));

    [Fact]
    public Task OA1005_UnsupportedReturnType() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            [Get("users")]
            ValueTask<string> {|#0:ListAsync|}();

            [Get("users")]
            string {|#1:List|}();
        }
        """,
        Expect(DiagnosticDescriptors.UnsupportedReturnType).WithArguments("IApi.ListAsync", "ValueTask<string>"),
        Expect(DiagnosticDescriptors.UnsupportedReturnType, 1).WithArguments("IApi.List", "string"));

    [Fact]
    public Task OA1006_UnsupportedParameterType() => Verify(
        """
        public sealed class Filter { }

        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            [Get("users/{ids}")]
            Task<string> GetAsync(int[] {|#0:ids|}, [Query] Filter {|#1:filter|}, [Header("X-Token")] CancellationToken {|#2:token|});
        }
        """,
        Expect(DiagnosticDescriptors.UnsupportedParameterType).WithArguments("IApi.GetAsync", "ids", "int[]", "the path placeholder '{ids}'"),
        Expect(DiagnosticDescriptors.UnsupportedParameterType, 1).WithArguments("IApi.GetAsync", "filter", "Filter", "[Query]"),
        Expect(DiagnosticDescriptors.UnsupportedParameterType, 2).WithArguments("IApi.GetAsync", "token", "CancellationToken", "[Header]"));

    [Fact]
    public Task OA1007_GenericMethod() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            [Get("items")]
            Task<T> {|#0:GetAsync|}<T>();
        }
        """,
        Expect(DiagnosticDescriptors.GenericMethod).WithArguments("IApi.GetAsync"));

    [Fact]
    public Task OA1008_RefOutInParameters() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            [Get("a")]
            Task AAsync([Query] ref int {|#0:a|});

            [Get("b")]
            Task BAsync([Query] out int {|#1:b|});

            [Get("c")]
            Task CAsync([Query] in int {|#2:c|});
        }
        """,
        Expect(DiagnosticDescriptors.ByRefParameter).WithArguments("IApi.AAsync", "a", "ref"),
        Expect(DiagnosticDescriptors.ByRefParameter, 1).WithArguments("IApi.BAsync", "b", "out"),
        Expect(DiagnosticDescriptors.ByRefParameter, 2).WithArguments("IApi.CAsync", "c", "in"));

    [Fact]
    public Task OA1009_TwoBodies() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            [Post("items")]
            Task CreateAsync([Body] string first, [Body] string {|#0:second|});
        }
        """,
        Expect(DiagnosticDescriptors.MultipleBodies).WithArguments("IApi.CreateAsync", "first", "second"));

    [Fact]
    public Task OA1010_BodyOnGetOrHead() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            [Get("items")]
            Task<string> FindAsync([Body] string {|#0:query|});

            [Head("items")]
            Task CheckAsync([Form] string {|#1:field|});
        }
        """,
        Expect(DiagnosticDescriptors.BodyNotAllowed).WithArguments("IApi.FindAsync", "GET", "query", "a [Body]"),
        Expect(DiagnosticDescriptors.BodyNotAllowed, 1).WithArguments("IApi.CheckAsync", "HEAD", "field", "a [Form] field"));

    [Fact]
    public Task OA1011_FormFieldAndJsonBody() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            [Post("items")]
            Task CreateAsync([Form] string title, [Body] object {|#0:payload|});
        }
        """,
        Expect(DiagnosticDescriptors.FormAndBody).WithArguments("IApi.CreateAsync", "title", "payload"));

    [Fact]
    public Task OA1012_PrivateNestedInterface() => Verify(
        """
        public class Holder
        {
            [OAuth1Api("https://api.example.com/")]
            private interface {|#0:IHiddenApi|}
            {
                [Get("items")]
                Task<string> ListAsync();
            }
        }
        """,
        Expect(DiagnosticDescriptors.InaccessibleInterface).WithArguments("Holder.IHiddenApi", "private", "HolderHiddenApiClient"));

    [Fact]
    public Task OA1012_InterfaceNestedInProtectedType() => Verify(
        """
        public class Holder
        {
            protected class Inner
            {
                [OAuth1Api("https://api.example.com/")]
                public interface {|#0:IHiddenApi|}
                {
                    [Get("items")]
                    Task<string> ListAsync();
                }
            }
        }
        """,
        Expect(DiagnosticDescriptors.InaccessibleInterface).WithArguments("Holder.Inner.IHiddenApi", "nested in the protected type 'Holder.Inner'", "HolderInnerHiddenApiClient"));

    [Theory]
    [InlineData("api.example.com/v1")]
    [InlineData("ftp://api.example.com/")]
    [InlineData("https://api.example.com/?key=1")]
    [InlineData("https://api.example.com/#top")]
    [InlineData("")]
    public Task OA1013_InvalidBaseUrl(string baseUrl) => Verify(
        $$"""
        [OAuth1Api({|#0:"{{baseUrl}}"|})]
        public interface IApi
        {
            [Get("items")]
            Task<string> ListAsync();
        }
        """,
        Expect(DiagnosticDescriptors.InvalidBaseUrl).WithArguments("IApi", baseUrl));

    [Fact]
    public Task OA1014_TwoHttpMethodAttributes() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            [Get("items"), Post("items")]
            Task<string> {|#0:ListAsync|}();
        }
        """,
        Expect(DiagnosticDescriptors.MultipleHttpMethods).WithArguments("IApi.ListAsync", "Get", "Post"));

    [Theory]
    [InlineData("users/{id", "'{' at position 7 is not closed")]
    [InlineData("users/id}", "'}' at position 9 has no matching '{'")]
    [InlineData("users/{}", "a placeholder '{}' has no name")]
    [InlineData("https://other.example.com/users", "it is an absolute URL; put the scheme and host in the base URL")]
    [InlineData("users#top", "it has a fragment ('#'), which is never sent")]
    [InlineData("/users/{id", "'{' at position 8 is not closed")]
    [InlineData("users/{user-id}", "the placeholder '{user-id}' at position 7 is not named like a parameter")]
    public Task OA1015_InvalidPathTemplate(string template, string reason) => Verify(
        $$"""
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            [Get({|#0:"{{template}}"|})]
            Task<string> ListAsync();
        }
        """,
        Expect(DiagnosticDescriptors.InvalidPathTemplate).WithArguments("IApi.ListAsync", template, reason));

    [Fact]
    public Task OA1016_PropertyOrEvent() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            string {|#0:Name|} { get; }

            event EventHandler {|#1:Changed|};
        }
        """,
        Expect(DiagnosticDescriptors.UnsupportedMember).WithArguments("IApi.Name", "a property"),
        Expect(DiagnosticDescriptors.UnsupportedMember, 1).WithArguments("IApi.Changed", "an event"));

    [Fact]
    public Task OA1017_GenericInterface() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface {|#0:IRepository|}<T>
        {
            [Get("items")]
            Task<string> ListAsync();
        }
        """,
        Expect(DiagnosticDescriptors.GenericInterface).WithArguments("IRepository<T>"));

    [Fact]
    public Task OA1018_JsonContextIsNotAJsonSerializerContext() => Verify(
        """
        public sealed class NotAContext { }

        [OAuth1Api("https://api.example.com/", {|#0:JsonContext = typeof(NotAContext)|})]
        public interface IApi
        {
            [Get("items")]
            Task<string> ListAsync();
        }
        """,
        Expect(DiagnosticDescriptors.InvalidJsonContext).WithArguments("IApi", "NotAContext"));

    [Fact]
    public Task OA1019_TwoCancellationTokens() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            [Get("items")]
            Task<string> ListAsync(CancellationToken first, CancellationToken {|#0:second|});
        }
        """,
        Expect(DiagnosticDescriptors.MultipleCancellationTokens).WithArguments("IApi.ListAsync", "first", "second"));

    [Fact]
    public Task OA1020_InvalidWireNames() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IApi
        {
            [Post("items")]
            Task CreateAsync([Header("X Bad")] string {|#0:bad|}, [Query("")] string {|#1:empty|}, [Form("")] string {|#2:field|});
        }
        """,
        Expect(DiagnosticDescriptors.InvalidName).WithArguments("IApi.CreateAsync", "bad", "header", "X Bad", "' ' is not allowed in a header name"),
        Expect(DiagnosticDescriptors.InvalidName, 1).WithArguments("IApi.CreateAsync", "empty", "query", "", "it is empty"),
        Expect(DiagnosticDescriptors.InvalidName, 2).WithArguments("IApi.CreateAsync", "field", "form field", "", "it is empty"));

    [Fact]
    public Task OA1021_MemberNamedOptions() => Verify(
        """
        [OAuth1Api("https://api.example.com/")]
        public interface IMethodApi
        {
            [Get("options")]
            Task<string> {|#0:Options|}();
        }

        [OAuth1Api("https://api.example.com/")]
        public interface IPropertyApi
        {
            OAuth1Options {|#1:Options|} { get; }
        }

        [OAuth1Api("https://api.example.com/")]
        public interface IEventApi
        {
            event EventHandler {|#2:Options|};
        }
        """,
        Expect(DiagnosticDescriptors.MemberNamedOptions).WithArguments("IMethodApi.Options", "MethodApiClient"),
        Expect(DiagnosticDescriptors.MemberNamedOptions, 1).WithArguments("IPropertyApi.Options", "PropertyApiClient"),
        Expect(DiagnosticDescriptors.MemberNamedOptions, 2).WithArguments("IEventApi.Options", "EventApiClient"));

    [Fact]
    public void InheritedMethodNamedOptions_IsImplementedExplicitly_NextToTheOptionsProperty()
    {
        (Compilation output, GeneratorRunResult result) = GeneratorHarness.Run(Usings + """
            public interface IBase
            {
                [Get("options")]
                Task<string> Options();
            }

            [OAuth1Api("https://api.example.com/")]
            public interface IApi : IBase
            {
                [Get("items")]
                Task<string> ListAsync();
            }
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string text = GeneratorHarness.Generated(result, "IApi.g.cs");
        Assert.Contains("public global::OAuth1.OAuth1Options Options => this._options;", text, StringComparison.Ordinal);
        Assert.Contains("async global::System.Threading.Tasks.Task<string> global::IBase.Options()", text, StringComparison.Ordinal);
    }

    [Fact]
    public Task ValidInterfaceNextToAFaultyOne_StillGetsItsClient()
    {
        const string source = Usings + """
            [OAuth1Api("https://api.example.com/")]
            public interface IBrokenApi
            {
                Task {|#0:PingAsync|}();
            }
            """;
        var test = new GeneratorTest();
        test.TestState.Sources.Add(source);
        test.TestState.Sources.Add(Usings + """
            #pragma warning disable CS1591
            [OAuth1Api("https://api.example.com/")]
            public interface IGoodApi
            {
                [Get("ping")]
                Task PingAsync();
            }
            """);
        test.TestState.ExpectedDiagnostics.Add(Expect(DiagnosticDescriptors.MissingHttpMethod).WithArguments("IBrokenApi.PingAsync"));
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        return RunAndCheckGoodClientAsync(test);

        static async Task RunAndCheckGoodClientAsync(GeneratorTest test)
        {
            await test.RunAsync();
            (_, var result) = GeneratorHarness.Run(source.Replace("{|#0:", string.Empty).Replace("|}", string.Empty), Usings + """
                [OAuth1Api("https://api.example.com/")]
                public interface IGoodApi
                {
                    [Get("ping")]
                    Task PingAsync();
                }
                """);
            Assert.Equal(["IGoodApi.g.cs"], result.GeneratedSources.Select(s => s.HintName));
        }
    }

    [Fact]
    public void BrokenCode_IsLeftToTheCompiler_AndNeverCrashesTheGenerator()
    {
        // Unresolved types, missing or wrong attribute arguments: the compiler reports them; the generator neither
        // throws nor writes a client against half-bound symbols.
        (_, var result) = GeneratorHarness.Run(Usings + """
            [OAuth1Api(42)]
            public interface IWrongArgumentApi
            {
                [Get("items")]
                Task<string> ListAsync();
            }

            [OAuth1Api("https://api.example.com/")]
            public partial interface ITwicePartialApi
            {
                [Get("items")]
                Task<string> ListAsync();
            }

            [OAuth1Api("https://api.example.com/")]
            public partial interface ITwicePartialApi
            {
            }

            [OAuth1Api("https://api.example.com/")]
            public interface IWrongParameterAttributeApi
            {
                [Get("items")]
                Task<string> ListAsync([Header] string header, [Query(1, 2)] string query);
            }

            [OAuth1Api("https://api.example.com/")]
            public interface IUnresolvedApi
            {
                [Get]
                Task<string> NoPathAsync();

                [Get("items")]
                Task<Missing> MissingResultAsync();

                [Get("items")]
                Task<string> MissingParameterAsync([Query] Unknown value);
            }
            """);
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratedSources);
        Assert.Empty(result.Diagnostics);
    }

    private static DiagnosticResult Expect(DiagnosticDescriptor descriptor, int location = 0) =>
        new DiagnosticResult(descriptor).WithLocation(location);

    private static Task Verify(string source, params DiagnosticResult[] expected) =>
        GeneratorTest.VerifyDiagnosticsAsync(Usings + source, expected);
}
