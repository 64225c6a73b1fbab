using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OAuth1.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OAuth 1.0a sign-in schemes ("Sign in with Garmin", "Sign in with Twitter", ...).</summary>
/// <example>
/// <code>
/// builder.Services.AddAuthentication(o =&gt; { o.DefaultScheme = "Cookies"; o.DefaultChallengeScheme = "garmin"; })
///     .AddCookie("Cookies")
///     .AddOAuth1("garmin", "Garmin", o =&gt;
///     {
///         o.ConsumerKey = builder.Configuration["Garmin:ConsumerKey"];
///         o.ConsumerSecret = builder.Configuration["Garmin:ConsumerSecret"];
///         o.RequestTokenEndpoint = "https://connectapi.garmin.com/oauth-service/oauth/request_token";
///         o.AuthorizationEndpoint = "https://connect.garmin.com/oauthConfirm";
///         o.AccessTokenEndpoint = "https://connectapi.garmin.com/oauth-service/oauth/access_token";
///         // Garmin's token answer names no user: ask its user resource, {"userId":"..."}.
///         o.UserInformationEndpoint = "https://apis.garmin.com/wellness-api/rest/user/id";
///         o.ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, "userId");
///     });
/// </code>
/// </example>
public static class OAuth1AuthenticationExtensions
{
    /// <summary>Adds an OAuth 1.0a sign-in scheme whose display name is the scheme name.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name; also the default callback path (<c>/signin-{scheme}</c>) and state cookie (<c>.AspNetCore.OAuth1.{scheme}</c>).</param>
    /// <param name="configureOptions">Sets the credentials, the endpoints and the rest.</param>
    /// <returns>The builder, for chaining.</returns>
    public static AuthenticationBuilder AddOAuth1(this AuthenticationBuilder builder, string authenticationScheme, Action<OAuth1AuthenticationOptions> configureOptions) =>
        builder.AddOAuth1(authenticationScheme, displayName: null, configureOptions);

    /// <summary>
    /// Adds an OAuth 1.0a sign-in scheme, and the services that give a page the signed-in user's token, session or
    /// options (<see cref="IOAuth1UserTokenAccessor"/>, <see cref="IOAuth1UserSessionFactory"/>). Call it once per
    /// provider; each scheme has its own callback path and state cookie. The options are checked when the host starts.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name; also the default callback path (<c>/signin-{scheme}</c>) and state cookie (<c>.AspNetCore.OAuth1.{scheme}</c>).</param>
    /// <param name="displayName">The name shown to users ("Sign in with ..."); the scheme name when <see langword="null"/>.</param>
    /// <param name="configureOptions">Sets the credentials, the endpoints and the rest.</param>
    /// <returns>The builder, for chaining.</returns>
    public static AuthenticationBuilder AddOAuth1(
        this AuthenticationBuilder builder,
        string authenticationScheme,
        string? displayName,
        Action<OAuth1AuthenticationOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        ArgumentNullException.ThrowIfNull(configureOptions);

        IServiceCollection services = builder.Services;
        services.AddDataProtection();
        services.AddHttpContextAccessor();
        services.Configure<OAuth1SchemeRegistry>(registry =>
        {
            if (!registry.Contains(authenticationScheme))
            {
                registry.Names.Add(authenticationScheme);
            }
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OAuth1AuthenticationOptions>, OAuth1PostConfigureOptions>());
        services.TryAddSingleton<OAuth1UserServices>();
        services.TryAddSingleton<IOAuth1UserTokenAccessor>(provider => provider.GetRequiredService<OAuth1UserServices>());
        services.TryAddSingleton<IOAuth1UserSessionFactory>(provider => provider.GetRequiredService<OAuth1UserServices>());

        // AddRemoteScheme validates the options with OAuth1AuthenticationOptions.Validate(scheme); check them when the
        // host starts rather than at the first request.
        services.AddOptions<OAuth1AuthenticationOptions>(authenticationScheme).ValidateOnStart();

        return builder.AddRemoteScheme<OAuth1AuthenticationOptions, OAuth1AuthenticationHandler>(
            authenticationScheme, displayName ?? authenticationScheme, configureOptions);
    }

    /// <summary>
    /// Signs every request of this <c>IHttpClientFactory</c> client (a Refit client, a typed or named client with an
    /// <see cref="OAuth1.OAuth1Handler"/>) with the current request's user's token: it puts the token of
    /// <paramref name="scheme"/> in <see cref="OAuth1.OAuth1RequestOptions.Token"/>, where the signing handler takes it.
    /// Its handler goes first in the client's pipeline whatever the order of registration, so the token is on the
    /// request before any signing or retry handler runs. A request that already carries a token keeps it. A request
    /// without one, made when there is no user with a token of the scheme (nobody signed in, or outside a request),
    /// is not sent: it fails with an <see cref="InvalidOperationException"/>. To let such requests go out with the
    /// signing handler's own token or two-legged, use the overload with <see cref="OAuth1UserTokenOptions.AllowWithoutUserToken"/>.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="scheme">The OAuth 1.0a scheme; the only one registered when <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHttpClientBuilder AddOAuth1UserToken(this IHttpClientBuilder builder, string? scheme) =>
        builder.AddOAuth1UserToken(options => options.Scheme = scheme);

    /// <summary>
    /// Signs every request of this <c>IHttpClientFactory</c> client with the current request's user's token of the
    /// only OAuth 1.0a scheme registered, as <see cref="AddOAuth1UserToken(IHttpClientBuilder, string?)"/>.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHttpClientBuilder AddOAuth1UserToken(this IHttpClientBuilder builder) =>
        builder.AddOAuth1UserToken(options => options.Scheme = null);

    /// <summary>
    /// Signs every request of this <c>IHttpClientFactory</c> client with the current request's user's token, as
    /// <see cref="AddOAuth1UserToken(IHttpClientBuilder, string?)"/>, with options: the scheme, and whether requests
    /// made without a signed-in user may go out with the signing handler's own token or two-legged
    /// (<c>AddOAuth1UserToken(o =&gt; { o.Scheme = "garmin"; o.AllowWithoutUserToken = true; })</c>).
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="configure">Sets the options, once, at registration.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHttpClientBuilder AddOAuth1UserToken(this IHttpClientBuilder builder, Action<OAuth1UserTokenOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new OAuth1UserTokenOptions();
        configure(options);

        // First in the pipeline rather than appended: registered after AddOAuth1, an appended handler would set the
        // token below the signer, on a request already signed without it.
        return builder.ConfigureAdditionalHttpMessageHandlers((handlers, services) =>
            handlers.Insert(0, new OAuth1UserTokenHandler(services.GetRequiredService<IOAuth1UserTokenAccessor>(), options.Scheme)
            {
                AllowWithoutUserToken = options.AllowWithoutUserToken,
            }));
    }
}
