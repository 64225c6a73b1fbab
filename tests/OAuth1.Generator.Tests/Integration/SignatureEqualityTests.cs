using Microsoft.Extensions.Time.Testing;
using OAuth1.TestSupport;

namespace OAuth1.Generator.Tests.Integration;

/// <summary>
/// With a fixed nonce and clock, a generated client sends exactly what the engine gives for the same request written
/// by hand: the signature of <see cref="OAuth1Signer.ComputeSignatureAsync"/>, and the very bytes that an
/// <see cref="OAuth1Handler"/> sends (URI, Authorization header, body).
/// </summary>
public sealed class SignatureEqualityTests
{
    private const string Nonce = "kllo9940pd9333jh";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1191242096);

    public static TheoryData<string, OAuth1SignatureLocation, bool> Cases() => new()
    {
        { "get", OAuth1SignatureLocation.Header, false },
        { "get", OAuth1SignatureLocation.Query, false },
        { "form", OAuth1SignatureLocation.Header, false },
        { "form", OAuth1SignatureLocation.Query, false },
        { "form", OAuth1SignatureLocation.Body, false },
        { "json", OAuth1SignatureLocation.Header, false },
        { "json", OAuth1SignatureLocation.Query, false },
        { "json", OAuth1SignatureLocation.Header, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GeneratedSignature_EqualsTheEngines(string call, OAuth1SignatureLocation location, bool bodyHash)
    {
        OAuth1Options options = FixedOptions(location, bodyHash);

        // The generated client, with HttpClient.BaseAddress pointing elsewhere: the attribute's base URL wins.
        var generatedCapture = new CapturingHandler();
        using (var http = new HttpClient(generatedCapture) { BaseAddress = new Uri("https://other.example.org/") })
        {
            var client = new FixedApiClient(http, options);
            using HttpResponseMessage response = call switch
            {
                "get" => await client.GetAsync(5, "a b+c/ü"),
                "form" => await client.CreateAsync("Hello Ladies + Gentlemen", 3),
                _ => await client.ReplaceAsync(9, new NewItem("Widget", 2)),
            };
        }

        // The same request written by hand.
        HttpRequestMessage Manual() => call switch
        {
            "get" => new HttpRequestMessage(HttpMethod.Get, "https://fixed.example.com/v2/items/5?filter=a%20b%2Bc%2F%C3%BC"),
            "form" => new HttpRequestMessage(HttpMethod.Post, "https://fixed.example.com/v2/items")
            {
                Content = new FormUrlEncodedContent([new("name", "Hello Ladies + Gentlemen"), new("count", "3")]),
            },
            _ => new HttpRequestMessage(HttpMethod.Put, "https://fixed.example.com/v2/items/9")
            {
                Content = new StringContent("{\"displayName\":\"Widget\",\"quantity\":2}", System.Text.Encoding.UTF8, "application/json"),
            },
        };

        CapturedRequest generated = generatedCapture.Last!;
        using (HttpRequestMessage manual = Manual())
        {
            OAuth1SignatureResult expected = await OAuth1Signer.ComputeSignatureAsync(manual, FixedOptions(location, bodyHash));
            Assert.Equal(expected.Signature, SignatureOf(generated, location));
            if (location == OAuth1SignatureLocation.Header)
            {
                Assert.Equal([expected.AuthorizationHeader], generated.Authorization);
            }
        }

        var handlerCapture = new CapturingHandler();
        using (var http = new HttpClient(new OAuth1Handler(FixedOptions(location, bodyHash), handlerCapture)))
        {
            using HttpResponseMessage response = await http.SendAsync(Manual());
        }

        CapturedRequest viaHandler = handlerCapture.Last!;
        Assert.Equal(viaHandler.Method, generated.Method);
        Assert.Equal(viaHandler.Uri, generated.Uri);
        Assert.Equal(viaHandler.Authorization, generated.Authorization);
        Assert.Equal(viaHandler.BodyText, generated.BodyText);
        Assert.StartsWith("https://fixed.example.com/v2/items", generated.Uri, StringComparison.Ordinal);
    }

    private static OAuth1Options FixedOptions(OAuth1SignatureLocation location, bool bodyHash) => new()
    {
        ConsumerKey = "dpf43f3p2l4k3l03",
        ConsumerSecret = "kd94hf93k423kf44",
        TokenCredentials = new OAuth1Token("nnch734d00sl2jdk", "pfkkdhi9sl3r4s00"),
        NonceGenerator = () => Nonce,
        TimeProvider = new FakeTimeProvider(Now),
        SignatureLocation = location,
        IncludeBodyHash = bodyHash,
    };

    private static string SignatureOf(CapturedRequest request, OAuth1SignatureLocation location)
    {
        IEnumerable<KeyValuePair<string, string>> parameters = location switch
        {
            OAuth1SignatureLocation.Header => ParseAuthorization(Assert.Single(request.Authorization)),
            OAuth1SignatureLocation.Query => FormUrlEncoding.Parse(new Uri(request.Uri).Query),
            _ => FormUrlEncoding.Parse(request.Body.AsSpan()),
        };
        return Assert.Single(parameters, p => p.Key == OAuth1Parameters.Signature).Value;
    }

    private static IEnumerable<KeyValuePair<string, string>> ParseAuthorization(string header)
    {
        Assert.StartsWith("OAuth ", header, StringComparison.Ordinal);
        foreach (string part in header["OAuth ".Length..].Split(", "))
        {
            int eq = part.IndexOf('=');
            yield return new(part[..eq], OAuth1PercentEncoding.Decode(part[(eq + 1)..].Trim('"')));
        }
    }
}
