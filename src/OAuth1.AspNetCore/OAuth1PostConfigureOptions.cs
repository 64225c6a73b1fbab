using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace OAuth1.AspNetCore;

/// <summary>
/// Fills the defaults that depend on the scheme name or on services: the callback path, the state cookie name, the
/// data protection of the state, and a backchannel handler with automatic redirects off.
/// </summary>
internal sealed class OAuth1PostConfigureOptions : IPostConfigureOptions<OAuth1AuthenticationOptions>
{
    private readonly IDataProtectionProvider _dataProtection;

    public OAuth1PostConfigureOptions(IDataProtectionProvider dataProtection)
    {
        _dataProtection = dataProtection;
    }

    public void PostConfigure(string? name, OAuth1AuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string scheme = name ?? string.Empty;
        options.DataProtectionProvider ??= _dataProtection;
        if (!options.CallbackPath.HasValue)
        {
            options.CallbackPath = new PathString(OAuth1AuthenticationDefaults.CallbackPathPrefix + scheme);
        }

        if (string.IsNullOrEmpty(options.StateCookie.Name))
        {
            options.StateCookie.Name = OAuth1AuthenticationDefaults.StateCookiePrefix + Uri.EscapeDataString(scheme);
        }

        if (options.StateDataFormat is null)
        {
            IDataProtector protector = options.DataProtectionProvider.CreateProtector(typeof(OAuth1AuthenticationHandler).FullName!, scheme, "v1");
            options.StateDataFormat = new SecureDataFormat<OAuth1RequestTokenState>(OAuth1RequestTokenStateSerializer.Default, protector);
        }

        // The OAuth1Handler inside each session follows same-origin redirects itself, re-signed; the primary handler must not.
        options.BackchannelHttpHandler ??= new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
    }
}
