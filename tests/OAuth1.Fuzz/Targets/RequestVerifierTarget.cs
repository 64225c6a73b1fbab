using System.Security.Cryptography;
using System.Text;

namespace OAuth1.Fuzz.Targets;

/// <summary>
/// <c>request-verifier</c>: a signed request as a provider receives it, given to
/// <see cref="OAuth1RequestVerifier.VerifyAsync"/>. The input is
/// <list type="number">
/// <item>a line <c>METHOD URL</c> (the method <c>GET</c> when empty; an input whose URL is not absolute is skipped,
/// since <see cref="OAuth1IncomingRequest"/> takes a <see cref="Uri"/>), its query the request's query;</item>
/// <item>a line with the <c>Authorization</c> header (none when empty);</item>
/// <item>a line with the <c>Content-Type</c> (none when empty);</item>
/// <item>the rest: the body.</item>
/// </list>
/// </summary>
/// <remarks>
/// <para>The credential store is fixed and in memory: the clients of the public vectors (<c>foo</c> with
/// <c>super secret</c> and an RSA public key, token <c>abcdefghijklmnopqrstuvxyz</c>; the RFC 5849 example's
/// <c>9djdj82h48djs9d2</c>, token <c>kkk9d7dh3k39sjv7</c>). The clock is fixed at 1234567890, the vectors' timestamp;
/// each input gets a new <see cref="InMemoryNonceStore"/>, so an input takes the same path every time.</para>
/// <para>Contract: a result and no exception at all; a request that verifies is refused as a replay
/// (<see cref="OAuth1VerificationFailure.NonceUsed"/>) when verified again (unless it is PLAINTEXT without timestamp and
/// nonce, which RFC 5849 section 3.1 allows), and a refused one is refused again for the same reason; a secret of the store appears in a result's
/// message or base string only when the input carries it (in any spelling: escaped, quoted, split by punctuation). Allocation: at most 256 bytes per input byte +
/// 128 KB (two verifications: the parameters, the base string, the signature; the seeds take 9 to 29 KB).</para>
/// </remarks>
public sealed class RequestVerifierTarget : FuzzTarget
{
    private const string RsaPublicKeyPem =
        "-----BEGIN PUBLIC KEY-----\n"
        + "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDVLQCATX8iK+aZuGVdkGb6uiar\n"
        + "Li/jqFwL1dYj0JLIsdQcKaMWtPC06K0+vI+RRZcjKc6sNB9/7kJcKN9Ekc9BUxyT\n"
        + "/D09Cz47cmCYsUoiW7G8NSqbE4wPiVpGkJRzFAxaCWwOSSQ+lpC9vwxnvVQfOoZ1\n"
        + "npmWbCdA0iTxsMahwQIDAQAB\n"
        + "-----END PUBLIC KEY-----";

    private static readonly string[] Secrets = ["super secret", "even more secret", "j49sk3j29djd", "dh893hdasih9"];

    private readonly CredentialStore _store = new();
    private readonly FixedTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_234_567_890));

    /// <summary>Creates the target.</summary>
    public RequestVerifierTarget()
        : base("request-verifier", bytesPerInputByte: 256, constantBytes: 128 * 1024)
    {
    }

    /// <inheritdoc />
    protected override void Run(ReadOnlySpan<byte> input)
    {
        var reader = new FuzzInput(input);
        string[] requestLine = reader.ReadLine().Split(' ', 2, StringSplitOptions.TrimEntries);
        if (requestLine.Length < 2 || !Uri.TryCreate(requestLine[1], UriKind.Absolute, out Uri? uri))
        {
            return;
        }

        string header = reader.ReadLine();
        string contentType = reader.ReadLine();
        var request = new OAuth1IncomingRequest(requestLine[0].Length == 0 ? "GET" : requestLine[0], uri)
        {
            AuthorizationHeader = header.Length == 0 ? null : header,
            ContentType = contentType.Length == 0 ? null : contentType,
            Body = reader.Rest.ToArray(),
        };
        var verifier = new OAuth1RequestVerifier(
            _store,
            new OAuth1VerifierOptions { TimeProvider = _clock, NonceStore = new InMemoryNonceStore(timeProvider: _clock) });
        OAuth1VerificationResult first = verifier.VerifyAsync(request).GetAwaiter().GetResult();
        OAuth1VerificationResult second = verifier.VerifyAsync(request).GetAwaiter().GetResult();
        Check(first.IsValid == (first.Failure == OAuth1VerificationFailure.None), "IsValid disagrees with Failure.");
        Check(first.IsValid == (first.Problem is null), "Problem is set for a valid request, or missing for a refused one.");
        if (first.IsValid)
        {
            // RFC 5849 section 3.1: PLAINTEXT may leave out the timestamp and the nonce, and then nothing tells a replay.
            bool withoutFreshness = first.SignatureMethod == "PLAINTEXT" && first.Get(OAuth1Parameters.Timestamp) is null && first.Get(OAuth1Parameters.Nonce) is null;
            Check(
                withoutFreshness ? second.IsValid : second.Failure == OAuth1VerificationFailure.NonceUsed,
                $"verified again, a valid request gave {second.Failure} (the replay of a request with a nonce must be NonceUsed).");
        }
        else
        {
            Check(second.Failure == first.Failure, $"verified again, a refused request gave {second.Failure} instead of {first.Failure}.");
        }

        // A message may quote what the request sent (an unknown key, a token): a secret counts as leaked only when the
        // input does not carry it in any spelling (escaped, quoted, split by punctuation).
        string sent = Letters(Uri.UnescapeDataString(Uri.UnescapeDataString(Encoding.UTF8.GetString(input).Replace('+', ' '))));
        foreach (string secret in Secrets)
        {
            string letters = Letters(secret);
            if (sent.Contains(letters, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (OAuth1VerificationResult result in (ReadOnlySpan<OAuth1VerificationResult>)[first, second])
            {
                Check(!Letters(result.Message).Contains(letters, StringComparison.Ordinal), $"the message carries a secret: {result.Message}");
                Check(result.BaseString is null || !Letters(result.BaseString).Contains(letters, StringComparison.Ordinal), "the base string carries a secret.");
            }
        }
    }

    /// <summary>The letters and digits of <paramref name="text"/>, lower case.</summary>
    private static string Letters(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>The fixed clients and tokens, answered synchronously.</summary>
    private sealed class CredentialStore : IOAuth1CredentialStore
    {
        private readonly Dictionary<string, OAuth1ConsumerCredentials> _consumers;
        private readonly Dictionary<(string Consumer, string Token), string> _tokens = new()
        {
            [("foo", "abcdefghijklmnopqrstuvxyz")] = "even more secret",
            [("9djdj82h48djs9d2", "kkk9d7dh3k39sjv7")] = "dh893hdasih9",
        };

        public CredentialStore()
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(RsaPublicKeyPem);
            _consumers = new(StringComparer.Ordinal)
            {
                ["foo"] = new OAuth1ConsumerCredentials("super secret", rsa),
                ["9djdj82h48djs9d2"] = new OAuth1ConsumerCredentials("j49sk3j29djd"),
            };
        }

        public ValueTask<OAuth1ConsumerCredentials?> FindConsumerAsync(string consumerKey, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_consumers.GetValueOrDefault(consumerKey));

        public ValueTask<string?> FindTokenSecretAsync(string consumerKey, string token, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_tokens.GetValueOrDefault((consumerKey, token)));
    }
}
