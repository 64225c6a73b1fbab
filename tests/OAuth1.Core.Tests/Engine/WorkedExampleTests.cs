using System.Text;
using OAuth1.Tests.Support;

namespace OAuth1.Tests.Engine;

/// <summary>The worked examples of RFC 5849 section 1.2 and of Twitter's "Creating a signature" page.</summary>
public class WorkedExampleTests
{
    private static OAuth1Options Options(string secret, string? token, string tokenSecret, long timestamp, string nonce, string? realm = null) => new()
    {
        ConsumerKey = "dpf43f3p2l4k3l03",
        ConsumerSecret = secret,
        Token = token,
        TokenSecret = tokenSecret,
        Realm = realm,
        IncludeVersion = false,
        TimeProvider = FixedClock.At(timestamp),
        NonceGenerator = () => nonce,
    };

    [Fact]
    public async Task Rfc5849_section_1_2_temporary_credentials_request()
    {
        var options = Options("kd94hf93k423kf44", null, "", 137131200, "wIjqoS", realm: "Photos");
        options.Callback = "http://printer.example.com/ready";
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://photos.example.net/initiate");

        var result = await OAuth1Signer.ComputeSignatureAsync(request, options);

        Assert.Equal("74KNZJeDHnMBp0EMJ9ZHt/XKycU=", result.Signature);
        Assert.Contains("realm=\"Photos\", ", result.AuthorizationHeader, StringComparison.Ordinal);
        Assert.Contains("oauth_callback=\"http%3A%2F%2Fprinter.example.com%2Fready\"", result.AuthorizationHeader, StringComparison.Ordinal);
        Assert.Contains("oauth_signature=\"74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D\"", result.AuthorizationHeader, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rfc5849_section_1_2_token_request()
    {
        var options = Options("kd94hf93k423kf44", "hh5s93j4hdidpola", "hdhd0244k9j7ao03", 137131201, "walatlh", realm: "Photos");
        options.Verifier = "hfdp7dh39dks9884";
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://photos.example.net/token");

        var result = await OAuth1Signer.ComputeSignatureAsync(request, options);

        Assert.Equal("gKgrFCywp7rO0OXSjdot/IHF7IU=", result.Signature);
    }

    [Fact]
    public async Task Rfc5849_section_1_2_protected_resource_request()
    {
        var options = Options("kd94hf93k423kf44", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00", 137131202, "chapoH", realm: "Photos");
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://photos.example.net/photos?file=vacation.jpg&size=original");

        var result = await OAuth1Signer.ComputeSignatureAsync(request, options);

        Assert.Equal(
            "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal",
            result.BaseString);
        Assert.Equal("MdpQcU8iPSUjWoN/UDMsK2sui9I=", result.Signature);
    }

    [Fact]
    public async Task Twitter_creating_a_signature_example()
    {
        var options = new OAuth1Options
        {
            ConsumerKey = "xvz1evFS4wEEPTGEFPHBog",
            ConsumerSecret = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
            Token = "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
            TokenSecret = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
            TimeProvider = FixedClock.At(1318622958),
            NonceGenerator = () => "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.twitter.com/1.1/statuses/update.json?include_entities=true")
        {
            Content = new StringContent(
                "status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21",
                Encoding.UTF8,
                "application/x-www-form-urlencoded"),
        };

        var result = await OAuth1Signer.ComputeSignatureAsync(request, options);

        Assert.Equal(
            "POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521",
            result.BaseString);
        Assert.Equal("hCtSmYh+iHYCEqBWrE7C7hYmtUk=", result.Signature);
    }
}
