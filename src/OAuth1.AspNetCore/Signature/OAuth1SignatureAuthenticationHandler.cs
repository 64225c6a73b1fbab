using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OAuth1.AspNetCore;

/// <summary>
/// Authenticates requests signed with OAuth 1.0a (RFC 5849 section 3.2) through <see cref="OAuth1RequestVerifier"/>:
/// the ASP.NET Core counterpart of Authlib's <c>ResourceProtector</c>. A verified request gets a principal with the
/// <c>oauth_consumer_key</c> and <c>oauth_token</c> claims and an <see cref="IOAuth1VerificationFeature"/>.
/// </summary>
/// <remarks>
/// Failures answer as RFC 5849 section 3.2 and the OAuth Problem Reporting extension say, with
/// <c>WWW-Authenticate: OAuth realm="…", oauth_problem="…"</c> and never a word about which secret was tried: no OAuth
/// parameters at all is a 401 challenge; a missing, duplicated or malformed parameter, an unsupported version or
/// signature method is 400; bad client credentials, token, timestamp, nonce, body hash or signature are 401; a nonce
/// store that cannot answer is 503 with <c>Retry-After</c>; a body larger than
/// <see cref="OAuth1SignatureAuthenticationOptions.MaxBodySize"/> is 413.
/// </remarks>
public sealed class OAuth1SignatureAuthenticationHandler : AuthenticationHandler<OAuth1SignatureAuthenticationOptions>
{
    /// <summary>The claim type of the client's key.</summary>
    public const string ConsumerKeyClaimType = OAuth1Parameters.ConsumerKey;

    /// <summary>The claim type of the token.</summary>
    public const string TokenClaimType = OAuth1Parameters.Token;

    private readonly OAuth1SignatureNonceStores _nonceStores;
    private OAuth1VerificationResult? _failure;
    private bool _bodyTooLarge;

    /// <summary>Creates the handler (by dependency injection).</summary>
    /// <param name="options">The scheme options.</param>
    /// <param name="logger">The logger factory.</param>
    /// <param name="encoder">The URL encoder.</param>
    /// <param name="nonceStores">The per-scheme in-memory nonce stores, used when no <see cref="IOAuth1NonceStore"/> is registered.</param>
    public OAuth1SignatureAuthenticationHandler(
        IOptionsMonitor<OAuth1SignatureAuthenticationOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        OAuth1SignatureNonceStores nonceStores)
        : base(options, logger, encoder)
    {
        _nonceStores = nonceStores;
    }

    /// <summary>The events.</summary>
    private new OAuth1SignatureEvents Events => (OAuth1SignatureEvents)base.Events!;

    /// <inheritdoc />
    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new OAuth1SignatureEvents());

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        OAuth1IncomingRequest incoming;
        try
        {
            incoming = await OAuth1IncomingRequestExtensions.ReadAsync(Request, Options.MaxBodySize, Context.RequestAborted);
        }
        catch (BodyTooLargeException)
        {
            _bodyTooLarge = true;
            return AuthenticateResult.Fail($"The request body is larger than {Options.MaxBodySize} bytes.");
        }

        if (!CarriesOAuthParameters(incoming))
        {
            return AuthenticateResult.NoResult();
        }

        var verifier = new OAuth1RequestVerifier(Context.RequestServices.GetRequiredService<IOAuth1CredentialStore>(), VerifierOptions());
        OAuth1VerificationResult result = await verifier.VerifyAsync(incoming, Context.RequestAborted);
        if (!result.IsValid)
        {
            _failure = result;
            return AuthenticateResult.Fail(result.Message);
        }

        var identity = new ClaimsIdentity(Scheme.Name);
        identity.AddClaim(new Claim(ConsumerKeyClaimType, result.ConsumerKey!, ClaimValueTypes.String, ClaimsIssuer));
        if (result.Token is { Length: > 0 } token)
        {
            identity.AddClaim(new Claim(TokenClaimType, token, ClaimValueTypes.String, ClaimsIssuer));
        }

        Context.Features.Set<IOAuth1VerificationFeature>(new OAuth1VerificationFeature(result));
        var validated = new OAuth1SignatureValidatedContext(Context, Scheme, Options, new ClaimsPrincipal(identity), result);
        await Events.Validated(validated);
        if (validated.Result is { } decided)
        {
            return decided;
        }

        return validated.Principal is null
            ? AuthenticateResult.Fail("OnValidated removed the principal.")
            : AuthenticateResult.Success(new AuthenticationTicket(validated.Principal, Scheme.Name));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync();
        string realm = Options.Realm ?? Request.Host.Host;
        if (_bodyTooLarge)
        {
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (_failure is null)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = OAuth1AuthorizationHeader.Format([], realm);
            return;
        }

        Response.StatusCode = StatusFor(_failure.Failure);
        if (_failure.Failure == OAuth1VerificationFailure.NonceStoreUnavailable)
        {
            Response.Headers.RetryAfter = "5";
        }

        string header = OAuth1AuthorizationHeader.Format([], realm);
        Response.Headers.WWWAuthenticate = $"{header}, oauth_problem=\"{_failure.Problem}\"";
    }

    /// <summary>The status of a verification failure (RFC 5849 section 3.2).</summary>
    internal static int StatusFor(OAuth1VerificationFailure failure) => failure switch
    {
        OAuth1VerificationFailure.MalformedRequest or OAuth1VerificationFailure.ParameterAbsent or OAuth1VerificationFailure.DuplicateParameter
            or OAuth1VerificationFailure.VersionRejected or OAuth1VerificationFailure.SignatureMethodRejected => StatusCodes.Status400BadRequest,
        OAuth1VerificationFailure.NonceStoreUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status401Unauthorized,
    };

    private OAuth1VerifierOptions VerifierOptions()
    {
        var options = new OAuth1VerifierOptions
        {
            TimeProvider = TimeProvider,
            TimestampTolerance = Options.TimestampTolerance,
            RequireBodyHash = Options.RequireBodyHash,
            AllowPlaintextOverHttp = Options.AllowPlaintextOverHttp,
            Logger = Logger,
            NonceStore = Context.RequestServices.GetService<IOAuth1NonceStore>() ?? _nonceStores.For(Scheme.Name, TimeProvider),
        };
        foreach (string method in Options.AllowedSignatureMethods)
        {
            options.AllowedSignatureMethods.Add(method);
        }

        return options;
    }

    private static bool CarriesOAuthParameters(OAuth1IncomingRequest request)
    {
        if (request.AuthorizationHeader is { } header && header.TrimStart().StartsWith(OAuth1AuthorizationHeader.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var pair in FormUrlEncoding.Parse(request.Uri.Query.TrimStart('?')))
        {
            if (pair.Key.StartsWith("oauth_", StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (request.HasFormBody)
        {
            foreach (var pair in FormUrlEncoding.Parse(request.Body.Span))
            {
                if (pair.Key.StartsWith("oauth_", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>One in-memory nonce store per resource-protection scheme, for apps that register no <see cref="IOAuth1NonceStore"/>.</summary>
public sealed class OAuth1SignatureNonceStores
{
    private readonly ConcurrentDictionary<string, InMemoryNonceStore> _stores = new(StringComparer.Ordinal);

    /// <summary>The scheme's store, made on first use with the scheme's clock.</summary>
    /// <param name="scheme">The scheme name.</param>
    /// <param name="timeProvider">The scheme's clock.</param>
    /// <returns>The store.</returns>
    public IOAuth1NonceStore For(string scheme, TimeProvider timeProvider) =>
        _stores.GetOrAdd(scheme, static (_, clock) => new InMemoryNonceStore(timeProvider: clock), timeProvider);
}
