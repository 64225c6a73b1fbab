using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using OAuth1Gen.Provider;

namespace OAuth1.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A browser without a browser: an <see cref="HttpClient"/> that keeps cookies and never follows redirects, so a
/// test sees every hop and can tamper with cookies.
/// </summary>
public sealed class CookieBrowser : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Creates a browser.</summary>
    /// <param name="trustedCertificate">The one server certificate accepted on https (a <see cref="LoopbackCertificate"/>); none when <see langword="null"/>.</param>
    public CookieBrowser(X509Certificate2? trustedCertificate = null)
    {
        Cookies = new CookieContainer();
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies };
        if (trustedCertificate is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => LoopbackCertificate.IsThis(trustedCertificate, certificate),
            };
        }

        _http = new HttpClient(handler)
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url);

    public async Task<(HttpStatusCode Status, string Body)> GetTextAsync(string url)
    {
        using HttpResponseMessage response = await _http.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> GetJsonAsync(string url)
    {
        using HttpResponseMessage response = await _http.GetAsync(url);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Starts a sign-in: the app's challenge must redirect to the provider; returns the authorization URL.</summary>
    public async Task<string> StartSignInAsync(TestApp app, string scheme, string returnUrl = "/whoami")
    {
        using HttpResponseMessage response = await _http.GetAsync(app.Url($"/login/{scheme}?returnUrl={Uri.EscapeDataString(returnUrl)}"));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"The challenge answered {(int)response.StatusCode}: {body}");
        return response.Headers.Location!.AbsoluteUri;
    }

    /// <summary>
    /// A browser in which <paramref name="user"/> has signed in to <paramref name="app"/> with <paramref name="scheme"/>:
    /// the challenge, the provider's authorization page (Approve, as that user) and the callback.
    /// </summary>
    public static async Task<CookieBrowser> SignInAsync(TestApp app, EmbeddedProvider provider, string scheme, string user)
    {
        var browser = new CookieBrowser();
        AuthorizationOutcome outcome = await provider.ApproveAsync(await browser.StartSignInAsync(app, scheme), user);
        using HttpResponseMessage response = await browser.GetAsync(outcome.CallbackUrl!);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"The callback answered {(int)response.StatusCode}: {body}");
        return browser;
    }

    /// <summary>The access token and secret saved in this browser's ticket (from <c>/whoami</c>).</summary>
    public async Task<OAuth1Token> GetSavedTokenAsync(TestApp app)
    {
        JsonElement tokens = (await GetJsonAsync(app.Url("/whoami"))).GetProperty("tokens");
        return new OAuth1Token(tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("access_token_secret").GetString()!);
    }

    public Cookie? FindCookie(Uri url, string name) => Cookies.GetCookies(url).FirstOrDefault(c => c.Name == name);

    public void Dispose() => _http.Dispose();
}
