using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OAuth1.AspNetCore;

namespace OAuth1.Fuzz.Targets;

/// <summary>
/// <c>callback-handler</c>: the callback request of an ASP.NET Core sign-in scheme
/// (<c>AddAuthentication().AddCookie("Cookies").AddOAuth1("fuzz", ...)</c>), run in-process on a
/// <see cref="DefaultHttpContext"/> at <c>https://app.example/signin-fuzz</c> without sockets. The input is
/// <list type="number">
/// <item>a line with the callback's query string (without its <c>?</c>);</item>
/// <item>the rest: the state the challenge would have kept, as serialized by
/// <see cref="OAuth1RequestTokenStateSerializer"/> (no state cookie at all when empty).</item>
/// </list>
/// </summary>
/// <remarks>
/// <para>The state cookie is normally encrypted and authenticated, so a forged one never reaches the deserializer.
/// Here the scheme's <see cref="OAuth1AuthenticationOptions.StateDataFormat"/> is a pass-through (base64url of the
/// serialized state, no protection, exceptions not swallowed), so the fuzzer drives the state's deserializer and
/// every path after it: a state that matches the query's <c>oauth_token</c> exchanges the verifier with an in-memory
/// provider that answers a fixed access token, and the user is signed in with the cookie scheme.</para>
/// <para>Contract: the handler handles the request and answers 200 or a redirect (302) after a sign-in, 302 to the
/// access-denied path, or the failure page (400, or 403 for a denial), with no exception at all; no header or body
/// of the answer carries the consumer secret or the access token's secret. The clock is fixed at 2020-01-01.
/// Allocation: at most 512 bytes per input byte + 256 KB (the request, the DI scope, the handler, the sign-in with its
/// encrypted cookie, the failure page; the seeds take 14 to 58 KB).</para>
/// </remarks>
public sealed class CallbackHandlerTarget : FuzzTarget, IDisposable
{
    /// <summary>The consumer secret of the scheme.</summary>
    public const string ConsumerSecret = "fuzz-consumer-secret";

    /// <summary>The secret of the access token the in-memory provider answers.</summary>
    public const string AccessTokenSecret = "fuzz-access-token-secret";

    /// <summary>The clock of the scheme: 2020-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Now = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string SchemeName = "fuzz";
    private const string StateCookieName = ".AspNetCore.OAuth1." + SchemeName;

    private readonly ServiceProvider _services;

    /// <summary>Creates the target and its services.</summary>
    public CallbackHandlerTarget()
        : base("callback-handler", bytesPerInputByte: 512, constantBytes: 256 * 1024)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddAuthentication(options => options.DefaultScheme = "Cookies")
            .AddCookie("Cookies", options => options.TimeProvider = new FixedTimeProvider(Now))
            .AddOAuth1(SchemeName, options =>
            {
                options.ConsumerKey = "fuzz-consumer";
                options.ConsumerSecret = ConsumerSecret;
                options.RequestTokenEndpoint = "https://provider.example/oauth/request_token";
                options.AuthorizationEndpoint = "https://provider.example/oauth/authorize";
                options.AccessTokenEndpoint = "https://provider.example/oauth/access_token";
                options.SignInScheme = "Cookies";
                options.BackchannelHttpHandler = new ProviderHandler();
                options.StateDataFormat = new PassThroughStateFormat();
                options.TimeProvider = new FixedTimeProvider(Now);
            });
        _services = services.BuildServiceProvider();
    }

    /// <inheritdoc />
    public void Dispose() => _services.Dispose();

    /// <inheritdoc />
    protected override void Run(ReadOnlySpan<byte> input)
    {
        var reader = new FuzzInput(input);
        string query = reader.ReadLine();
        ReadOnlySpan<byte> state = reader.Rest;
        using AsyncServiceScope scope = _services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("app.example");
        context.Request.Method = "GET";
        context.Request.Path = "/signin-fuzz";
        context.Request.QueryString = new QueryString("?" + query);
        if (!state.IsEmpty)
        {
            context.Request.Headers.Cookie = StateCookieName + "=" + Base64UrlTextEncoder.Encode(state.ToArray());
        }

        var body = new MemoryStream();
        context.Response.Body = body;
        Check(HandleAsync(context).GetAwaiter().GetResult(), "the handler did not handle its callback path.");

        int status = context.Response.StatusCode;
        Check(status is 200 or 302 or 400 or 403, $"the callback answered {status}.");
        Check(status != 302 || !string.IsNullOrEmpty(context.Response.Headers.Location), "a redirect without a Location.");
        string answer = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
        foreach (var header in context.Response.Headers)
        {
            answer += "\n" + header.Key + ": " + header.Value;
        }

        foreach (string secret in (ReadOnlySpan<string>)[ConsumerSecret, AccessTokenSecret, WebUtility.HtmlEncode(ConsumerSecret), Uri.EscapeDataString(AccessTokenSecret)])
        {
            Check(!answer.Contains(secret, StringComparison.Ordinal), $"the answer carries a secret: {answer}");
        }
    }

    private static async Task<bool> HandleAsync(HttpContext context)
    {
        IAuthenticationHandlerProvider handlers = context.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
        IAuthenticationHandler? handler = await handlers.GetHandlerAsync(context, SchemeName);
        return handler is IAuthenticationRequestHandler requestHandler && await requestHandler.HandleRequestAsync();
    }

    /// <summary>The provider's token endpoint: answers every request with the same access token, synchronously.</summary>
    private sealed class ProviderHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StringContent(
                $"oauth_token=fuzz-access-token&oauth_token_secret={AccessTokenSecret}&user_id=42&screen_name=fuzz",
                Encoding.UTF8,
                FormUrlEncoding.MediaType);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }

    /// <summary>The state cookie without protection: base64url of the serialized state; what the deserializer throws escapes.</summary>
    private sealed class PassThroughStateFormat : ISecureDataFormat<OAuth1RequestTokenState>
    {
        public string Protect(OAuth1RequestTokenState data) => Protect(data, purpose: null);

        public string Protect(OAuth1RequestTokenState data, string? purpose) =>
            Base64UrlTextEncoder.Encode(OAuth1RequestTokenStateSerializer.Default.Serialize(data));

        public OAuth1RequestTokenState? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

        public OAuth1RequestTokenState? Unprotect(string? protectedText, string? purpose) =>
            protectedText is null ? null : OAuth1RequestTokenStateSerializer.Default.Deserialize(Base64UrlTextEncoder.Decode(protectedText));
    }
}
