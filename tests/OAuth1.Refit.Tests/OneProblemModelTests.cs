using System.Net;
using System.Text;

namespace OAuth1.Refit.Tests;

using global::Refit;

/// <summary>
/// One answer, three paths (a token endpoint, a generated client's runtime, a Refit client): the same
/// <see cref="OAuth1Problem"/> comes out of each, and no secret does.
/// </summary>
public sealed class OneProblemModelTests
{
    private const string ApiUrl = "https://api.example/v1/items";
    private const string ConsumerSecret = "consumer+secret/value";
    private const string TokenSecret = "token-secret-value";

    public static TheoryData<string> Answers => ["header", "form", "json", "header and form", "long form"];

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task TheSameAnswer_GivesTheSameProblem_ThroughEveryPath(string answer)
    {
        var handler = new CannedHandler(_ => Answer(answer));
        var options = new OAuth1Options { ConsumerKey = "k", ConsumerSecret = "s3cr3t-consumer", Token = "t", TokenSecret = "s3cr3t-token" };

        OAuth1Problem[] reports =
        [
            await ThroughTokenEndpointAsync(options, handler),
            await ThroughGeneratedClientRuntimeAsync(options, handler),
            await ThroughRefitAsync(options, handler),
        ];

        foreach (OAuth1Problem report in reports)
        {
            Assert.Equal("timestamp_refused", report.Problem);
            Assert.Equal("clock skew", report.Advice);
            Assert.Equal("100-200", report.AcceptableTimestamps);
            Assert.Equal(["oauth_timestamp", "oauth_nonce"], report.ParametersAbsent);
            Assert.Equal(HttpStatusCode.Unauthorized, report.StatusCode);
            Assert.Equal("oauth_problem=timestamp_refused", report.ToString());
            Assert.False(report.Parameters.ContainsKey("realm"));
        }

        for (int i = 1; i < reports.Length; i++)
        {
            Assert.Equal(Describe(reports[0]), Describe(reports[i]));
        }

        if (answer is "long form")
        {
            // The 1024-byte bound falls inside a 3-byte character: the excerpt stops before it, on every path.
            Assert.True(reports[0].IsBodyExcerptTruncated);
            Assert.Equal(OAuth1Problem.MaxBodyExcerptBytes - 1, Encoding.UTF8.GetByteCount(reports[0].BodyExcerpt));
            Assert.EndsWith("a", reports[0].BodyExcerpt, StringComparison.Ordinal);
            Assert.DoesNotContain('\uFFFD', reports[0].BodyExcerpt);
        }
    }

    [Fact]
    public async Task AnAnswerWithoutAProblem_HasNoReport_OnEveryPath()
    {
        var handler = new CannedHandler(_ => Respond(HttpStatusCode.InternalServerError, "<html>Something went wrong</html>", "text/html"));
        var options = new OAuth1Options { ConsumerKey = "k", ConsumerSecret = "s3cr3t-consumer", Token = "t", TokenSecret = "s3cr3t-token" };

        using (var session = new OAuth1Session(options, handler))
        {
            var problem = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchAccessTokenAsync(ApiUrl, "v"));
            Assert.Null(problem.ProblemReport);
        }

        OAuth1ApiException api = await GeneratedClientErrorAsync(options, handler);
        Assert.Null(api.ProblemReport);
        Assert.Null(api.Problem);

        ApiException refit = await RefitErrorAsync(options, handler);
        Assert.IsNotType<OAuth1ProblemApiException>(refit);
        Assert.Null(refit.GetOAuthProblem());
    }

    [Fact]
    public async Task AnEchoedPlaintextSignature_AndTheSecretsInIt_AreHiddenOnEveryPath()
    {
        // A careless provider quotes the PLAINTEXT signature it got (consumer secret & token secret) and both secrets.
        var handler = new CannedHandler(request =>
        {
            string signature = SentSignature(request);
            string body = "oauth_problem=signature_invalid"
                + "&oauth_problem_advice=" + Uri.EscapeDataString($"expected {ConsumerSecret} and {TokenSecret}, got {signature}")
                + "&oauth_parameters_rejected=" + Uri.EscapeDataString("oauth_signature=" + OAuth1PercentEncoding.Encode(signature))
                + "&oauth_token_secret=" + Uri.EscapeDataString(TokenSecret)
                + "&echo=" + OAuth1PercentEncoding.Encode(signature)
                + "&raw=" + ConsumerSecret;
            HttpResponseMessage response = Respond(HttpStatusCode.Unauthorized, body, FormUrlEncoding.MediaType);
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", $"OAuth oauth_problem=\"signature_invalid\", oauth_signature=\"{OAuth1PercentEncoding.Encode(signature)}\"");
            return response;
        });
        var options = new OAuth1Options
        {
            ConsumerKey = "k",
            ConsumerSecret = ConsumerSecret,
            Token = "t",
            TokenSecret = TokenSecret,
            SignatureMethod = OAuth1SignatureMethod.Plaintext,
        };

        var texts = new List<string>();
        using (var session = new OAuth1Session(options, handler))
        {
            var problem = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchAccessTokenAsync(ApiUrl, "v"));
            texts.AddRange([problem.Message, problem.ToString(), problem.ResponseBody, .. Texts(problem.ProblemReport!)]);
        }

        OAuth1ApiException api = await GeneratedClientErrorAsync(options, handler);
        texts.AddRange([api.Message, api.ToString(), api.ResponseBodyExcerpt, .. Texts(api.ProblemReport!)]);

        var refit = Assert.IsType<OAuth1ProblemApiException>(await RefitErrorAsync(options, handler));
        texts.AddRange([refit.Message, refit.ToString(), .. Texts(refit.ProblemReport)]);

        string plaintextSignature = OAuth1PercentEncoding.Encode(ConsumerSecret) + "&" + OAuth1PercentEncoding.Encode(TokenSecret);
        foreach (string text in texts)
        {
            foreach (string secret in new[] { ConsumerSecret, OAuth1PercentEncoding.Encode(ConsumerSecret), TokenSecret, plaintextSignature, OAuth1PercentEncoding.Encode(plaintextSignature) })
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }

        Assert.Contains("(hidden)", api.ProblemReport!.Advice, StringComparison.Ordinal);
        Assert.Equal(["oauth_signature"], api.ProblemReport.ParametersRejected);
        Assert.False(api.ProblemReport.Parameters.ContainsKey("oauth_token_secret"));
        Assert.False(api.ProblemReport.Parameters.ContainsKey("oauth_signature"));
    }

    private static IEnumerable<string> Texts(OAuth1Problem report) =>
        [report.ToString(), report.BodyExcerpt, .. report.Parameters.Values];

    private static async Task<OAuth1Problem> ThroughTokenEndpointAsync(OAuth1Options options, CannedHandler handler)
    {
        using var session = new OAuth1Session(options, handler);
        var problem = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchAccessTokenAsync(ApiUrl, "v"));
        Assert.Equal(problem.ProblemReport?.Problem, problem.Problem);
        Assert.Equal(problem.ProblemReport?.Advice, problem.ProblemAdvice);
        return problem.ProblemReport!;
    }

    private static async Task<OAuth1Problem> ThroughGeneratedClientRuntimeAsync(OAuth1Options options, CannedHandler handler)
    {
        OAuth1ApiException error = await GeneratedClientErrorAsync(options, handler);
        Assert.Equal(error.ProblemReport?.Problem, error.Problem);
        Assert.Contains($"({error.ProblemReport})", error.Message, StringComparison.Ordinal);
        return error.ProblemReport!;
    }

    private static async Task<OAuth1Problem> ThroughRefitAsync(OAuth1Options options, CannedHandler handler)
    {
        var error = Assert.IsType<OAuth1ProblemApiException>(await RefitErrorAsync(options, handler));
        Assert.Equal(error.ProblemReport.Problem, error.Problem);
        Assert.Equal(error.ProblemReport.Advice, error.Advice);
        return error.ProblemReport;
    }

    /// <summary>What generated clients do with an unsuccessful answer: <see cref="OAuth1ClientRuntime.EnsureSuccessAsync"/>.</summary>
    private static async Task<OAuth1ApiException> GeneratedClientErrorAsync(OAuth1Options options, CannedHandler handler)
    {
        using var http = new HttpClient(new OAuth1Handler(options, handler), disposeHandler: false);
        HttpResponseMessage response = await http.GetAsync(ApiUrl);
        return await Assert.ThrowsAsync<OAuth1ApiException>(async () => await OAuth1ClientRuntime.EnsureSuccessAsync(response, CancellationToken.None));
    }

    /// <summary>What a Refit client with <see cref="OAuth1RefitSettingsExtensions.UseOAuth1Exceptions"/> raises.</summary>
    private static async Task<ApiException> RefitErrorAsync(OAuth1Options options, CannedHandler handler)
    {
        using var http = new HttpClient(new OAuth1Handler(options, handler), disposeHandler: false);
        using HttpResponseMessage response = await http.GetAsync(ApiUrl);
        RefitSettings settings = new RefitSettings().UseOAuth1Exceptions();
        return Assert.IsAssignableFrom<ApiException>(await settings.ExceptionFactory(response));
    }

    private static string Describe(OAuth1Problem report) =>
        string.Join(
            "\n",
            [
                report.Problem,
                report.Advice ?? "(none)",
                ((int)report.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
                report.BodyExcerpt,
                report.IsBodyExcerptTruncated ? "truncated" : "whole",
                string.Join(",", report.ParametersAbsent),
                string.Join(",", report.ParametersRejected),
                .. report.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"),
            ]);

    private static HttpResponseMessage Answer(string answer)
    {
        const string challenge = "OAuth realm=\"Photos\", oauth_problem=\"timestamp_refused\", oauth_problem_advice=\"clock%20skew\", "
            + "oauth_acceptable_timestamps=\"100-200\", oauth_parameters_absent=\"oauth_timestamp%26oauth_nonce\"";
        const string form = "oauth_problem=timestamp_refused&oauth_problem_advice=clock%20skew&oauth_acceptable_timestamps=100-200"
            + "&oauth_parameters_absent=oauth_timestamp%26oauth_nonce";
        const string json = "{\"oauth_problem\":\"timestamp_refused\",\"oauth_problem_advice\":\"clock skew\","
            + "\"oauth_acceptable_timestamps\":\"100-200\",\"oauth_parameters_absent\":\"oauth_timestamp&oauth_nonce\",\"retry\":false}";
        HttpResponseMessage response = answer switch
        {
            "header" => Respond(HttpStatusCode.Unauthorized, "Unauthorized", "text/plain"),
            "form" => Respond(HttpStatusCode.Unauthorized, form, FormUrlEncoding.MediaType),
            "json" => Respond(HttpStatusCode.Unauthorized, json, "application/json"),
            "long form" => Respond(HttpStatusCode.Unauthorized, form + "&padding=" + new string('a', 1023 - form.Length - "&padding=".Length) + "€€€€", FormUrlEncoding.MediaType),
            // The header wins: the body's problem and advice differ, its other fields add to the report.
            _ => Respond(HttpStatusCode.Unauthorized, "oauth_problem=nonce_used&oauth_problem_advice=from%20body&oauth_acceptable_timestamps=100-200&oauth_parameters_absent=oauth_timestamp%26oauth_nonce", "text/plain"),
        };
        if (answer is "header")
        {
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
        }
        else if (answer is "header and form")
        {
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", "OAuth oauth_problem=\"timestamp_refused\", oauth_problem_advice=\"clock%20skew\"");
        }

        return response;
    }

    private static HttpResponseMessage Respond(HttpStatusCode status, string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpResponseMessage(status) { Content = content };
    }

    /// <summary>The <c>oauth_signature</c> of the request's <c>Authorization</c> header, decoded.</summary>
    private static string SentSignature(HttpRequestMessage request)
    {
        string header = request.Headers.Authorization?.ToString() ?? throw new InvalidOperationException("The request is not signed in the header.");
        return OAuth1AuthorizationHeader.ParseDecoded(header).Single(p => p.Key == OAuth1Parameters.Signature).Value;
    }

    /// <summary>Answers every request with a fresh canned response, as if from the provider.</summary>
    private sealed class CannedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = answer(request);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}
