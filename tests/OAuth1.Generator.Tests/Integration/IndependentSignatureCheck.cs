using OAuth1.TestSupport;

namespace OAuth1.Generator.Tests.Integration;

/// <summary>
/// A second opinion on the signature of a request the provider received, from <see cref="IndependentVerifier"/>
/// (RFC 5849 section 3.4 written out again in test code, sharing nothing with the engine).
/// </summary>
internal static class IndependentSignatureCheck
{
    public static (string BaseString, bool Valid) Check(ReceivedRequest request, Uri provider, string consumerSecret, string tokenSecret)
    {
        var credentials = new FakeCredentialStore().AddConsumer(LoopbackProvider.ConsumerKey, consumerSecret);
        if (request.Verification.Token is { } token)
        {
            credentials.AddToken(LoopbackProvider.ConsumerKey, token, tokenSecret);
        }

        VerificationResult result = new IndependentVerifier(credentials, LoopbackProvider.ConsumerKey).Verify(
            request.Method, provider.Scheme, provider.Authority, request.RawTarget, request.Authorization, request.ContentType, request.ContentEncoding, request.Body);
        return (result.BaseString ?? string.Empty, result.Verified);
    }
}
