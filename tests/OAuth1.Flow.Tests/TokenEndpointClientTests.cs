using OAuth1Gen.Provider;

namespace OAuth1.Flow.Tests;

/// <summary>
/// The stateless token-endpoint client: each step's inputs are arguments, nothing is stored, and a plain
/// <see cref="HttpClient"/> works (the client signs its own requests).
/// </summary>
public sealed class TokenEndpointClientTests : IClassFixture<ProviderFixture>
{
    private readonly ProviderFixture _fixture;

    public TokenEndpointClientTests(ProviderFixture fixture) => _fixture = fixture;

    private EmbeddedProvider Provider => _fixture.Provider;

    private static OAuth1Options ConsumerOptions() => new() { ConsumerKey = DemoAccounts.ConsumerKey, ConsumerSecret = DemoAccounts.ConsumerSecret };

    [Fact]
    public async Task The_three_steps_with_explicit_inputs_over_a_plain_HttpClient()
    {
        using var http = new HttpClient();
        OAuth1Options options = ConsumerOptions();
        var client = new OAuth1TokenEndpointClient(http, options);

        OAuth1Token requestToken = await client.FetchRequestTokenAsync(new Uri(Provider.RequestTokenUrl), ProviderFixture.Callback);
        string authorizationUrl = OAuth1TokenEndpointClient.CreateAuthorizationUrl(Provider.AuthorizeUrl, requestToken.Token);
        AuthorizationOutcome outcome = await Provider.ApproveAsync(authorizationUrl);
        OAuth1AuthorizationResponse callback = OAuth1AuthorizationResponse.Parse(outcome.CallbackUrl!);
        callback.EnsureAnswers(requestToken.Token, requireVerifier: true);
        OAuth1Token access = await client.FetchAccessTokenAsync(new Uri(Provider.AccessTokenUrl), requestToken, callback.Verifier);

        Assert.True(requestToken.CallbackConfirmed);
        Assert.False(string.IsNullOrEmpty(access["user_id"]));
        Assert.NotEqual(requestToken.Token, access.Token);
        // Nothing was stored in the shared options.
        Assert.Null(options.TokenCredentials);
        Assert.Null(options.Callback);
        Assert.Null(options.Verifier);
    }

    [Fact]
    public async Task The_request_token_call_carries_no_token_even_when_the_options_hold_one()
    {
        using var http = new HttpClient();
        OAuth1Options options = ConsumerOptions();
        options.TokenCredentials = new OAuth1Token("stale-access-token", "stale-secret");
        var client = new OAuth1TokenEndpointClient(http, options);

        OAuth1Token requestToken = await client.FetchRequestTokenAsync(new Uri(Provider.RequestTokenUrl), OAuth1Session.OutOfBand);

        Assert.True(requestToken.CallbackConfirmed);
    }

    [Fact]
    public async Task A_missing_verifier_is_an_argument_error_before_anything_is_sent()
    {
        var capture = new CapturingHandler("oauth_token=a&oauth_token_secret=b");
        using var http = new HttpClient(capture);
        var client = new OAuth1TokenEndpointClient(http, ConsumerOptions());

        await Assert.ThrowsAsync<ArgumentException>(() => client.FetchAccessTokenAsync(new Uri("https://provider.example/access"), new OAuth1Token("rt", "rts"), verifier: null));

        Assert.Empty(capture.Requests);
    }

    [Theory]
    [InlineData("https://app.example/cb?denied=rt1", true)]
    [InlineData("https://app.example/cb?error=access_denied", true)]
    [InlineData("https://app.example/cb?oauth_problem=user_refused", true)]
    [InlineData("https://app.example/cb?error=server_error", false)]
    [InlineData("https://app.example/cb?oauth_verifier=v", false)]
    public void One_callback_parser_tells_a_refusal_from_an_error(string callback, bool isRefusal)
    {
        var denied = Assert.Throws<OAuth1AuthorizationDeniedException>(() => OAuth1AuthorizationResponse.Parse(callback));

        Assert.Equal(isRefusal, denied.IsRefusal);
    }

    [Fact]
    public void A_callback_that_quotes_a_long_description_is_cut_in_the_message()
    {
        string description = new('x', 5000);

        var denied = Assert.Throws<OAuth1AuthorizationDeniedException>(() => OAuth1AuthorizationResponse.Parse($"https://app.example/cb?error=e&error_description={description}"));

        Assert.True(denied.Message.Length < 400, denied.Message);
    }
}
