using OAuth1Gen.Provider;

namespace OAuth1.AspNetCore.Tests.Infrastructure;

/// <summary>One embedded provider for a test class; each test registers a client of its own on it.</summary>
public sealed class ProviderFixture : IAsyncLifetime
{
    private EmbeddedProvider? _provider;

    public EmbeddedProvider Provider => _provider ?? throw new InvalidOperationException("The provider is not started.");

    public async Task InitializeAsync() => _provider = await EmbeddedProvider.StartAsync(ProviderSettings.CreateDemo());

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }
}
