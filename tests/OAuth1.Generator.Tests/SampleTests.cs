using OAuth1Gen.GeneratedClient;
using OAuth1Gen.Provider;

namespace OAuth1.Generator.Tests;

/// <summary>The sample's generated client, against the embedded provider (started by the sample, or by the test).</summary>
public sealed class SampleTests
{
    [Theory]
    [InlineData("header", "HMAC-SHA1")]
    [InlineData("query", "HMAC-SHA256")]
    [InlineData("body", "PLAINTEXT")]
    public async Task Sample_AgainstItsEmbeddedProvider_MakesVerifiedCalls(string placement, string method)
    {
        using var output = new StringWriter();

        int exit = await GeneratedClientSample.RunAsync(["--placement", placement, "--signature-method", method], output, _ => null, CancellationToken.None);

        string text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("User: @alice", text, StringComparison.Ordinal);
        Assert.Contains("Timeline page 1 (3 of 23):", text, StringComparison.Ordinal);
        Assert.Contains("Echo: POST /api/echo/status%20updates?lang=en", text, StringComparison.Ordinal);
        Assert.Contains($"Signed with {method} in the {placement}; verified: yes", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_WithABaseUrlAndKeysFromTheEnvironment_CallsThatProvider()
    {
        await using EmbeddedProvider provider = await EmbeddedProvider.StartAsync(ProviderSettings.CreateDemo());
        OAuth1Token token = provider.IssueAccessToken(DemoAccounts.ConsumerKey, DemoAccounts.SecondUserName);
        var environment = new Dictionary<string, string>
        {
            ["OAUTH1_CONSUMER_KEY"] = DemoAccounts.ConsumerKey,
            ["OAUTH1_CONSUMER_SECRET"] = DemoAccounts.ConsumerSecret,
            ["OAUTH1_TOKEN"] = token.Token,
            ["OAUTH1_TOKEN_SECRET"] = token.TokenSecret,
        };
        using var output = new StringWriter();

        int exit = await GeneratedClientSample.RunAsync(["--base-url", provider.BaseAddress.AbsoluteUri], output, environment.GetValueOrDefault, CancellationToken.None);

        string text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.DoesNotContain("Embedded provider", text, StringComparison.Ordinal);
        Assert.Contains("User: @bob", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_WithABaseUrlButNoKeys_ExplainsWhatIsMissing()
    {
        using var output = new StringWriter();

        int exit = await GeneratedClientSample.RunAsync(["--base-url", "http://127.0.0.1:9/"], output, _ => null, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("--consumer-key (or OAUTH1_CONSUMER_KEY) is required with --base-url.", output.ToString(), StringComparison.Ordinal);
    }
}
