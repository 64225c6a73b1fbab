using Microsoft.Playwright;
using OAuth1Gen.WebSample;

namespace OAuth1.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by <c>./test.sh</c> when missing) driven headless by
/// Playwright, plus the web sample and its embedded provider on loopback. Playwright never downloads a browser here:
/// it launches the given executable, with a fresh temporary profile of its own (its <c>--user-data-dir</c>).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private WebSampleApp? _sample;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not started.");

    public WebSampleApp Sample => _sample ?? throw new InvalidOperationException("The web sample is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}. Run ./test.sh (it installs Debian's chromium when missing) or: apt-get update && apt-get install -y chromium");
        }

        _sample = await WebSampleApp.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh, isolated browser context (its own cookies) with a page.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> NewPageAsync()
    {
        IBrowserContext context = await Browser.NewContextAsync();
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(20_000);
        IPage page = await context.NewPageAsync();
        return (context, page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_sample is not null)
        {
            await _sample.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}
