using OAuth1Gen.Provider;
using Xunit;

namespace OAuth1.TestSupport;

/// <summary>
/// One <see cref="TestProvider"/> for a test class (<c>IClassFixture&lt;ProviderFixture&gt;</c>), with the demo
/// accounts; each test registers clients of its own on it. Derive and override <see cref="CreateSettings"/> for
/// other settings.
/// </summary>
public class ProviderFixture : IAsyncLifetime
{
    private TestProvider? _host;

    /// <summary>The running host.</summary>
    public TestProvider Host => _host ?? throw new InvalidOperationException("The provider is not started.");

    /// <summary>The sample provider inside the host.</summary>
    public EmbeddedProvider Provider => Host.Provider;

    /// <summary>Starts the provider.</summary>
    /// <returns>A task.</returns>
    public async Task InitializeAsync() => _host = await TestProvider.StartAsync(CreateSettings());

    /// <summary>Stops the provider.</summary>
    /// <returns>A task.</returns>
    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>The settings the provider starts with.</summary>
    /// <returns><see cref="ProviderSettings.CreateDemo"/> unless overridden.</returns>
    protected virtual ProviderSettings CreateSettings() => ProviderSettings.CreateDemo();
}
