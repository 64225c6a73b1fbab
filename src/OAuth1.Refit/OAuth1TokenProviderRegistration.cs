namespace OAuth1.Refit;

/// <summary>The token provider of one named client (named options of the client's name).</summary>
internal sealed class OAuth1TokenProviderRegistration
{
    public Func<IServiceProvider, HttpRequestMessage, CancellationToken, ValueTask<OAuth1Token?>>? Provider { get; set; }
}
