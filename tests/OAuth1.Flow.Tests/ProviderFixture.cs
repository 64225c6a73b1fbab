using System.Security.Cryptography;
using System.Text.Json;
using OAuth1Gen.Provider;

namespace OAuth1.Flow.Tests;

/// <summary>One test provider per test class (classes run in parallel), with the demo accounts, PLAINTEXT allowed, and an RSA client.</summary>
public sealed class ProviderFixture : OAuth1.TestSupport.ProviderFixture
{
    public const string Callback = "https://client.example/oauth/callback?app=photos";
    public const string RsaConsumerKey = "rsa-consumer";

    /// <summary>The RSA client's key pair (the provider holds the public half).</summary>
    public RSA RsaKey { get; } = RSA.Create(2048);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        RsaKey.Dispose();
    }

    protected override ProviderSettings CreateSettings()
    {
        ProviderSettings settings = ProviderSettings.CreateDemo();
        settings.AllowPlaintextOverHttp = true;
        settings.Consumers.Add(new ProviderConsumer(RsaConsumerKey, "rsa-consumer-secret", RSA.Create(RsaKey.ExportParameters(false))) { Name = "RSA client" });
        return settings;
    }

    /// <summary>Registers a client with a fresh key (so tests do not share gates or tokens) and the given behaviour.</summary>
    public ProviderConsumer AddConsumer(TokenEndpointBehavior behavior = TokenEndpointBehavior.Normal, bool allowXAuth = true) =>
        Host.AddConsumer(behavior, allowXAuth);

    public OAuth1Session DemoSession(OAuth1SignatureMethod? method = null, OAuth1SignatureLocation placement = OAuth1SignatureLocation.Header) =>
        new(new OAuth1Options
        {
            ConsumerKey = DemoAccounts.ConsumerKey,
            ConsumerSecret = DemoAccounts.ConsumerSecret,
            SignatureMethod = method ?? OAuth1SignatureMethod.HmacSha1,
            SignatureLocation = placement,
            AllowPlaintextOverHttp = true,
        });

    public static OAuth1Session SessionFor(ProviderConsumer consumer, OAuth1SignatureLocation placement = OAuth1SignatureLocation.Header) =>
        new(new OAuth1Options { ConsumerKey = consumer.Key, ConsumerSecret = consumer.Secret, SignatureLocation = placement });

    /// <summary>The three steps through the real authorization page.</summary>
    public async Task<OAuth1Token> RunFlowAsync(OAuth1Session session, string? userName = null)
    {
        session.RedirectUri = Callback;
        OAuth1Token requestToken = await session.FetchRequestTokenAsync(Provider.RequestTokenUrl);
        Assert.True(requestToken.CallbackConfirmed);
        string authorizationUrl = session.CreateAuthorizationUrl(Provider.AuthorizeUrl);
        AuthorizationOutcome outcome = await Provider.ApproveAsync(authorizationUrl, userName);
        Assert.NotNull(outcome.CallbackUrl);
        Assert.StartsWith(Callback + "&oauth_token=", outcome.CallbackUrl);
        OAuth1AuthorizationResponse response = session.ParseAuthorizationResponse(outcome.CallbackUrl!);
        Assert.Equal(requestToken.Token, response.Token);
        return await session.FetchAccessTokenAsync(Provider.AccessTokenUrl);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        using JsonDocument document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>The value of a name in an echoed list of {name, value} pairs.</summary>
    public static string? Pair(JsonElement list, string name)
    {
        foreach (JsonElement item in list.EnumerateArray())
        {
            if (item.GetProperty("name").GetString() == name)
            {
                return item.GetProperty("value").GetString();
            }
        }

        return null;
    }

    public static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
