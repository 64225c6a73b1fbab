using System.Globalization;
using System.Net;

namespace OAuth1.Fuzz.Targets;

/// <summary>
/// <c>token-response</c>: a token endpoint's answer, read by the real reader through
/// <see cref="OAuth1TokenEndpointClient"/> over an in-memory <see cref="HttpMessageHandler"/>. The input is
/// <list type="number">
/// <item>a line <c>STEP STATUS</c>: the call (<c>request</c>, <c>access</c>, <c>xauth</c> or <c>refresh</c>; anything
/// else is <c>access</c>) and the HTTP status of the answer (100 to 599; anything else is 200);</item>
/// <item>a line with the answer's <c>Content-Type</c> (none when empty), taken without validation;</item>
/// <item>a line with its <c>WWW-Authenticate</c> header (none when empty);</item>
/// <item>the rest: the body.</item>
/// </list>
/// </summary>
/// <remarks>
/// Contract: the call gives a token, or throws <see cref="OAuth1ProblemException"/> (a refusal) or
/// <see cref="OAuth1InvalidTokenResponseException"/> (not a token), as the client documents; no message, body excerpt
/// or problem field contains a secret of the step: the consumer secret, and the token's secret (access and refresh) or
/// the xAuth password. Allocation: at most 128 bytes per input byte + 96 KB (the request and its signature, the body read in
/// 8 KB chunks and copied, its fields, the redacted excerpt; the seeds take 17 to 28 KB).
/// </remarks>
public sealed class TokenResponseTarget : FuzzTarget
{
    /// <summary>The consumer secret the requests are signed with.</summary>
    public const string ConsumerSecret = "fuzz-consumer-secret";

    /// <summary>The secret of the request token (access step) and of the expired token (refresh step).</summary>
    public const string TokenSecret = "fuzz-token-secret";

    /// <summary>The xAuth password.</summary>
    public const string Password = "fuzz-xauth-password";

    private static readonly Uri Endpoint = new("https://provider.example/oauth/token");

    private readonly AnswerHandler _handler = new();
    private readonly HttpClient _httpClient;
    private readonly OAuth1TokenEndpointClient _client;

    /// <summary>Creates the target.</summary>
    public TokenResponseTarget()
        : base("token-response", bytesPerInputByte: 128, constantBytes: 96 * 1024, typeof(OAuth1ProblemException), typeof(OAuth1InvalidTokenResponseException))
    {
        _httpClient = new HttpClient(_handler);
        var options = new OAuth1Options
        {
            ConsumerKey = "fuzz-consumer",
            ConsumerSecret = ConsumerSecret,
            TimeProvider = new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_234_567_890)),
            NonceGenerator = static () => "fuzz-nonce",
        };
        _client = new OAuth1TokenEndpointClient(_httpClient, options);
    }

    /// <inheritdoc />
    protected override void Run(ReadOnlySpan<byte> input)
    {
        var reader = new FuzzInput(input);
        string[] first = reader.ReadLine().Split(' ', 2, StringSplitOptions.TrimEntries);
        _handler.Status = first.Length > 1 && int.TryParse(first[1], NumberStyles.None, CultureInfo.InvariantCulture, out int status) && status is >= 100 and <= 599
            ? (HttpStatusCode)status
            : HttpStatusCode.OK;
        _handler.ContentType = reader.ReadLine();
        _handler.WwwAuthenticate = reader.ReadLine();
        _handler.Body = reader.Rest.ToArray();
        // The secrets this step holds; another step's secret in an answer is just text to it.
        string[] secrets = first[0] switch
        {
            "request" => [ConsumerSecret],
            "xauth" => [ConsumerSecret, Password],
            _ => [ConsumerSecret, TokenSecret],
        };
        try
        {
            Task<OAuth1Token> call = first[0] switch
            {
                "request" => _client.FetchRequestTokenAsync(Endpoint, "https://client.example/callback"),
                "xauth" => _client.FetchAccessTokenWithXAuthAsync(Endpoint, "fuzz-user", Password),
                "refresh" => _client.RefreshAccessTokenAsync(
                    Endpoint,
                    OAuth1Token.FromDictionary([new(OAuth1Parameters.Token, "fuzz-token"), new(OAuth1Parameters.TokenSecret, TokenSecret), new(OAuth1Parameters.SessionHandle, "fuzz-handle")])),
                _ => _client.FetchAccessTokenAsync(Endpoint, new OAuth1Token("fuzz-token", TokenSecret), "fuzz-verifier"),
            };
            OAuth1Token token = call.GetAwaiter().GetResult();
            Check(!string.IsNullOrEmpty(token.Token), "the token is empty.");
        }
        catch (OAuth1TokenEndpointException ex)
        {
            CheckNoSecret(secrets, ex.Message, "the message");
            if (ex is OAuth1ProblemException problem)
            {
                CheckNoSecret(secrets, problem.ResponseBody, "the body excerpt");
                foreach (var field in problem.ProblemParameters)
                {
                    CheckNoSecret(secrets, field.Value, $"the problem field '{field.Key}'");
                }
            }

            throw;
        }
    }

    private void CheckNoSecret(string[] secrets, string text, string where)
    {
        foreach (string secret in secrets)
        {
            Check(!text.Contains(secret, StringComparison.Ordinal), $"{where} contains a secret: {text}");
        }
    }

    /// <summary>Answers every request with the fields of the current input, synchronously.</summary>
    private sealed class AnswerHandler : HttpMessageHandler
    {
        public HttpStatusCode Status { get; set; }

        public string ContentType { get; set; } = string.Empty;

        public string WwwAuthenticate { get; set; } = string.Empty;

        public byte[] Body { get; set; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(Body);
            if (ContentType.Length > 0)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            var response = new HttpResponseMessage(Status) { Content = content, RequestMessage = request };
            if (WwwAuthenticate.Length > 0)
            {
                response.Headers.TryAddWithoutValidation("WWW-Authenticate", WwwAuthenticate);
            }

            return Task.FromResult(response);
        }
    }
}
