using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuth1.AspNetCore.Tests.Infrastructure;

namespace OAuth1.AspNetCore.Tests;

/// <summary>Defaults, validation and the registration of <c>AddOAuth1</c>.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void Validate_NamesEveryMissingSetting_AndTheScheme()
    {
        var options = new OAuth1AuthenticationOptions();

        var error = Assert.Throws<ArgumentException>(() => options.Validate("garmin"));
        Assert.Contains("scheme 'garmin'", error.Message, StringComparison.Ordinal);
        foreach (string name in new[] { "CallbackPath", "ConsumerKey", "ConsumerSecret", "RequestTokenEndpoint", "AuthorizationEndpoint", "AccessTokenEndpoint" })
        {
            Assert.Contains(name + " is required", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheHost_DoesNotStart_WhenSettingsAreMissing_AndSaysWhich()
    {
        WebApplication app = TestApp.Build(auth => auth.AddOAuth1("garmin", o =>
        {
            o.ConsumerKey = "key";
            o.AuthorizationEndpoint = "https://provider.example/authorize";
            o.AccessTokenEndpoint = "/oauth/access_token";
        }));
        await using (app)
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => app.StartAsync());
            Assert.Contains("scheme 'garmin'", error.Message, StringComparison.Ordinal);
            Assert.Contains("ConsumerSecret is required", error.Message, StringComparison.Ordinal);
            Assert.Contains("RequestTokenEndpoint is required", error.Message, StringComparison.Ordinal);
            Assert.Contains("AccessTokenEndpoint must be an absolute http or https URL", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("ConsumerKey", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("AuthorizationEndpoint", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Defaults_DependOnTheSchemeName()
    {
        WebApplication app = TestApp.Build(auth => auth
            .AddOAuth1("garmin", Complete)
            .AddOAuth1("twitter", "Twitter / X", Complete));
        await using (app)
        {
            var monitor = app.Services.GetRequiredService<IOptionsMonitor<OAuth1AuthenticationOptions>>();
            OAuth1AuthenticationOptions garmin = monitor.Get("garmin");
            OAuth1AuthenticationOptions twitter = monitor.Get("twitter");
            Assert.Equal("/signin-garmin", garmin.CallbackPath.Value);
            Assert.Equal("/signin-twitter", twitter.CallbackPath.Value);
            Assert.Equal(".AspNetCore.OAuth1.garmin", garmin.StateCookie.Name);
            Assert.Equal(".AspNetCore.OAuth1.twitter", twitter.StateCookie.Name);
            Assert.True(garmin.SaveTokens);
            Assert.Same(OAuth1SignatureMethod.HmacSha1, garmin.SignatureMethod);
            Assert.Equal(OAuth1SignatureLocation.Header, garmin.SignatureLocation);
            Assert.Equal(CookieAuthenticationDefaultsScheme, garmin.SignInScheme);
            var backchannel = Assert.IsType<SocketsHttpHandler>(garmin.BackchannelHttpHandler);
            Assert.False(backchannel.AllowAutoRedirect);
            Assert.NotSame(garmin.StateDataFormat, twitter.StateDataFormat);

            var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
            Assert.Equal("garmin", (await schemes.GetSchemeAsync("garmin"))!.DisplayName);
            Assert.Equal("Twitter / X", (await schemes.GetSchemeAsync("twitter"))!.DisplayName);
            Assert.Equal(typeof(OAuth1AuthenticationHandler), (await schemes.GetSchemeAsync("twitter"))!.HandlerType);

            // Both user services are one singleton.
            Assert.Same(app.Services.GetRequiredService<IOAuth1UserTokenAccessor>(), app.Services.GetRequiredService<IOAuth1UserSessionFactory>());
        }
    }

    [Fact]
    public async Task AnRsaMethod_MayGoWithoutAConsumerSecret_ButHmacMayNot()
    {
        using var key = RSA.Create(2048);
        WebApplication app = TestApp.Build(auth => auth
            .AddOAuth1("rsa", o =>
            {
                Complete(o);
                o.ConsumerSecret = string.Empty;
                o.SignatureMethod = OAuth1SignatureMethod.RsaSha1(key);
            }));
        await using (app)
        {
            OAuth1AuthenticationOptions options = app.Services.GetRequiredService<IOptionsMonitor<OAuth1AuthenticationOptions>>().Get("rsa");
            options.Validate("rsa");

            options.SignatureMethod = OAuth1SignatureMethod.HmacSha256;
            var error = Assert.Throws<ArgumentException>(() => options.Validate("rsa"));
            Assert.Contains("ConsumerSecret is required (it may be empty only for the RSA signature methods)", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Plaintext_OnHttpTokenEndpoints_WithoutAllowPlaintextOverHttp_StopsTheHost_InsteadOfFailingEverySignIn()
    {
        // Regression: the signer refuses PLAINTEXT over http, so such a scheme answered every challenge with a bare 500.
        WebApplication app = TestApp.Build(auth => auth.AddOAuth1("plain", o =>
        {
            Complete(o);
            o.SignatureMethod = OAuth1SignatureMethod.Plaintext;
            o.RequestTokenEndpoint = "http://127.0.0.1:1/request_token";
            o.AuthorizationEndpoint = "http://127.0.0.1:1/authorize";
            o.UserInformationEndpoint = "http://127.0.0.1:1/me";
        }));
        await using (app)
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => app.StartAsync());
            Assert.Contains("scheme 'plain'", error.Message, StringComparison.Ordinal);
            Assert.Contains(
                "SignatureMethod PLAINTEXT sends the secrets in clear and RequestTokenEndpoint, UserInformationEndpoint are http",
                error.Message,
                StringComparison.Ordinal);
            Assert.Contains("AllowPlaintextOverHttp", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("AccessTokenEndpoint", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("AuthorizationEndpoint", error.Message, StringComparison.Ordinal);
        }

        // Allowed on the signing options (what a test machine's loopback provider needs), or https only: valid.
        WebApplication allowedApp = TestApp.Build(auth => auth.AddOAuth1("plain", o =>
        {
            Complete(o);
            o.SignatureMethod = OAuth1SignatureMethod.Plaintext;
            o.RequestTokenEndpoint = "http://127.0.0.1:1/request_token";
            o.ConfigureSigningOptions = signing => signing.AllowPlaintextOverHttp = true;
        }));
        await using (allowedApp)
        {
            OAuth1AuthenticationOptions options = allowedApp.Services.GetRequiredService<IOptionsMonitor<OAuth1AuthenticationOptions>>().Get("plain");
            options.Validate("plain");

            options.ConfigureSigningOptions = signing => signing.IncludeVersion = false;
            var error = Assert.Throws<ArgumentException>(() => options.Validate("plain"));
            Assert.Contains("PLAINTEXT sends the secrets in clear and RequestTokenEndpoint is http", error.Message, StringComparison.Ordinal);

            options.RequestTokenEndpoint = "https://provider.example/request_token";
            options.Validate("plain");

            // An HMAC method never sends the secrets: http is fine.
            options.SignatureMethod = OAuth1SignatureMethod.HmacSha1;
            options.RequestTokenEndpoint = "http://127.0.0.1:1/request_token";
            options.Validate("plain");
        }
    }

    [Fact]
    public void SignatureMethod_CanComeFromConfiguration_ByName()
    {
        var options = new OAuth1AuthenticationOptions { SignatureMethod = OAuth1SignatureMethod.FromName("HMAC-SHA256"), ConsumerKey = "k", ConsumerSecret = "s", Realm = "r" };
        OAuth1Options signing = options.CreateSigningOptions(new OAuth1Token("t", "ts"), TimeProvider.System);
        Assert.Equal("HMAC-SHA256", signing.SignatureMethod.Name);
        Assert.Equal("r", signing.Realm);
        Assert.Equal("t", signing.Token);
        Assert.Equal("ts", signing.TokenSecret);
    }

    [Fact]
    public void ToString_NeverPrintsTheSecret()
    {
        var options = new OAuth1AuthenticationOptions { ConsumerKey = "the-key", ConsumerSecret = "the-very-secret-value" };
        string text = options.ToString();
        Assert.Contains("the-key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("the-very-secret-value", text, StringComparison.Ordinal);
        Assert.Contains("(hidden)", text, StringComparison.Ordinal);
    }

    private const string CookieAuthenticationDefaultsScheme = "Cookies";

    private static void Complete(OAuth1AuthenticationOptions o)
    {
        o.ConsumerKey = "key";
        o.ConsumerSecret = "secret";
        o.RequestTokenEndpoint = "https://provider.example/request_token";
        o.AuthorizationEndpoint = "https://provider.example/authorize";
        o.AccessTokenEndpoint = "https://provider.example/access_token";
    }
}
