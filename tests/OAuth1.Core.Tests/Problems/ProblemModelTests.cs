using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OAuth1.Tests.Problems;

/// <summary>The problem model's parts: the decoded header parser, the excerpt, the redactor and the report itself.</summary>
public sealed class ProblemModelTests
{
    [Fact]
    public void ParseDecoded_DecodesEachValueOnce_AndKeepsTheRealmAsSent()
    {
        const string header = "OAuth realm=\"Photos%20here\", oauth_consumer_key=\"key%2Bone\", oauth_signature=\"a%252Bb\"";

        IReadOnlyList<KeyValuePair<string, string>> decoded = OAuth1AuthorizationHeader.ParseDecoded(header);

        Assert.Equal(
            [new("realm", "Photos%20here"), new("oauth_consumer_key", "key+one"), new("oauth_signature", "a%2Bb")],
            decoded);
        Assert.Equal("key%2Bone", OAuth1AuthorizationHeader.Parse(header)[1].Value);
        Assert.Throws<FormatException>(() => OAuth1AuthorizationHeader.ParseDecoded("Basic abc"));
    }

    [Theory]
    [InlineData("é")]
    [InlineData("€")]
    [InlineData("😀")]
    public void Excerpt_CutsAtACharacterBoundary_WhereverTheBoundFalls(string character)
    {
        for (int before = ResponseExcerpt.MaxBytes - 4; before <= ResponseExcerpt.MaxBytes; before++)
        {
            string original = new string('a', before) + character + "tail";
            byte[] body = Encoding.UTF8.GetBytes(original);

            ResponseExcerpt excerpt = ResponseExcerpt.Create(body, bodyWasCut: false, new SecretRedactor());

            bool straddles = before < ResponseExcerpt.MaxBytes && before + Encoding.UTF8.GetByteCount(character) > ResponseExcerpt.MaxBytes;
            Assert.True(excerpt.IsTruncated);
            Assert.DoesNotContain('\uFFFD', excerpt.Text);
            Assert.StartsWith(excerpt.Text, original, StringComparison.Ordinal);
            Assert.Equal(straddles ? before : ResponseExcerpt.MaxBytes, Encoding.UTF8.GetByteCount(excerpt.Text));
        }
    }

    [Fact]
    public void Excerpt_OfABodyTheReaderCutInsideACharacter_HasNoReplacementCharacter()
    {
        byte[] body = Encoding.UTF8.GetBytes("short €");

        ResponseExcerpt excerpt = ResponseExcerpt.Create(body.AsSpan(0, body.Length - 1), bodyWasCut: true, new SecretRedactor());

        Assert.Equal("short ", excerpt.Text);
        Assert.True(excerpt.IsTruncated);
    }

    [Fact]
    public void Excerpt_HidesASecretThatStraddlesTheBound_Whole()
    {
        const string secret = "straddling-secret-value";
        byte[] body = Encoding.UTF8.GetBytes(new string('a', ResponseExcerpt.MaxBytes - 5) + secret + new string('b', 100));

        ResponseExcerpt excerpt = ResponseExcerpt.Create(body, bodyWasCut: false, new SecretRedactor(secret));

        Assert.DoesNotContain("strad", excerpt.Text, StringComparison.Ordinal);
        Assert.EndsWith("aaaa(hidd", excerpt.Text, StringComparison.Ordinal);
        Assert.Equal(ResponseExcerpt.MaxBytes, Encoding.UTF8.GetByteCount(excerpt.Text));
    }

    [Fact]
    public void Redactor_ForAPlaintextRequest_HidesTheSignatureAndBothSecrets_InEveryForm()
    {
        const string consumerSecret = "consumer+secret/value";
        const string tokenSecret = "token secret";
        string signature = OAuth1PercentEncoding.Encode(consumerSecret) + "&" + OAuth1PercentEncoding.Encode(tokenSecret);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/x");
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            OAuth1AuthorizationHeader.Format([new("oauth_consumer_key", "k"), new("oauth_signature_method", "PLAINTEXT"), new("oauth_signature", signature)]));

        SecretRedactor redactor = SecretRedactor.ForSentRequest(request);
        string text = redactor.Redact(
            $"raw {consumerSecret} / {tokenSecret}; url {Uri.EscapeDataString(consumerSecret)} {WebUtility.UrlEncode(tokenSecret)}; sig {signature} {OAuth1PercentEncoding.Encode(signature)}");

        foreach (string secret in new[] { consumerSecret, tokenSecret, OAuth1PercentEncoding.Encode(consumerSecret), OAuth1PercentEncoding.Encode(tokenSecret), signature })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.Equal("raw (hidden) / (hidden); url (hidden) (hidden); sig (hidden) (hidden)", text);
    }

    [Theory]
    [InlineData("oauth_signature=abc%2B&x=1", "oauth_signature=(hidden)&x=1")]
    [InlineData("{\"oauth_token_secret\": \"s3cr3t\", \"x\": 1}", "{\"oauth_token_secret\": \"(hidden)\", \"x\": 1}")]
    [InlineData("OAuth oauth_signature=\"abc\", oauth_signature_method=\"HMAC-SHA1\"", "OAuth oauth_signature=\"(hidden)\", oauth_signature_method=\"HMAC-SHA1\"")]
    public void Redactor_HidesSecretFields_WithoutKnowingTheSecrets(string text, string expected)
    {
        Assert.Equal(expected, new SecretRedactor().Redact(text));
    }

    [Fact]
    public void Reader_TheHeaderWins_BodyFieldsAdd_AndAMalformedChallengeIsSkipped()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", "OAuth oauth_problem=\"unclosed");
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", "Basic realm=\"x\"");
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", "OAuth realm=\"r\", oauth_problem=\"token_expired\"");
        byte[] body = Encoding.UTF8.GetBytes("{\"oauth_problem\":\"token_rejected\",\"oauth_acceptable_versions\":\"1.0-1.0\",\"oauth_expires_in\":3600,\"error\":\"x\"}");

        OAuth1Problem? report = OAuth1ProblemReader.Read(
            response.StatusCode, response.Headers, new MediaTypeHeaderValue("application/json"), body, ResponseExcerpt.Create(body, false, new SecretRedactor()), new SecretRedactor());

        Assert.NotNull(report);
        Assert.Equal("token_expired", report.Problem);
        Assert.Equal("1.0-1.0", report.AcceptableVersions);
        Assert.Equal("3600", report.Parameters["oauth_expires_in"]);
        Assert.Equal(["oauth_acceptable_versions", "oauth_expires_in", "oauth_problem"], report.Parameters.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Bad request", "text/plain")]
    [InlineData("oauth_problem=x\nmore text", "text/plain")]
    [InlineData("<html>oauth_problem=x</html>", "text/plain")]
    [InlineData("{\"oauth_problem\":", "application/json")]
    [InlineData("{\"oauth_problem\":\"\"}", "application/json")]
    [InlineData("oauth_problem_advice=no+problem+code", FormUrlEncoding.MediaType)]
    public void Reader_FindsNoReport_WhereThereIsNone(string body, string contentType)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);

        OAuth1Problem? report = OAuth1ProblemReader.Read(
            HttpStatusCode.BadRequest, headers: null, MediaTypeHeaderValue.Parse(contentType), bytes, ResponseExcerpt.Create(bytes, false, new SecretRedactor()), new SecretRedactor());

        Assert.Null(report);
    }

    [Fact]
    public void Problem_FromItsParts_KeepsOnlyOAuthFields_WithoutSecrets_AndPrintsOnlyItsCode()
    {
        var report = new OAuth1Problem(
            HttpStatusCode.BadRequest,
            [
                new("oauth_problem", "parameter_absent"),
                new("oauth_parameters_absent", "oauth_nonce&oauth%5Ftimestamp&oauth_nonce"),
                new("oauth_parameters_rejected", "oauth_version=2.0&x_custom"),
                new("oauth_token_secret", "s3cr3t"),
                new("oauth_signature", "c2lnbmF0dXJl"),
                new("oauth_problem_advice", "see oauth_signature=c2lnbmF0dXJl"),
                new("error", "ignored"),
            ],
            bodyExcerpt: new string('x', 2000));

        Assert.Equal("parameter_absent", report.Problem);
        Assert.Equal(["oauth_nonce", "oauth_timestamp"], report.ParametersAbsent);
        Assert.Equal(["oauth_version", "x_custom"], report.ParametersRejected);
        Assert.Equal("see oauth_signature=(hidden)", report.Advice);
        Assert.Equal(["oauth_problem", "oauth_parameters_absent", "oauth_parameters_rejected", "oauth_problem_advice"], report.Parameters.Keys);
        Assert.Equal(OAuth1Problem.MaxBodyExcerptBytes, report.BodyExcerpt.Length);
        Assert.True(report.IsBodyExcerptTruncated);
        Assert.Equal("oauth_problem=parameter_absent", report.ToString());
        Assert.Throws<ArgumentException>(() => new OAuth1Problem(HttpStatusCode.BadRequest, [new("oauth_problem_advice", "no code")]));
    }
}
