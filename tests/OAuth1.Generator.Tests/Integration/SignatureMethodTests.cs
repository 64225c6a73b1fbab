namespace OAuth1.Generator.Tests.Integration;

/// <summary>
/// Every signature method in every placement, through a generated client, verified by the loopback provider. The
/// call has a path placeholder, a query parameter and a form field, all with characters that must be encoded.
/// </summary>
public sealed class SignatureMethodTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private readonly LoopbackProvider _provider = fixture.Provider;

    public static TheoryData<string, OAuth1SignatureLocation> Cases()
    {
        var data = new TheoryData<string, OAuth1SignatureLocation>();
        foreach (string method in new[] { "HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "RSA-SHA1", "RSA-SHA256", "RSA-SHA512", "PLAINTEXT" })
        {
            foreach (OAuth1SignatureLocation location in Enum.GetValues<OAuth1SignatureLocation>())
            {
                data.Add(method, location);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GeneratedClient_IsVerifiedByTheProvider(string method, OAuth1SignatureLocation location)
    {
        using HttpClient http = _provider.CreateHttpClient();
        OAuth1Options options = _provider.HmacOptions();
        options.SignatureMethod = method switch
        {
            "HMAC-SHA1" => OAuth1SignatureMethod.HmacSha1,
            "HMAC-SHA256" => OAuth1SignatureMethod.HmacSha256,
            "HMAC-SHA512" => OAuth1SignatureMethod.HmacSha512,
            "RSA-SHA1" => OAuth1SignatureMethod.RsaSha1(_provider.ClientKey),
            "RSA-SHA256" => OAuth1SignatureMethod.RsaSha256(_provider.ClientKey),
            "RSA-SHA512" => OAuth1SignatureMethod.RsaSha512(_provider.ClientKey),
            _ => OAuth1SignatureMethod.Plaintext,
        };
        options.SignatureLocation = location;
        options.AllowPlaintextOverHttp = method == "PLAINTEXT";
        options.AllowPlaintextInQuery = method == "PLAINTEXT";
        var client = new EchoApiClient(http, options);

        EchoResponse echo = await client.SignedAsync("a b/ü", "q+1 ~*", "f & g=h");

        ReceivedRequest received = _provider.Last;
        Assert.True(received.Verification.IsValid, $"{received.Verification} (base string: {received.Verification.BaseString})");
        Assert.Equal(method, echo.SignatureMethod);
        Assert.Equal("/api/sign/a%20b%2F%C3%BC", received.RawTarget[..received.RawTarget.IndexOf('?')]);
        Assert.Equal([new("q", "q+1 ~*")], echo.Query);
        Assert.Equal([new("f", "f & g=h")], echo.Form);
        switch (location)
        {
            case OAuth1SignatureLocation.Header:
                Assert.StartsWith("OAuth ", received.Authorization, StringComparison.Ordinal);
                Assert.DoesNotContain("oauth_", received.RawTarget, StringComparison.Ordinal);
                Assert.DoesNotContain("oauth_", received.BodyText, StringComparison.Ordinal);
                break;
            case OAuth1SignatureLocation.Query:
                Assert.Null(received.Authorization);
                Assert.Contains("&oauth_signature=", received.RawTarget, StringComparison.Ordinal);
                Assert.DoesNotContain("oauth_", received.BodyText, StringComparison.Ordinal);
                break;
            default:
                Assert.Null(received.Authorization);
                Assert.DoesNotContain("oauth_", received.RawTarget, StringComparison.Ordinal);
                Assert.Contains("&oauth_signature=", received.BodyText, StringComparison.Ordinal);
                break;
        }
    }
}
