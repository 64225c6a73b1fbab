namespace OAuth1.Redis.Tests;

/// <summary>Signed requests and verifiers for the tests, on the system clock (Redis keeps its own time).</summary>
internal static class Signed
{
    public const string ConsumerKey = "redis-consumer";
    public const string ConsumerSecret = "consumer-secret-never-stored";
    public const string Token = "redis-token";
    public const string TokenSecret = "token-secret-never-stored";

    /// <summary>A verifier as one app instance has it: its own credential lookup, the shared nonce store.</summary>
    public static OAuth1RequestVerifier Verifier(IOAuth1NonceStore store) =>
        new(new FakeCredentialStore().AddConsumer(ConsumerKey, ConsumerSecret).AddToken(ConsumerKey, Token, TokenSecret), new OAuth1VerifierOptions { NonceStore = store });

    /// <summary>A fresh signed request (new nonce), as the receiving server reads it.</summary>
    public static async Task<OAuth1IncomingRequest> RequestAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/items?page=2");
        await OAuth1Signer.SignAsync(request, new OAuth1Options { ConsumerKey = ConsumerKey, ConsumerSecret = ConsumerSecret, Token = Token, TokenSecret = TokenSecret });
        return await OAuth1IncomingRequest.FromHttpRequestMessageAsync(request);
    }
}
