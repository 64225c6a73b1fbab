using OAuth1.Generator.Tests.Infrastructure;

namespace OAuth1.Generator.Tests;

/// <summary>
/// The generated code, compared with the reviewed snapshots in <c>Snapshots/</c>, and then compiled by the
/// source-generator test framework with nullable on and every warning an error.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public Task TwitterApi_MatchesSnapshot() => VerifyAsync(TestSources.Twitter, "Sample.Twitter.ITwitterApi.g.cs", "TwitterApi");

    [Fact]
    public Task AllParameterKinds_MatchesSnapshot() => VerifyAsync(TestSources.AllKinds, "Sample.Kinds.IKindsApi.g.cs", "AllKinds");

    [Fact]
    public Task NestedInterfaceInGlobalNamespace_MatchesSnapshot() => VerifyAsync(TestSources.NestedInGlobalNamespace, "Outer.IInnerApi.g.cs", "NestedInGlobalNamespace");

    private static async Task VerifyAsync(string source, string hintName, string snapshot)
    {
        (_, var result) = GeneratorHarness.Run(source);
        Assert.Empty(result.Diagnostics);
        string generated = GeneratorHarness.Generated(result, hintName);
        SnapshotAssert.Matches(snapshot, generated);
        await GeneratorTest.VerifyGeneratesAsync(source, hintName, generated);
    }
}
