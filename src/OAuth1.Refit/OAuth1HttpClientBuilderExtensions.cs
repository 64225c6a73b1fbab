using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using OAuth1;
using OAuth1.Refit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Signs every request of an <c>IHttpClientFactory</c> client (a Refit client from <c>AddRefitGeneratedClient</c>, a
/// typed client, or a named one) with OAuth 1.0a.
/// </summary>
/// <remarks>
/// <para><b>What it adds.</b> <c>AddOAuth1</c> appends an <see cref="OAuth1Handler"/> to the client's handler
/// pipeline with <c>AddHttpMessageHandler</c>'s mechanism, so the factory still owns the primary handler, its
/// rotation (<c>SetHandlerLifetime</c>) and every other handler. It also turns automatic redirects off on the primary
/// handler when that is a <see cref="SocketsHttpHandler"/> or <see cref="HttpClientHandler"/> (whichever primary
/// handler the client ends up with, even one configured after <c>AddOAuth1</c>): a redirect followed by the primary
/// handler would drop the signature, so <see cref="OAuth1Handler"/> follows same-origin redirects itself, re-signed.
/// Another kind of primary handler is left as it is; turn its redirects off yourself.</para>
/// <para><b>Order.</b> Handlers run in the order they were added, the first one outermost. Register retry and
/// resilience handlers <i>before</i> <c>AddOAuth1</c>:
/// <code>
/// IHttpClientBuilder api = services.AddRefitGeneratedClient&lt;IApi&gt;()
///     .ConfigureHttpClient(c =&gt; c.BaseAddress = new Uri("https://api.example.com"));
/// api.AddStandardResilienceHandler();   // outer: retries, timeouts, circuit breaker
/// api.AddOAuth1(o =&gt; { o.ConsumerKey = "..."; o.ConsumerSecret = "..."; });   // inner: signs each attempt
/// </code>
/// (<c>AddStandardResilienceHandler</c> returns its own pipeline builder, hence the variable.) The same holds for
/// <c>AddResilienceHandler</c> (a Polly pipeline) and Refit's <c>HttpRetryHandler</c> added with
/// <c>AddHttpMessageHandler</c>.
/// The signer then sits inside the retry loop: each attempt is signed again with a fresh nonce and timestamp, after
/// the previous attempt's <c>oauth_*</c> parameters have been taken out of the query or the form body. Registered
/// after <c>AddOAuth1</c>, a retry handler would re-send the first attempt's nonce, which a provider refuses as a
/// replay. Handlers added after <c>AddOAuth1</c> see the signed request (logging, metrics); they must not change the
/// URI, the form body or the method, or the signature no longer matches.</para>
/// <para><b>Options.</b> The options are resolved each time the factory builds a handler pipeline (at most once per
/// handler lifetime, two minutes by default) and read at each send. With <see cref="AddOAuth1(IHttpClientBuilder, Action{OAuth1Options})"/>
/// they are the named <see cref="OAuth1Options"/> of the client's name (<see cref="IHttpClientBuilder.Name"/>), one
/// instance until the options are reloaded, so <c>IOptionsMonitor&lt;OAuth1Options&gt;.Get(name)</c> returns the
/// instance in use: set its <see cref="OAuth1Options.TokenCredentials"/> to switch the token at run time.</para>
/// <para><b>Per-user tokens.</b> A request that carries an <see cref="OAuth1Token"/> in
/// <see cref="OAuth1RequestOptions.Token"/> is signed with that token: with Refit, a parameter
/// <c>[Property(OAuth1RequestOptions.TokenKeyName)] OAuth1Token token</c>. Or choose the token in code with
/// <see cref="AddOAuth1TokenProvider"/>.</para>
/// </remarks>
public static class OAuth1HttpClientBuilderExtensions
{
    /// <summary>Signs every request of this client with OAuth 1.0a, with options configured in code.</summary>
    /// <param name="builder">The client builder, e.g. from <c>AddRefitGeneratedClient&lt;T&gt;()</c>.</param>
    /// <param name="configure">Sets the credentials and protocol options (the named options of the client's name).</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>AddOAuth1</c> was already called for this client.</exception>
    /// <remarks>
    /// The options are validated when the factory first builds the client's handlers: a missing
    /// <see cref="OAuth1Options.ConsumerKey"/> or <see cref="OAuth1Options.SignatureMethod"/> throws an
    /// <see cref="OptionsValidationException"/> there. See <see cref="OAuth1HttpClientBuilderExtensions"/> for the
    /// handler order.
    /// </remarks>
    public static IHttpClientBuilder AddOAuth1(this IHttpClientBuilder builder, Action<OAuth1Options> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        string name = builder.Name;
        AddNamedOptions(builder).Configure(configure);
        return AddOAuth1Core(builder, services => services.GetRequiredService<IOptionsMonitor<OAuth1Options>>().Get(name));
    }

    /// <summary>
    /// Signs every request of this client with OAuth 1.0a, with options taken from the service provider (for example
    /// a singleton your application keeps, or options built from a secret store).
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="optionsFactory">
    /// Returns the options. Called each time the factory builds the client's handler pipeline (at most once per
    /// handler lifetime), with the pipeline's service provider; return a shared instance to change credentials for
    /// pipelines already built.
    /// </param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>AddOAuth1</c> was already called for this client.</exception>
    public static IHttpClientBuilder AddOAuth1(this IHttpClientBuilder builder, Func<IServiceProvider, OAuth1Options> optionsFactory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(optionsFactory);
        return AddOAuth1Core(builder, services => optionsFactory(services)
            ?? throw new InvalidOperationException($"The OAuth1Options factory of HTTP client '{builder.Name}' returned null."));
    }

    /// <summary>
    /// Signs every request of this client with OAuth 1.0a, with options bound from a configuration section, then
    /// optionally adjusted in code (an RSA key object, a clock).
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="configuration">
    /// The section, e.g. <c>configuration.GetSection("OAuth1")</c>. Keys (all optional but <c>ConsumerKey</c>):
    /// <c>ConsumerKey</c>, <c>ConsumerSecret</c>, <c>Token</c>, <c>TokenSecret</c>, <c>SignatureMethod</c> (a name
    /// such as <c>HMAC-SHA256</c>, read with <see cref="OAuth1SignatureMethod.FromName(string, string?)"/>; <c>RSA-SHA1</c>,
    /// <c>RSA-SHA256</c> and <c>RSA-SHA512</c> take the PEM text of the private key from <c>RsaPrivateKey</c>),
    /// <c>SignatureLocation</c> (<c>Header</c>, <c>Query</c> or <c>Body</c>), <c>Realm</c>, <c>Callback</c>,
    /// <c>Verifier</c>, <c>IncludeVersion</c>, <c>IncludeBodyHash</c>, <c>AllowPlaintextOverHttp</c>,
    /// <c>FollowRedirects</c>, <c>AllowCrossOriginRedirects</c>, and a subsection <c>ExtraProtocolParameters</c>.
    /// A reload of the section applies to handler pipelines built after it.
    /// </param>
    /// <param name="configure">Adjusts the bound options; runs after binding.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>AddOAuth1</c> was already called for this client.</exception>
    /// <remarks>
    /// Binding runs when the options are first needed; a value that cannot be read (an unknown method name, a
    /// malformed boolean) throws an <see cref="InvalidOperationException"/> naming the key, never its value.
    /// </remarks>
    public static IHttpClientBuilder AddOAuth1(this IHttpClientBuilder builder, IConfiguration configuration, Action<OAuth1Options>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        string name = builder.Name;
        OptionsBuilder<OAuth1Options> options = AddNamedOptions(builder);
        options.Configure(o => OAuth1OptionsBinder.Bind(o, configuration));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddSingleton<IOptionsChangeTokenSource<OAuth1Options>>(new ConfigurationChangeTokenSource<OAuth1Options>(name, configuration));
        return AddOAuth1Core(builder, services => services.GetRequiredService<IOptionsMonitor<OAuth1Options>>().Get(name));
    }

    /// <summary>
    /// Chooses the token for each request of this client in code (the signed-in user, a tenant), instead of the
    /// token of the options. Works with <c>AddOAuth1</c> in either order.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="tokenProvider">
    /// Returns the token for a request, or <see langword="null"/> to sign it with the options' token (or none). Called
    /// on every attempt, inside the retry loop when <c>AddOAuth1</c> is registered after the retry handler, with the
    /// service provider of the handler pipeline (a scope that lives as long as the pipeline, not the request: for
    /// per-request state use <c>IHttpContextAccessor</c> or the request's <see cref="HttpRequestMessage.Options"/>).
    /// It is not called for a request that already carries a token in <see cref="OAuth1RequestOptions.Token"/>
    /// (a Refit <c>[Property(OAuth1RequestOptions.TokenKeyName)]</c> parameter), which wins.
    /// </param>
    /// <returns>The builder, for chaining.</returns>
    public static IHttpClientBuilder AddOAuth1TokenProvider(
        this IHttpClientBuilder builder,
        Func<IServiceProvider, HttpRequestMessage, CancellationToken, ValueTask<OAuth1Token?>> tokenProvider)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        builder.Services.Configure<OAuth1TokenProviderRegistration>(builder.Name, registration =>
        {
            if (registration.Provider is not null)
            {
                throw new InvalidOperationException($"AddOAuth1TokenProvider was called more than once for HTTP client '{builder.Name}'.");
            }

            registration.Provider = tokenProvider;
        });
        return builder;
    }

    private static OptionsBuilder<OAuth1Options> AddNamedOptions(IHttpClientBuilder builder)
    {
        string name = builder.Name;
        return builder.Services.AddOptions<OAuth1Options>(name)
            .Validate(
                o => !string.IsNullOrEmpty(o.ConsumerKey),
                $"OAuth1Options.ConsumerKey is required for HTTP client '{name}'.")
            .Validate(
                o => o.SignatureMethod is not null,
                $"OAuth1Options.SignatureMethod is required for HTTP client '{name}'.");
    }

    private static IHttpClientBuilder AddOAuth1Core(IHttpClientBuilder builder, Func<IServiceProvider, OAuth1Options> resolveOptions)
    {
        string name = builder.Name;
        foreach (ServiceDescriptor descriptor in builder.Services)
        {
            if (descriptor.ServiceType == typeof(OAuth1ClientMarker)
                && !descriptor.IsKeyedService
                && descriptor.ImplementationInstance is OAuth1ClientMarker marker
                && string.Equals(marker.Name, name, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"AddOAuth1 was already called for HTTP client '{name}'; a second signing handler would sign each request twice. Configure the options once.");
            }
        }

        builder.Services.AddSingleton(new OAuth1ClientMarker(name));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<HttpClientFactoryOptions>, DisableAutomaticRedirects>());

        // The same mechanism as AddHttpMessageHandler: one builder action, run in registration order, that appends
        // to AdditionalHandlers; the factory links the handlers and sets the primary handler below the last one.
        builder.Services.Configure<HttpClientFactoryOptions>(name, factoryOptions =>
            factoryOptions.HttpMessageHandlerBuilderActions.Add(handlers =>
            {
                OAuth1Options options = resolveOptions(handlers.Services);
                var provider = handlers.Services.GetService<IOptionsMonitor<OAuth1TokenProviderRegistration>>()?.Get(name).Provider;
                if (provider is not null)
                {
                    IServiceProvider services = handlers.Services;
                    handlers.AdditionalHandlers.Add(new OAuth1TokenSelectionHandler((request, cancellationToken) => provider(services, request, cancellationToken)));
                }

                handlers.AdditionalHandlers.Add(new OAuth1Handler(options));
            }));
        return builder;
    }

    /// <summary>Marks a client name that has an <see cref="OAuth1Handler"/>.</summary>
    private sealed class OAuth1ClientMarker(string name)
    {
        public string Name { get; } = name;
    }

    /// <summary>
    /// Turns automatic redirects off on the primary handler of every client that has an <see cref="OAuth1Handler"/>.
    /// A post-configuration, so that its builder action runs after every other one and sees the final primary
    /// handler, even one set by <c>ConfigurePrimaryHttpMessageHandler</c> after <c>AddOAuth1</c>.
    /// </summary>
    private sealed class DisableAutomaticRedirects(IEnumerable<OAuth1ClientMarker> markers) : IPostConfigureOptions<HttpClientFactoryOptions>
    {
        private readonly HashSet<string> _names = new(markers.Select(m => m.Name), StringComparer.Ordinal);

        public void PostConfigure(string? name, HttpClientFactoryOptions options)
        {
            if (name is not null && _names.Contains(name))
            {
                options.HttpMessageHandlerBuilderActions.Add(static handlers => OAuth1PrimaryHandler.DisableAutomaticRedirects(handlers.PrimaryHandler));
            }
        }
    }
}
