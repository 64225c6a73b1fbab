namespace OAuth1.Tests.Support;

/// <summary>A credential store with one client and one token.</summary>
public sealed class SingleClientStore(string consumerKey, OAuth1ConsumerCredentials consumer, string? token, string tokenSecret) : IOAuth1CredentialStore
{
    public ValueTask<OAuth1ConsumerCredentials?> FindConsumerAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(key == consumerKey ? consumer : null);

    public ValueTask<string?> FindTokenSecretAsync(string key, string received, CancellationToken cancellationToken) =>
        ValueTask.FromResult(key == consumerKey && received == token ? tokenSecret : null);
}
