using System.Text.RegularExpressions;
using OAuth1Gen.Demo;
using OAuth1Gen.Provider;

namespace OAuth1.Flow.Tests;

/// <summary>The demo's entry point, run in-process.</summary>
public sealed partial class DemoTests : IClassFixture<ProviderFixture>
{
    private readonly ProviderFixture _fixture;

    public DemoTests(ProviderFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("")]
    [InlineData("--pin --auto-approve --signature-method PLAINTEXT --placement body")]
    [InlineData("--auto-approve --signature-method=HMAC-SHA256 --placement=query")]
    public async Task Demo_AgainstTheEmbeddedProvider_WalksTheThreeSteps_AndExitsZero(string commandLine)
    {
        string[] args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var output = new StringWriter();

        int exitCode = await DemoProgram.RunAsync(args, output, TextReader.Null);

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("Step 1. Fetch a request token", text);
        Assert.Matches(@"Request token: rt-\w+ \(secret \*{8} \(\d+ characters, hidden\)\), callback confirmed: yes", text);
        Assert.Matches(@"Authorization URL: http://127\.0\.0\.1:\d+/oauth/authorize\?oauth_token=rt-\w+", text);
        Assert.Contains(args.Contains("--auto-approve") ? "auto-approve" : "clicked Approve as alice", text);
        Assert.Contains(args.Contains("--pin") ? "The provider showed the PIN" : "Callback URL: https://client.example/oauth/callback?oauth_token=rt-", text);
        Assert.Matches(@"Access token: 1001-\w+ \(secret \*{8} \(\d+ characters, hidden\)\)", text);
        Assert.Contains("screen_name=alice", text);
        Assert.Contains("/api/user -> 200 OK", text);
        Assert.Contains("\"screen_name\":\"alice\"", text);
        Assert.Contains("Done:", text);
        Assert.DoesNotContain(DemoAccounts.ConsumerSecret, text);
        Assert.DoesNotContain("oauth_token_secret", text);
        Assert.DoesNotContain("oauth_session_handle", text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Demo_AgainstAProviderGivenByEnvironment_ReadsThePastedCallbackOrPin(bool pin)
    {
        EmbeddedProvider provider = _fixture.Provider;
        var environment = new Dictionary<string, string>
        {
            ["OAUTH1_REQUEST_TOKEN_URL"] = provider.RequestTokenUrl,
            ["OAUTH1_AUTHORIZE_URL"] = provider.AuthorizeUrl,
            ["OAUTH1_ACCESS_TOKEN_URL"] = provider.AccessTokenUrl,
            ["OAUTH1_CONSUMER_KEY"] = DemoAccounts.ConsumerKey,
            ["OAUTH1_CONSUMER_SECRET"] = DemoAccounts.ConsumerSecret,
            ["OAUTH1_RESOURCE_URL"] = provider.UserUrl,
        };
        if (!pin)
        {
            environment["OAUTH1_CALLBACK"] = ProviderFixture.Callback;
        }

        var output = new StringWriter();
        var user = new ApprovingUser(output, provider, pin);

        int exitCode = await DemoProgram.RunAsync([], output, user, name => environment.GetValueOrDefault(name));

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.True(user.Asked);
        Assert.Contains(pin ? "paste the PIN" : "paste the URL you were sent back to", text);
        Assert.Matches(@"Access token: 1001-\w+ \(secret \*{8}", text);
        Assert.Contains("/api/user -> 200 OK", text);
        Assert.DoesNotContain(DemoAccounts.ConsumerSecret, text);
    }

    [Fact]
    public async Task Demo_AgainstARealProvider_WithMissingSettings_ExitsTwo()
    {
        var output = new StringWriter();

        int exitCode = await DemoProgram.RunAsync(["--request-token-url", "https://provider.example/rt"], output, TextReader.Null, _ => null);

        Assert.Equal(2, exitCode);
        Assert.Contains("--consumer-key", output.ToString());
    }

    [Fact]
    public async Task Demo_WhenTheProviderRefuses_ExitsOne_WithTheProblem()
    {
        var environment = new Dictionary<string, string>
        {
            ["OAUTH1_REQUEST_TOKEN_URL"] = _fixture.Provider.RequestTokenUrl,
            ["OAUTH1_AUTHORIZE_URL"] = _fixture.Provider.AuthorizeUrl,
            ["OAUTH1_ACCESS_TOKEN_URL"] = _fixture.Provider.AccessTokenUrl,
            ["OAUTH1_CONSUMER_KEY"] = DemoAccounts.ConsumerKey,
            ["OAUTH1_CONSUMER_SECRET"] = "wrong-secret-value",
        };
        var output = new StringWriter();

        int exitCode = await DemoProgram.RunAsync([], output, TextReader.Null, name => environment.GetValueOrDefault(name));

        Assert.Equal(1, exitCode);
        Assert.Contains("oauth_problem=signature_invalid", output.ToString());
        Assert.DoesNotContain("wrong-secret-value", output.ToString());
    }

    [Theory]
    [InlineData("--bogus", 2)]
    [InlineData("--help", 0)]
    public async Task Demo_Options(string arg, int expected)
    {
        var output = new StringWriter();

        int exitCode = await DemoProgram.RunAsync([arg], output, TextReader.Null);

        Assert.Equal(expected, exitCode);
        Assert.Contains(expected == 0 ? "OAUTH1_REQUEST_TOKEN_URL" : "Unknown option", output.ToString());
    }

    [GeneratedRegex(@"Authorization URL: (\S+)")]
    private static partial Regex AuthorizationUrl();

    /// <summary>The person at the keyboard: opens the printed URL, approves, pastes the callback URL or PIN.</summary>
    private sealed class ApprovingUser(StringWriter output, EmbeddedProvider provider, bool pin) : TextReader
    {
        public bool Asked { get; private set; }

        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            Asked = true;
            Match url = AuthorizationUrl().Match(output.ToString());
            Assert.True(url.Success, output.ToString());
            AuthorizationOutcome outcome = await provider.ApproveAsync(url.Groups[1].Value, cancellationToken: cancellationToken);
            return pin ? outcome.Pin : outcome.CallbackUrl;
        }
    }
}
