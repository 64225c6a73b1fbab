using System.Text;

namespace OAuth1.Fuzz.Targets;

/// <summary>
/// <c>callback-url</c>: the whole input, read as UTF-8, is the URL (or query) the provider sent the user back to,
/// given to <see cref="OAuth1AuthorizationResponse.Parse"/>; a response is then checked with
/// <see cref="OAuth1AuthorizationResponse.EnsureAnswers"/> against the request token <c>fuzz-request-token</c>, with
/// and without a required verifier.
/// </summary>
/// <remarks>
/// Contract: <c>Parse</c> gives a response with a non-empty token, or throws
/// <see cref="OAuth1AuthorizationDeniedException"/>; <c>EnsureAnswers</c> returns, or throws
/// <see cref="OAuth1CallbackMismatchException"/> or (for a missing verifier) <see cref="OAuth1Exception"/> itself.
/// Allocation: at most 96 bytes per input byte + 4 KB (the query, its pairs, a message quoting at most 200
/// characters of each value; the seeds take 10 to 30 bytes per byte).
/// </remarks>
public sealed class CallbackUrlTarget : FuzzTarget
{
    /// <summary>The request token the flow started with.</summary>
    public const string RequestToken = "fuzz-request-token";

    /// <summary>Creates the target.</summary>
    public CallbackUrlTarget()
        : base("callback-url", bytesPerInputByte: 96, constantBytes: 4 * 1024, typeof(OAuth1AuthorizationDeniedException))
    {
    }

    /// <inheritdoc />
    protected override void Run(ReadOnlySpan<byte> input)
    {
        OAuth1AuthorizationResponse response = OAuth1AuthorizationResponse.Parse(Encoding.UTF8.GetString(input));
        Check(!string.IsNullOrEmpty(response.Token), "Parse gave a response without a token.");
        Check(response.Verifier is null || response.Verifier.Length > 0, "Parse gave an empty verifier instead of none.");
        foreach (bool requireVerifier in (ReadOnlySpan<bool>)[true, false])
        {
            try
            {
                response.EnsureAnswers(RequestToken, requireVerifier);
                Check(string.Equals(response.Token, RequestToken, StringComparison.Ordinal), "EnsureAnswers accepted another token.");
                Check(!requireVerifier || response.Verifier is not null, "EnsureAnswers accepted a callback without the required verifier.");
            }
            catch (OAuth1CallbackMismatchException)
            {
                Check(!string.Equals(response.Token, RequestToken, StringComparison.Ordinal), "EnsureAnswers refused the flow's own token.");
            }
            catch (OAuth1Exception ex) when (ex.GetType() == typeof(OAuth1Exception))
            {
                Check(requireVerifier && response.Verifier is null, "EnsureAnswers refused a callback that has what it needs.");
            }
        }
    }
}
