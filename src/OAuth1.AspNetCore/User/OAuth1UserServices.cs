using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace OAuth1.AspNetCore;

/// <summary>The implementation of <see cref="IOAuth1UserTokenAccessor"/> and <see cref="IOAuth1UserSessionFactory"/>.</summary>
internal sealed class OAuth1UserServices : IOAuth1UserTokenAccessor, IOAuth1UserSessionFactory
{
    private readonly IOptionsMonitor<OAuth1AuthenticationOptions> _options;
    private readonly OAuth1SchemeRegistry _registry;
    private readonly IHttpContextAccessor? _httpContextAccessor;

    public OAuth1UserServices(IOptionsMonitor<OAuth1AuthenticationOptions> options, IOptions<OAuth1SchemeRegistry> registry, IHttpContextAccessor? httpContextAccessor = null)
    {
        _options = options;
        _registry = registry.Value;
        _httpContextAccessor = httpContextAccessor;
    }

    public async Task<OAuth1Token?> GetUserTokenAsync(HttpContext httpContext, string? scheme = null)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        string name = ResolveScheme(scheme);

        // The remote handler authenticates with its sign-in scheme and keeps the ticket only if this scheme issued it.
        AuthenticateResult result = await httpContext.AuthenticateAsync(name).ConfigureAwait(false);
        if (!result.Succeeded || result.Properties is null)
        {
            return null;
        }

        string? token = result.Properties.GetTokenValue(OAuth1AuthenticationDefaults.AccessTokenName);
        string? secret = result.Properties.GetTokenValue(OAuth1AuthenticationDefaults.AccessTokenSecretName);
        if (string.IsNullOrEmpty(token) || secret is null)
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OAuth1Parameters.Token] = token,
            [OAuth1Parameters.TokenSecret] = secret,
        };
        if (result.Properties.GetTokenValue(OAuth1AuthenticationDefaults.SessionHandleName) is { Length: > 0 } handle)
        {
            fields[OAuth1Parameters.SessionHandle] = handle;
        }

        return OAuth1Token.FromDictionary(fields);
    }

    public Task<OAuth1Token?> GetCurrentUserTokenAsync(string? scheme = null)
    {
        string name = ResolveScheme(scheme);
        HttpContext? context = _httpContextAccessor?.HttpContext;
        return context is null ? Task.FromResult<OAuth1Token?>(null) : GetUserTokenAsync(context, name);
    }

    public async Task<OAuth1Session?> CreateUserSessionAsync(HttpContext httpContext, string? scheme = null)
    {
        string name = ResolveScheme(scheme);
        OAuth1Token? token = await GetUserTokenAsync(httpContext, name).ConfigureAwait(false);
        return token is null ? null : CreateSession(name, token);
    }

    public async Task<OAuth1Options?> CreateUserOptionsAsync(HttpContext httpContext, string? scheme = null)
    {
        string name = ResolveScheme(scheme);
        OAuth1Token? token = await GetUserTokenAsync(httpContext, name).ConfigureAwait(false);
        return token is null ? null : CreateOptions(name, token);
    }

    public OAuth1Options CreateOptions(string? scheme = null, OAuth1Token? token = null)
    {
        OAuth1AuthenticationOptions options = _options.Get(ResolveScheme(scheme));
        return options.CreateSigningOptions(token, options.TimeProvider ?? TimeProvider.System);
    }

    public OAuth1Session CreateSession(string? scheme = null, OAuth1Token? token = null)
    {
        OAuth1AuthenticationOptions options = _options.Get(ResolveScheme(scheme));
        return OAuth1AuthenticationHandler.CreateSession(options, token, options.TimeProvider ?? TimeProvider.System);
    }

    private string ResolveScheme(string? scheme)
    {
        List<string> names = _registry.Names;
        if (scheme is not null)
        {
            return _registry.Contains(scheme)
                ? scheme
                : throw new InvalidOperationException(
                    $"'{scheme}' is not an OAuth 1.0a scheme registered with AddOAuth1 (registered: {Describe(names)}).");
        }

        return names.Count switch
        {
            1 => names[0],
            0 => throw new InvalidOperationException("No OAuth 1.0a scheme is registered: call AddAuthentication().AddOAuth1(...)."),
            _ => throw new InvalidOperationException($"Several OAuth 1.0a schemes are registered ({Describe(names)}): name the one to use."),
        };
    }

    private static string Describe(List<string> names) => names.Count == 0 ? "none" : string.Join(", ", names.Select(n => $"'{n}'"));
}
