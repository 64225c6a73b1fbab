using Microsoft.Playwright;
using OAuth1.AspNetCore.Tests.Infrastructure;
using OAuth1Gen.WebSample;

namespace OAuth1.AspNetCore.Tests;

/// <summary>
/// The whole round trip in real headless Chromium: the web sample's "Sign in" button, the embedded provider's
/// authorization page (Approve / Deny), the callback, and the pages that show the user's data; plus a replayed and a
/// forged callback URL. Everything on 127.0.0.1.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class BrowserTests
{
    private readonly ChromiumFixture _chromium;

    public BrowserTests(ChromiumFixture chromium)
    {
        _chromium = chromium;
    }

    private WebSampleApp Sample => _chromium.Sample;

    [Fact]
    public async Task SignIn_Approve_ShowsTheUsersDataFetchedWithTheirToken()
    {
        (IBrowserContext context, IPage page) = await _chromium.NewPageAsync();
        await using IBrowserContext _ = context;

        await page.GotoAsync(Sample.Url("/"));
        await page.ClickAsync("#sign-in");

        // The provider's page, for this app.
        await page.WaitForURLAsync(url => url.StartsWith(Sample.Provider.AuthorizeUrl + "?oauth_token=", StringComparison.Ordinal));
        Assert.Equal("OAuth1Gen Web Sample", await page.TextContentAsync("#consumer"));
        await page.SelectOptionAsync("select[name=user]", "bob");
        await page.ClickAsync("button[value=approve]");

        await page.WaitForURLAsync(Sample.Url("/me"));
        Assert.Equal("Bob", await page.TextContentAsync("#user-name"));
        Assert.Equal("1002", await page.TextContentAsync("#profile dd[data-field=id]"));
        IReadOnlyList<string> posts = await page.Locator("#timeline li").AllTextContentsAsync();
        Assert.Equal(["Post 23 by @bob", "Post 22 by @bob", "Post 21 by @bob", "Post 20 by @bob", "Post 19 by @bob"], posts);

        // The app remembers who signed in (the display name came from OnCreatingTicket).
        await page.GotoAsync(Sample.Url("/"));
        Assert.Equal("Signed in as Bob (@bob).", await page.TextContentAsync("#signed-in"));

        // And signing out forgets it.
        await page.ClickAsync("#sign-out");
        await page.Locator("#sign-in").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Equal(Sample.Url("/"), page.Url);
        Assert.Equal(0, await page.Locator("#signed-in").CountAsync());
    }

    [Fact]
    public async Task SignIn_Deny_ShowsAClearMessage_AndNobodyIsSignedIn()
    {
        (IBrowserContext context, IPage page) = await _chromium.NewPageAsync();
        await using IBrowserContext _ = context;

        await StartSignInAsync(page);
        await page.ClickAsync("button[value=deny]");

        await page.WaitForURLAsync(url => url.StartsWith(Sample.Url("/denied"), StringComparison.Ordinal));
        Assert.Equal(
            "You chose Deny on OAuth1Gen Provider's page, so you are not signed in and nothing was shared.",
            await page.TextContentAsync("#denied"));

        await page.GotoAsync(Sample.Url("/"));
        Assert.True(await page.Locator("#sign-in").IsVisibleAsync());
        Assert.DoesNotContain(await context.CookiesAsync(Sample.Url("/")), c => c.Name == ".OAuth1Gen.WebSample");
    }

    [Fact]
    public async Task AReplayedCallbackUrl_IsRefused_WithAClearMessage()
    {
        (IBrowserContext context, IPage page) = await _chromium.NewPageAsync();
        await using IBrowserContext _ = context;
        string? callbackUrl = null;
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(Sample.Url("/signin-provider"), StringComparison.Ordinal))
            {
                callbackUrl = request.Url;
            }
        };

        // A protected page sends the browser to the provider by itself.
        await page.GotoAsync(Sample.Url("/me"));
        await page.WaitForURLAsync(url => url.StartsWith(Sample.Provider.AuthorizeUrl, StringComparison.Ordinal));
        await page.ClickAsync("button[value=approve]");
        await page.WaitForURLAsync(Sample.Url("/me"));
        Assert.Equal("Alice Liddell", await page.TextContentAsync("#user-name"));
        Assert.NotNull(callbackUrl);
        Assert.Contains("oauth_verifier=", callbackUrl, StringComparison.Ordinal);

        // The same callback URL again (back button, a copied link): the state cookie is gone, so it is refused.
        IResponse? replay = await page.GotoAsync(callbackUrl!);
        Assert.Equal(400, replay!.Status);
        string message = (await page.TextContentAsync("#oauth1-error"))!;
        Assert.Contains("state cookie is missing", message, StringComparison.Ordinal);
        Assert.Contains("already used", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForgedCallbackUrl_FromAnotherBrowsersSignIn_IsRefused()
    {
        // The attacker starts a sign-in of their own in a browser and approves it, but keeps the callback URL
        // instead of following it (the provider's page is submitted outside the browser to stop at the redirect).
        (IBrowserContext attackerContext, IPage attacker) = await _chromium.NewPageAsync();
        await using IBrowserContext a = attackerContext;
        await StartSignInAsync(attacker);
        OAuth1Gen.Provider.AuthorizationOutcome approved = await Sample.Provider.ApproveAsync(attacker.Url, "bob");
        string forged = approved.CallbackUrl!;
        Assert.StartsWith(Sample.Url("/signin-provider?oauth_token="), forged, StringComparison.Ordinal);

        // The victim has a sign-in of their own in progress, and is lured to the attacker's callback URL.
        (IBrowserContext victimContext, IPage victim) = await _chromium.NewPageAsync();
        await using IBrowserContext v = victimContext;
        await StartSignInAsync(victim);
        IResponse? response = await victim.GotoAsync(forged);

        Assert.Equal(400, response!.Status);
        Assert.Contains("does not match the request token", await victim.TextContentAsync("#oauth1-error"), StringComparison.Ordinal);
        await victim.GotoAsync(Sample.Url("/"));
        Assert.True(await victim.Locator("#sign-in").IsVisibleAsync());
    }

    [Fact]
    public async Task ADenialNamingNoRequestToken_DoesNotCancelTheSignInInProgress()
    {
        // The user is on the provider's page; meanwhile a link elsewhere sends the browser to the callback with
        // denied=1 (a top-level GET, so the Lax state cookie goes with it).
        (IBrowserContext context, IPage page) = await _chromium.NewPageAsync();
        await using IBrowserContext _ = context;
        await StartSignInAsync(page);
        string authorize = page.Url;

        IResponse? denial = await page.GotoAsync(Sample.Url("/signin-provider?denied=1"));
        Assert.Equal(400, denial!.Status);
        Assert.Contains("not the answer to the sign-in in progress", await page.TextContentAsync("#oauth1-error"), StringComparison.Ordinal);

        // Back on the provider's page, Approve still completes the sign-in.
        await page.GotoAsync(authorize);
        await page.ClickAsync("button[value=approve]");
        await page.WaitForURLAsync(Sample.Url("/me"));
        Assert.Equal("Alice Liddell", await page.TextContentAsync("#user-name"));
    }

    /// <summary>Presses the home page's Sign in button and waits for the provider's authorization page.</summary>
    private async Task StartSignInAsync(IPage page)
    {
        await page.GotoAsync(Sample.Url("/"));
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => url.StartsWith(Sample.Provider.AuthorizeUrl + "?oauth_token=", StringComparison.Ordinal));
    }
}
