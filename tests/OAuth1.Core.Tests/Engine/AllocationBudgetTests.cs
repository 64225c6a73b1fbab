namespace OAuth1.Tests.Engine;

/// <summary>
/// The signing path's allocation budget: counted bytes, not time, so the tests are deterministic; speed itself is
/// measured in benchmarks/. The handler as users meet it (one request message sent again through
/// <see cref="OAuth1Handler"/>) may allocate at most 760 bytes per send, the header string included.
/// </summary>
public class AllocationBudgetTests
{
    private const string GetUrl = "https://api.example.com/1.1/statuses/user_timeline.json?screen_name=twitterapi&count=200&include_rts=true&since_id=123456789";

    private static OAuth1Options TwitterOptions() => new()
    {
        ConsumerKey = "xvz1evFS4wEEPTGEFPHBog",
        ConsumerSecret = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
        Token = "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
        TokenSecret = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
    };

    [Fact]
    public async Task Sending_a_get_through_the_handler_allocates_at_most_760_bytes_header_included()
    {
        using var invoker = new HttpMessageInvoker(new OAuth1Handler(TwitterOptions(), new CachedOkHandler()));
        using var request = new HttpRequestMessage(HttpMethod.Get, GetUrl);
        for (int i = 0; i < 200; i++)
        {
            await invoker.SendAsync(request, CancellationToken.None);
        }

        const int Sends = 500;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Sends; i++)
        {
            Task<HttpResponseMessage> sending = invoker.SendAsync(request, CancellationToken.None);
            Assert.True(sending.IsCompletedSuccessfully);
        }

        long perSend = (GC.GetAllocatedBytesForCurrentThread() - before) / Sends;
        Assert.True(perSend <= 760, $"{perSend} bytes per send; the header string alone is {24 + (2 * request.Headers.Authorization!.ToString().Length)} bytes.");
    }

    [Fact]
    public void Signing_a_get_allocates_at_most_128_bytes_beyond_the_header_string()
    {
        OAuth1Options options = TwitterOptions();
        using var request = new HttpRequestMessage(HttpMethod.Get, GetUrl);
        for (int i = 0; i < 200; i++)
        {
            OAuth1Signer.Sign(request, options);
        }

        const int Signatures = 500;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Signatures; i++)
        {
            OAuth1Signer.Sign(request, options);
        }

        long perSignature = (GC.GetAllocatedBytesForCurrentThread() - before) / Signatures;
        long headerBytes = 24 + (2L * request.Headers.Authorization!.ToString().Length);
        Assert.True(perSignature <= headerBytes + 128, $"{perSignature} bytes per signature; the header string is {headerBytes} bytes.");
    }

    /// <summary>Answers every request with the same completed task, so that only the handler allocates.</summary>
    private sealed class CachedOkHandler : HttpMessageHandler
    {
        private readonly Task<HttpResponseMessage> _ok = Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => _ok;
    }
}
