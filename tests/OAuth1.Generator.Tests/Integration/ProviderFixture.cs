namespace OAuth1.Generator.Tests.Integration;

/// <summary>One loopback provider per test class.</summary>
public sealed class ProviderFixture : IAsyncLifetime
{
    public LoopbackProvider Provider { get; private set; } = null!;

    public async Task InitializeAsync() => Provider = await LoopbackProvider.StartAsync();

    public async Task DisposeAsync() => await Provider.DisposeAsync();
}
