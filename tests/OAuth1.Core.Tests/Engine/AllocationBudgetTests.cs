namespace OAuth1.Tests.Engine;

/// <summary>
/// The signing path's allocation budget (issue 2): no more than 512 bytes per signature beyond the final header
/// string. Counted bytes, not time, so the test is deterministic; speed itself is measured in benchmarks/.
/// </summary>
public class AllocationBudgetTests
{
    [Fact]
    public void Signing_a_get_allocates_at_most_512_bytes_beyond_the_header_string()
    {
        var options = new OAuth1Options
        {
            ConsumerKey = "xvz1evFS4wEEPTGEFPHBog",
            ConsumerSecret = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
            Token = "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
            TokenSecret = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/1.1/statuses/user_timeline.json?screen_name=twitterapi&count=200&include_rts=true&since_id=123456789");
        for (int i = 0; i < 200; i++)
        {
            OAuth1Signer.Sign(request, options);
        }

        const int Signatures = 200;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Signatures; i++)
        {
            OAuth1Signer.Sign(request, options);
        }

        long perSignature = (GC.GetAllocatedBytesForCurrentThread() - before) / Signatures;
        int headerLength = request.Headers.Authorization!.ToString().Length;
        long headerBytes = 24 + (2L * headerLength);
        Assert.True(perSignature <= headerBytes + 512, $"{perSignature} bytes per signature; the header string is {headerBytes} bytes.");
    }
}
