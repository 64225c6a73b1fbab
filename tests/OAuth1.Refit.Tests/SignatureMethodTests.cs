using OAuth1.Refit.Tests.Infrastructure;

namespace OAuth1.Refit.Tests;

/// <summary>Every signature method in every placement, through a generated Refit client, verified by the server.</summary>
public sealed class SignatureMethodTests(OAuth1TestServer server) : IClassFixture<OAuth1TestServer>
{
    public static TheoryData<string, OAuth1SignatureLocation, bool> Cases()
    {
        var data = new TheoryData<string, OAuth1SignatureLocation, bool>();
        foreach (string method in new[] { "HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "RSA-SHA1", "RSA-SHA256", "RSA-SHA512", "PLAINTEXT" })
        {
            foreach (OAuth1SignatureLocation location in Enum.GetValues<OAuth1SignatureLocation>())
            {
                data.Add(method, location, false);
                data.Add(method, location, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryMethodAndPlacement_AFormPostWithAQueryIsVerified(string method, OAuth1SignatureLocation location, bool withoutDependencyInjection)
    {
        Action<OAuth1Options> configure = o =>
        {
            o.SignatureMethod = Method(method);
            o.SignatureLocation = location;
            o.AllowPlaintextOverHttp = method == "PLAINTEXT";
            o.AllowPlaintextInQuery = method == "PLAINTEXT";
        };
        IEchoApi api;
        IAsyncDisposable? services = null;
        if (withoutDependencyInjection)
        {
            api = Clients.WithoutServices(server, configure);
        }
        else
        {
            (api, var provider) = Clients.FromServices(server, configure);
            services = provider;
        }

        try
        {
            Echo echo = await api.FormWithQuery("é & ü", new Dictionary<string, string> { ["status"] = "signed with " + method });

            Assert.Equal(method, echo.SignatureMethod);
            Assert.Equal(location.ToString(), echo.Location);
            Assert.Equal(OAuth1TestServer.User.Token, echo.Token);
            Assert.Equal([["q", "é & ü"]], echo.QueryParameters);
            Assert.Equal([["status", "signed with " + method]], echo.BodyParameters);
        }
        finally
        {
            if (services is not null)
            {
                await services.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Plaintext_OverHttpWithoutAllowPlaintextOverHttp_IsRefusedBeforeSending()
    {
        IEchoApi api = Clients.WithoutServices(server, o => o.SignatureMethod = OAuth1SignatureMethod.Plaintext);
        int before = server.Requests.Count;

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => api.Get());

        Assert.Contains("AllowPlaintextOverHttp", RequestShapeTests.FindCause<InvalidOperationException>(ex).Message, StringComparison.Ordinal);
        Assert.Equal(before, server.Requests.Count);
    }

    [Fact]
    public async Task WrongConsumerSecret_IsRefusedByTheServer()
    {
        // The negative control: the verifier does reject a signature made with another secret.
        IEchoApi api = Clients.WithoutServices(server, o => o.ConsumerSecret = "not the secret");

        var ex = await Assert.ThrowsAsync<global::Refit.ApiException>(() => api.Get());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("signature_invalid", ex.GetOAuthProblem()?.Problem);
    }

    private static OAuth1SignatureMethod Method(string name) => name switch
    {
        "RSA-SHA1" => OAuth1SignatureMethod.RsaSha1(TestKeys.RsaPrivate),
        "RSA-SHA256" => OAuth1SignatureMethod.RsaSha256(TestKeys.RsaPrivate),
        "RSA-SHA512" => OAuth1SignatureMethod.RsaSha512(TestKeys.RsaPrivate),
        _ => OAuth1SignatureMethod.FromName(name),
    };
}
