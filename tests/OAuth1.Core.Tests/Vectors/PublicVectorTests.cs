using System.Security.Cryptography;
using System.Text;
using OAuth1.Tests.Support;

namespace OAuth1.Tests.Vectors;

/// <summary>
/// Every applicable case of Vectors/public-vectors.json, loaded from the file. Out of scope, with the reason:
/// see <see cref="UriCasesSystemUriCannotExpress"/> and <see cref="NonNumericTimestampCases"/>.
/// </summary>
public class PublicVectorTests
{
    /// <summary>base_string_uri cases whose input System.Uri cannot represent, or silently normalises.</summary>
    public static readonly Dictionary<string, string> UriCasesSystemUriCannotExpress = new()
    {
        ["oauthlib-base-string-uri-12"] = "a separate Host override: we sign the URI the request is sent to",
        ["oauthlib-base-string-uri-13"] = "'http:///path' has no authority; System.Uri cannot hold it, and the host comes from a separate override",
        ["oauthlib-base-string-uri-33"] = "a space in the host: System.Uri rejects it (and no request can be sent to it)",
    };

    /// <summary>base_string_uri_error cases that System.Uri silently normalises into a valid URI.</summary>
    public static readonly Dictionary<string, string> UriErrorCasesSystemUriNormalises = new()
    {
        ["oauthlib-base-string-uri-error-14"] = "'http://eg.com: ' : System.Uri trims the space and reads an empty port as the default one",
    };

    /// <summary>
    /// Cases whose oauth_timestamp is the literal "abc": our timestamps come from TimeProvider, so the end-to-end
    /// signing step is out of scope; their base string and signature are still checked through the public helpers.
    /// </summary>
    public static readonly HashSet<string> NonNumericTimestampCases = ["oauthlib-client-unicode-body-1", "oauthlib-client-unicode-body-2"];

    public static IEnumerable<object[]> SignatureCases => PublicVectors.OfKind("signature");

    public static IEnumerable<object[]> BaseStringUriCases => PublicVectors.OfKind("base_string_uri");

    public static IEnumerable<object[]> BaseStringUriErrorCases => PublicVectors.OfKind("base_string_uri_error");

    [Fact]
    public void Vector_file_holds_the_documented_cases()
    {
        Assert.Equal(89, PublicVectors.Cases.Count);
        Assert.Equal(29, PublicVectors.Cases.Count(c => c.Kind == "signature"));
    }

    [Theory]
    [MemberData(nameof(SignatureCases))]
    public void Signature_method_turns_the_reference_base_string_into_the_expected_signature(string id)
    {
        VectorCase c = PublicVectors.Get(id);
        string baseString = c["expected_base_string"] ?? c["derived_base_string"]!;
        OAuth1SignatureMethod method = MethodFor(c);

        string signature = method.Sign(Encoding.ASCII.GetBytes(baseString), c["consumer_secret"] ?? "", c["token_secret"] ?? "");

        Assert.Equal(c["expected_signature"], signature);
        Assert.True(method.Verify(Encoding.ASCII.GetBytes(baseString), c["expected_signature"]!, c["consumer_secret"] ?? "", c["token_secret"] ?? ""));
    }

    [Theory]
    [MemberData(nameof(SignatureCases))]
    public async Task Signing_the_request_reproduces_the_reference_base_string_signature_and_rendering(string id)
    {
        VectorCase c = PublicVectors.Get(id);
        if (c["expected_base_string"] is string rfcBaseString)
        {
            // RFC 5849 section 3.4.1 example: the parameters come from the query, the header and the body of the
            // RFC's request; the reference signs that fixed base string whatever the method's name.
            Assert.Equal(rfcBaseString, OAuth1SignatureBaseString.Create(c["method"]!, new Uri(c["url"]!), c.Pairs("params")));
            return;
        }

        if (NonNumericTimestampCases.Contains(id))
        {
            var parameters = FormUrlEncoding.Parse(c["body"]).Concat(ProtocolParameters(c)).ToList();
            Assert.Equal(c["derived_base_string"], OAuth1SignatureBaseString.Create(c["method"]!, new Uri(c["url"]!), parameters));
            return;
        }

        using var request = RequestFor(c);
        OAuth1Options options = OptionsFor(c);

        OAuth1SignatureResult result = await OAuth1Signer.ComputeSignatureAsync(request, options);

        Assert.Equal(c["derived_base_string"], result.BaseString);
        Assert.Equal(c["expected_signature"], result.Signature);
        if (c["expected_authorization_header"] is string header)
        {
            Assert.Equal(header, result.AuthorizationHeader);
        }

        await OAuth1Signer.SignAsync(request, options);
        if (c["expected_url"] is string url)
        {
            Assert.Equal(url, request.RequestUri!.AbsoluteUri);
        }

        if (c["expected_body"] is string body && c["placement"] == "body")
        {
            Assert.Equal(body, await request.Content!.ReadAsStringAsync());
        }

        if (c["placement"] is null or "header")
        {
            Assert.Equal(result.AuthorizationHeader, request.Headers.Authorization!.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(BaseStringUriCases))]
    public void Base_string_uri_matches_the_reference(string id)
    {
        VectorCase c = PublicVectors.Get(id);
        if (UriCasesSystemUriCannotExpress.ContainsKey(id))
        {
            return;
        }

        Assert.Equal(c["expected_base_string_uri"], OAuth1SignatureBaseString.GetBaseStringUri(new Uri(c["url"]!)));
    }

    [Fact]
    public void Out_of_scope_uri_cases_really_cannot_be_expressed_by_System_Uri()
    {
        Assert.False(Uri.TryCreate(PublicVectors.Get("oauthlib-base-string-uri-33")["url"], UriKind.Absolute, out _));
        Assert.False(Uri.TryCreate(PublicVectors.Get("oauthlib-base-string-uri-13")["url"], UriKind.Absolute, out Uri? noAuthority) && noAuthority.Host.Length > 0);
        Assert.NotNull(PublicVectors.Get("oauthlib-base-string-uri-12")["host_header"]);
    }

    [Theory]
    [MemberData(nameof(BaseStringUriErrorCases))]
    public void Base_string_uri_rejects_what_the_reference_rejects(string id)
    {
        string url = PublicVectors.Get(id)["url"]!;
        if (UriErrorCasesSystemUriNormalises.ContainsKey(id))
        {
            Assert.Equal("http://eg.com/", new Uri(url).AbsoluteUri);
            return;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
        {
            Assert.Throws<ArgumentException>(() => OAuth1SignatureBaseString.GetBaseStringUri(uri));
        }
        else
        {
            // System.Uri itself refuses the text, so no request can carry it.
            Assert.Throws<UriFormatException>(() => new Uri(url, UriKind.Absolute));
        }
    }

    [Fact]
    public void Normalized_parameters_match_the_reference()
    {
        VectorCase c = PublicVectors.OfKind("normalize_parameters").Select(o => PublicVectors.Get((string)o[0])).Single();
        Assert.Equal(c["expected_normalized_params"], OAuth1SignatureBaseString.NormalizeParameters(c.Pairs("params")));
    }

    [Fact]
    public void Base_string_case_matches_whatever_the_method_letter_case()
    {
        VectorCase c = PublicVectors.OfKind("base_string").Select(o => PublicVectors.Get((string)o[0])).Single();
        foreach (string method in new[] { "POST", "Post", "pOST", "poST", "posT" })
        {
            Assert.Equal(c["expected_base_string"], OAuth1SignatureBaseString.Create(method, new Uri(c["url"]!), c.Pairs("params")));
        }
    }

    [Fact]
    public void Collected_parameters_match_the_reference()
    {
        VectorCase c = PublicVectors.OfKind("collect_parameters").Select(o => PublicVectors.Get((string)o[0])).Single();
        var request = new OAuth1IncomingRequest(c["method"]!, new Uri(c["url"]!))
        {
            AuthorizationHeader = c["authorization_header"],
            ContentType = FormUrlEncoding.MediaType,
            Body = Encoding.UTF8.GetBytes(c["body"]!),
        };

        var collected = OAuth1RequestVerifier.Collect(request);
        string? realm = OAuth1AuthorizationHeader.ParseDecoded(request.AuthorizationHeader!).Single(p => p.Key == "realm").Value;

        var expected = c.Pairs("params").Concat(c.Pairs("expected_with_oauth_signature_extra")).OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);
        Assert.Equal(expected, collected.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal));
        Assert.Equal(c.Pairs("expected_with_realm_extra").Single().Value, realm);
    }

    [Theory]
    [MemberData(nameof(RenderHeaderCases))]
    public void Authorization_header_renders_like_the_reference(string id)
    {
        VectorCase c = PublicVectors.Get(id);
        Assert.Equal(c["expected_authorization_header"], OAuth1AuthorizationHeader.Format(c.Pairs("params"), c["realm"]));
    }

    public static IEnumerable<object[]> RenderHeaderCases => PublicVectors.OfKind("render_authorization_header");

    // The rendering cases append a mix of oauth_* and other parameters, non-oauth ones first. The engine appends only
    // protocol parameters (oauth_*) to a request whose own parameters are already in its query or body, so each case is
    // checked that way: the request carries the non-oauth parameters, the placement appends the oauth_* ones after them.
    [Fact]
    public void Form_body_renders_like_the_reference()
    {
        VectorCase c = PublicVectors.OfKind("render_form_body").Select(o => PublicVectors.Get((string)o[0])).Single();
        (var own, var protocol) = Split(c.Pairs("params"));
        string body = string.Join("&", new[] { c["body"] }.Concat(own.Select(p => $"{p.Key}={p.Value}")).Where(s => !string.IsNullOrEmpty(s)));
        var list = ProtocolList(protocol);
        try
        {
            Assert.Equal(c["expected_body"], Encoding.ASCII.GetString(ParameterPlacement.AppendToForm(Encoding.ASCII.GetBytes(body), in list)));
        }
        finally
        {
            list.Dispose();
        }
    }

    [Fact]
    public void Query_renders_like_the_reference()
    {
        VectorCase c = PublicVectors.OfKind("render_query").Select(o => PublicVectors.Get((string)o[0])).Single();
        (var own, var protocol) = Split(c.Pairs("params"));
        string requestUri = ParameterPlacement.AppendToQuery(new Uri(c["url"]!).AbsoluteUri, own, keepFragment: false);
        var list = ProtocolList(protocol);
        try
        {
            Assert.Equal(c["expected_url"], ParameterPlacement.AppendToQuery(new Uri(requestUri).AbsoluteUri, in list));
        }
        finally
        {
            list.Dispose();
        }
    }

    /// <summary>
    /// oauthlib's <c>_append_params</c> merges a request's existing parameters with new ones and moves every oauth_* one
    /// (an existing one included) after the others. The engine has no such step: it never reorders what the request
    /// carries, and appends only its own protocol parameters, which are all oauth_*, after it. What applies is checked:
    /// the appended oauth_* parameters keep their order and follow everything already there.
    /// </summary>
    [Fact]
    public void Appended_protocol_parameters_follow_the_existing_ones_in_order()
    {
        VectorCase c = PublicVectors.OfKind("render_order").Select(o => PublicVectors.Get((string)o[0])).Single();
        (_, var protocol) = Split(c.Pairs("params"));
        var list = ProtocolList(protocol);
        try
        {
            string url = ParameterPlacement.AppendToQuery("https://example.com/?teehee=456", in list);
            string[] expectedTail = c.Pairs("expected_params").Where(p => protocol.Any(q => q.Key == p.Key)).Select(p => $"{p.Key}={p.Value}").ToArray();
            Assert.Equal(["teehee=456", .. expectedTail], new Uri(url).Query.TrimStart('?').Split('&'));
        }
        finally
        {
            list.Dispose();
        }
    }

    private static (List<KeyValuePair<string, string>> Own, List<KeyValuePair<string, string>> Protocol) Split(IEnumerable<KeyValuePair<string, string>> pairs) =>
        (pairs.Where(p => !p.Key.StartsWith("oauth_", StringComparison.Ordinal)).ToList(), pairs.Where(p => p.Key.StartsWith("oauth_", StringComparison.Ordinal)).ToList());

    private static ParameterCollection ProtocolList(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var list = new ParameterCollection(512);
        foreach (var pair in pairs)
        {
            list.Add(pair.Key, pair.Value);
        }

        return list;
    }

    [Fact]
    public void Authorization_header_parses_like_the_reference()
    {
        VectorCase c = PublicVectors.OfKind("parse_authorization_header").Select(o => PublicVectors.Get((string)o[0])).Single();
        var parsed = OAuth1AuthorizationHeader.Parse(c["authorization_header"]!);
        Assert.Equal(c.Pairs("expected_params").OrderBy(p => p.Key, StringComparer.Ordinal), parsed.OrderBy(p => p.Key, StringComparer.Ordinal));
        foreach (string bad in new[] { "OAuth", "OAuth oauth_nonce=", "Negotiate b2F1dGhsaWI=", "OA" })
        {
            Assert.Throws<FormatException>(() => OAuth1AuthorizationHeader.Parse(bad));
        }
    }

    [Fact]
    public void Percent_encoding_matches_the_reference()
    {
        VectorCase c = PublicVectors.OfKind("percent_encode").Select(o => PublicVectors.Get((string)o[0])).Single();
        string input = c.Pairs("params").Single().Value;
        Assert.Equal(c["expected_output"], OAuth1PercentEncoding.Encode(input));
        Assert.Equal(input, OAuth1PercentEncoding.Decode(c["expected_output"]));
    }

    [Fact]
    public async Task Verifier_accepts_the_reference_form_body_request_and_refuses_a_truncated_signature()
    {
        VectorCase c = PublicVectors.Get("oauthlib-server-verify-hmac-sha1");
        var verifier = new OAuth1RequestVerifier(
            new FakeCredentialStore().AddConsumer(c["consumer_key"]!, c["consumer_secret"]!).AddToken(c["consumer_key"]!, c["token"]!, c["token_secret"]!),
            new OAuth1VerifierOptions { TimeProvider = FixedClock.At(long.Parse(c["timestamp"]!)) });
        OAuth1IncomingRequest Request(string body) => new(c["method"]!, new Uri(c["url"]!))
        {
            ContentType = FormUrlEncoding.MediaType,
            Body = Encoding.ASCII.GetBytes(body),
        };

        var truncated = await verifier.VerifyAsync(Request(c["body"]!.Replace("%3D&oauth_timestamp", "&oauth_timestamp", StringComparison.Ordinal)));
        Assert.Equal(OAuth1VerificationFailure.SignatureInvalid, truncated.Failure);

        var valid = await verifier.VerifyAsync(Request(c["body"]!));
        Assert.True(valid.IsValid, valid.ToString());
        Assert.Equal(c["derived_base_string"], valid.BaseString);
    }

    [Fact]
    public async Task Verifier_accepts_the_reference_rsa_signature_with_the_public_key()
    {
        VectorCase c = PublicVectors.OfKind("signature_verify_only").Select(o => PublicVectors.Get((string)o[0])).Single();
        using RSA publicKey = RSA.Create();
        publicKey.ImportFromPem(c["rsa_public_key_pem"]);
        var verifier = new OAuth1RequestVerifier(
            new FakeCredentialStore().AddConsumer(c["consumer_key"]!, "", publicKey).AddToken(c["consumer_key"]!, c["token"]!, ""),
            new OAuth1VerifierOptions { TimeProvider = FixedClock.At(long.Parse(c["timestamp"]!)) });
        string body = FormUrlEncoding.Format(
        [
            new(OAuth1Parameters.Signature, c["expected_signature"]!),
            new(OAuth1Parameters.Timestamp, c["timestamp"]!),
            new(OAuth1Parameters.Nonce, c["nonce"]!),
            new(OAuth1Parameters.Version, "1.0"),
            new(OAuth1Parameters.SignatureMethod, "RSA-SHA1"),
            new(OAuth1Parameters.Token, c["token"]!),
            new(OAuth1Parameters.ConsumerKey, c["consumer_key"]!),
        ]);

        var result = await verifier.VerifyAsync(new OAuth1IncomingRequest(c["method"]!, new Uri(c["url"]!))
        {
            ContentType = FormUrlEncoding.MediaType,
            Body = Encoding.ASCII.GetBytes(body),
        });

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(c["derived_base_string"], result.BaseString);
    }

    [Fact]
    public async Task Plaintext_quirk_of_one_library_is_not_copied()
    {
        // oauthlib's server decodes oauth_* values in a form body twice; a correct client encodes the PLAINTEXT
        // value once for the signature and once more as form data.
        VectorCase c = PublicVectors.OfKind("signature_quirk").Select(o => PublicVectors.Get((string)o[0])).Single();
        using var request = new HttpRequestMessage(HttpMethod.Get, c["url"]);
        var options = new OAuth1Options
        {
            ConsumerKey = c["consumer_key"],
            ConsumerSecret = c["consumer_secret"],
            Token = c["token"],
            TokenSecret = c["token_secret"],
            SignatureMethod = OAuth1SignatureMethod.Plaintext,
            SignatureLocation = OAuth1SignatureLocation.Body,
        };

        await OAuth1Signer.SignAsync(request, options);

        var sent = FormUrlEncoding.Parse(await request.Content!.ReadAsStringAsync());
        Assert.Equal(c["derived_plaintext_value_not_in_source"], sent.Single(p => p.Key == OAuth1Parameters.Signature).Value);
        Assert.DoesNotContain(c["wire_value"]!, await request.Content!.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static IEnumerable<KeyValuePair<string, string>> ProtocolParameters(VectorCase c)
    {
        yield return new(OAuth1Parameters.Nonce, c["nonce"]!);
        yield return new(OAuth1Parameters.Timestamp, c["timestamp"]!);
        yield return new(OAuth1Parameters.Version, "1.0");
        yield return new(OAuth1Parameters.SignatureMethod, c["signature_method"]!);
        yield return new(OAuth1Parameters.ConsumerKey, c["consumer_key"]!);
    }

    private static OAuth1SignatureMethod MethodFor(VectorCase c)
    {
        string name = c["signature_method"]!;
        if (name.StartsWith("RSA-", StringComparison.Ordinal))
        {
            string pem = c["rsa_private_key_pem"]!;
            return name switch
            {
                "RSA-SHA1" => OAuth1SignatureMethod.RsaSha1(pem),
                "RSA-SHA256" => OAuth1SignatureMethod.RsaSha256(pem),
                _ => OAuth1SignatureMethod.RsaSha512(pem),
            };
        }

        return name == "PIZZA" ? OAuth1SignatureMethod.Create("PIZZA", (_, _, _) => "PIZZA") : OAuth1SignatureMethod.FromName(name);
    }

    private static OAuth1Options OptionsFor(VectorCase c)
    {
        string? derived = c["derived_base_string"];
        var options = new OAuth1Options
        {
            ConsumerKey = c["consumer_key"],
            ConsumerSecret = c["consumer_secret"],
            Token = c["token"],
            TokenSecret = c["token_secret"],
            Realm = c["realm"],
            SignatureMethod = MethodFor(c),
            SignatureLocation = c["placement"] switch
            {
                "query" => OAuth1SignatureLocation.Query,
                "body" => OAuth1SignatureLocation.Body,
                _ => OAuth1SignatureLocation.Header,
            },
            IncludeVersion = derived is null || derived.Contains("oauth_version", StringComparison.Ordinal),
            TimeProvider = FixedClock.At(long.Parse(c["timestamp"]!)),
            AllowPlaintextOverHttp = true,
        };
        string nonce = c["nonce"]!;
        options.NonceGenerator = () => nonce;
        return options;
    }

    private static HttpRequestMessage RequestFor(VectorCase c)
    {
        var request = new HttpRequestMessage(new HttpMethod(c["method"]!), c["url"]);
        string? contentType = c["content_type"];
        if (c.Id == "requests-oauthlib-session-binary-upload")
        {
            request.Content = new MultipartFormDataContent { { new StringContent("hello world"), "fake", "fake" } };
        }
        else if (c["body"] is string body && contentType == FormUrlEncoding.MediaType && !body.Contains("oauth_signature", StringComparison.Ordinal))
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        return request;
    }
}
