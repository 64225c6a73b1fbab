using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OAuth1;
using OAuth1.AspNetCore;

namespace OAuth1Gen.Provider;

/// <summary>The request handlers of the provider.</summary>
internal sealed class ProviderEndpoints
{
    /// <summary>The largest body read (a form or an echoed body).</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Items in every user's timeline.</summary>
    private const int TimelineLength = 23;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ProviderSettings _settings;
    private readonly ProviderStore _store;
    private readonly OAuth1RequestVerifier _verifier;

    public ProviderEndpoints(ProviderSettings settings, ProviderStore store, OAuth1RequestVerifier verifier)
    {
        _settings = settings;
        _store = store;
        _verifier = verifier;
    }

    // ---- Step 1: temporary credentials -------------------------------------------------------------------------

    public async Task RequestTokenAsync(HttpContext context)
    {
        Verified? verified = await VerifyAsync(context);
        if (verified is null)
        {
            return;
        }

        OAuth1VerificationResult result = verified.Result;
        if (!string.IsNullOrEmpty(result.Token))
        {
            await ProblemAsync(context, HttpStatusCode.BadRequest, "parameter_rejected", "A temporary credential request carries no oauth_token.");
            return;
        }

        string? callback = result.Callback;
        if (string.IsNullOrEmpty(callback))
        {
            await ProblemAsync(context, HttpStatusCode.BadRequest, "parameter_absent", "oauth_callback is required (use 'oob' for the PIN flow).", "oauth_parameters_absent=oauth_callback");
            return;
        }

        if (callback != OAuth1Session.OutOfBand
            && !(Uri.TryCreate(callback, UriKind.Absolute, out Uri? callbackUri) && callbackUri.Scheme is "http" or "https"))
        {
            await ProblemAsync(context, HttpStatusCode.BadRequest, "parameter_rejected", "oauth_callback must be 'oob' or an absolute http or https URL.", "oauth_parameters_rejected=oauth_callback");
            return;
        }

        IssuedToken issued = _store.IssueRequestToken(verified.Consumer.Key, callback);
        var fields = new List<KeyValuePair<string, string>>
        {
            new(OAuth1Parameters.Token, issued.Token),
            new(OAuth1Parameters.TokenSecret, issued.Secret),
            new(OAuth1Parameters.CallbackConfirmed, "true"),
        };
        await TokenAnswerAsync(context, fields);
    }

    // ---- Step 2: resource owner authorization ------------------------------------------------------------------

    public async Task AuthorizePageAsync(HttpContext context)
    {
        var query = FormUrlEncoding.Parse(context.Request.QueryString.Value);
        IssuedToken? token = Find(query, OAuth1Parameters.Token) is { Length: > 0 } value ? _store.FindRequestToken(value) : null;
        if (token is null)
        {
            await HtmlAsync(context, HttpStatusCode.BadRequest, "Unknown request", "<p id=\"error\">This authorization request is unknown, used or expired. Start again from the application.</p>");
            return;
        }

        ProviderConsumer consumer = _store.FindConsumer(token.ConsumerKey)!;
        if (_settings.AutoApprove)
        {
            ProviderUser? user = Find(query, "user") is { } name ? _store.FindUser(name) : _store.DefaultUser;
            if (user is null)
            {
                await HtmlAsync(context, HttpStatusCode.BadRequest, "Unknown user", "<p id=\"error\">No such user.</p>");
                return;
            }

            await ApproveAsync(context, token, user);
            return;
        }

        var options = new StringBuilder();
        foreach (ProviderUser user in _store.Users)
        {
            options.Append(CultureInfo.InvariantCulture, $"<option value=\"{Html(user.UserName)}\">{Html(user.DisplayName)} (@{Html(user.UserName)})</option>");
        }

        string body =
            $"<p><strong id=\"consumer\">{Html(consumer.Name)}</strong> asks to use your account.</p>\n"
            + $"<form method=\"post\" action=\"/{ProviderPaths.Authorize}\">\n"
            + $"  <input type=\"hidden\" name=\"oauth_token\" value=\"{Html(token.Token)}\">\n"
            + $"  <input type=\"hidden\" name=\"form_token\" value=\"{Html(token.FormToken!)}\">\n"
            + $"  <label>Signed in as <select name=\"user\">{options}</select></label>\n"
            + "  <button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>\n"
            + "  <button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n"
            + "</form>";
        await HtmlAsync(context, HttpStatusCode.OK, "Authorize " + consumer.Name, body);
    }

    public async Task AuthorizeDecisionAsync(HttpContext context)
    {
        byte[] raw = await ReadBodyAsync(context);
        var form = FormUrlEncoding.Parse(Encoding.UTF8.GetString(raw));
        IssuedToken? token = Find(form, OAuth1Parameters.Token) is { Length: > 0 } value ? _store.FindRequestToken(value) : null;
        if (token is null || token.Verifier is not null)
        {
            await HtmlAsync(context, HttpStatusCode.BadRequest, "Unknown request", "<p id=\"error\">This authorization request is unknown, used or expired.</p>");
            return;
        }

        if (!ProviderStore.FixedTimeEquals(Find(form, "form_token"), token.FormToken))
        {
            await HtmlAsync(context, HttpStatusCode.Forbidden, "Forbidden", "<p id=\"error\">The form was not sent from the authorization page.</p>");
            return;
        }

        string? decision = Find(form, "decision");
        if (decision == "deny")
        {
            _store.Remove(token);
            if (token.Callback == OAuth1Session.OutOfBand)
            {
                await HtmlAsync(context, HttpStatusCode.OK, "Access denied", "<p id=\"denied\">You denied the application access. You can close this page.</p>");
            }
            else
            {
                Redirect(context, AppendQuery(token.Callback!, [new("denied", token.Token)]));
            }

            return;
        }

        if (decision != "approve")
        {
            await HtmlAsync(context, HttpStatusCode.BadRequest, "Bad request", "<p id=\"error\">Choose Approve or Deny.</p>");
            return;
        }

        ProviderUser? user = Find(form, "user") is { } name ? _store.FindUser(name) : _store.DefaultUser;
        if (user is null)
        {
            await HtmlAsync(context, HttpStatusCode.BadRequest, "Unknown user", "<p id=\"error\">No such user.</p>");
            return;
        }

        await ApproveAsync(context, token, user);
    }

    private async Task ApproveAsync(HttpContext context, IssuedToken token, ProviderUser user)
    {
        bool outOfBand = token.Callback == OAuth1Session.OutOfBand;
        token.User = user;
        token.Verifier = outOfBand ? ProviderStore.RandomPin() : ProviderStore.RandomHex(16);
        if (outOfBand)
        {
            await HtmlAsync(context, HttpStatusCode.OK, "Your PIN", $"<p>Enter this PIN in the application: <code id=\"pin\">{Html(token.Verifier)}</code></p>");
            return;
        }

        Redirect(context, AppendQuery(token.Callback!, [new(OAuth1Parameters.Token, token.Token), new(OAuth1Parameters.Verifier, token.Verifier)]));
    }

    // ---- Step 3: token credentials, xAuth and refresh ----------------------------------------------------------

    public async Task AccessTokenAsync(HttpContext context)
    {
        Verified? verified = await VerifyAsync(context);
        if (verified is null)
        {
            return;
        }

        OAuth1VerificationResult result = verified.Result;
        ProviderConsumer consumer = verified.Consumer;
        ProviderUser user;
        if (result.Get("x_auth_mode") is { } mode)
        {
            if (mode != "client_auth" || !string.IsNullOrEmpty(result.Token))
            {
                await ProblemAsync(context, HttpStatusCode.BadRequest, "parameter_rejected", "xAuth needs x_auth_mode=client_auth and no oauth_token.");
                return;
            }

            if (!consumer.AllowXAuth)
            {
                await ProblemAsync(context, HttpStatusCode.Unauthorized, "permission_denied", "This client may not use xAuth.");
                return;
            }

            ProviderUser? candidate = result.Get("x_auth_username") is { } userName ? _store.FindUser(userName) : null;
            if (candidate is null || !ProviderStore.FixedTimeEquals(result.Get("x_auth_password"), candidate.Password))
            {
                await ProblemAsync(context, HttpStatusCode.Unauthorized, "permission_denied", "The user name or password is wrong.");
                return;
            }

            user = candidate;
        }
        else
        {
            if (string.IsNullOrEmpty(result.Token))
            {
                await ProblemAsync(context, HttpStatusCode.BadRequest, "parameter_absent", "A token request needs oauth_token.", "oauth_parameters_absent=oauth_token");
                return;
            }

            IssuedToken token = _store.FindToken(consumer.Key, result.Token)!;
            if (result.Get(OAuth1Parameters.SessionHandle) is { } handle)
            {
                if (token.Kind != TokenKind.Access || !ProviderStore.FixedTimeEquals(handle, token.SessionHandle))
                {
                    await ProblemAsync(context, HttpStatusCode.Unauthorized, "token_rejected", "The session handle does not belong to this access token.");
                    return;
                }

                _store.Remove(token);
                user = token.User!;
            }
            else
            {
                if (token.Kind != TokenKind.Request)
                {
                    await ProblemAsync(context, HttpStatusCode.Unauthorized, "token_rejected", "oauth_token is not a request token.");
                    return;
                }

                if (_store.IsExpired(token))
                {
                    _store.Remove(token);
                    await ProblemAsync(context, HttpStatusCode.Unauthorized, "token_expired", "The request token expired; start the flow again.");
                    return;
                }

                if (token.Verifier is null || token.User is null)
                {
                    await ProblemAsync(context, HttpStatusCode.Unauthorized, "permission_unknown", "The user has not approved this request token yet.");
                    return;
                }

                // A request token is used once, whether the verifier is right or not.
                bool verifierMatches = ProviderStore.FixedTimeEquals(result.Verifier, token.Verifier);
                if (!_store.Remove(token))
                {
                    await ProblemAsync(context, HttpStatusCode.Unauthorized, "token_used", "The request token was already exchanged.");
                    return;
                }

                if (!verifierMatches)
                {
                    await ProblemAsync(context, HttpStatusCode.Unauthorized, "permission_denied", "oauth_verifier is missing or does not match; start the flow again.");
                    return;
                }

                user = token.User;
            }
        }

        IssuedToken access = _store.IssueAccessToken(consumer.Key, user);
        var fields = new List<KeyValuePair<string, string>>
        {
            new(OAuth1Parameters.Token, access.Token),
            new(OAuth1Parameters.TokenSecret, access.Secret),
            new("user_id", user.UserId),
            new("screen_name", user.UserName),
            new("x_auth_expires", "0"),
            new(OAuth1Parameters.SessionHandle, access.SessionHandle!),
        };
        if (_store.AccessTokenLifetime is { } lifetime)
        {
            fields.Add(new("oauth_expires_in", ((long)lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
        }

        await TokenAnswerAsync(context, fields);
    }

    // ---- Protected resources -----------------------------------------------------------------------------------

    public async Task EchoAsync(HttpContext context)
    {
        Verified? verified = await VerifyAsync(context);
        if (verified is null)
        {
            return;
        }

        // The echo is for debugging: any token the client holds is accepted and described (an expired one too).
        OAuth1VerificationResult result = verified.Result;
        IssuedToken? token = string.IsNullOrEmpty(result.Token) ? null : _store.FindToken(verified.Consumer.Key, result.Token);
        ProviderUser? user = token?.User;
        string? tokenKind = token is null ? null : token.Kind == TokenKind.Access ? "access" : "request";
        OAuth1IncomingRequest request = verified.Request;
        byte[] body = await ReadBodyAsync(context);
        string rawTarget = RawTarget(context);
        int question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var echo = new JsonObject
        {
            ["method"] = request.Method,
            ["url"] = HideSignature(request.Uri.AbsoluteUri),
            ["raw_path"] = question < 0 ? rawTarget : rawTarget[..question],
            ["raw_query"] = question < 0 ? string.Empty : HideSignature(rawTarget[(question + 1)..]),
            ["query"] = Pairs(FormUrlEncoding.Parse(request.Uri.Query), skipSignature: true),
            ["content_type"] = request.ContentType,
            ["form"] = request.HasFormBody ? Pairs(FormUrlEncoding.Parse(request.Body.Span), skipSignature: true) : null,
            ["body"] = request.HasFormBody || body.Length == 0 ? null : Encoding.UTF8.GetString(body),
            ["headers"] = Headers(context),
            ["user"] = user?.UserName,
            ["oauth"] = new JsonObject
            {
                ["placement"] = Placement(request),
                ["realm"] = Realm(request),
                ["consumer_key"] = result.ConsumerKey,
                ["token"] = result.Token,
                ["token_kind"] = tokenKind,
                ["token_expired"] = token is null ? null : _store.IsExpired(token),
                ["signature_method"] = result.SignatureMethod,
                ["timestamp"] = result.Get(OAuth1Parameters.Timestamp),
                ["nonce"] = result.Get(OAuth1Parameters.Nonce),
                ["version"] = result.Get(OAuth1Parameters.Version),
                ["callback"] = result.Callback,
                ["verifier"] = result.Verifier,
                ["session_handle"] = result.Get(OAuth1Parameters.SessionHandle),
                ["body_hash"] = result.Get(OAuth1Parameters.BodyHash),
                ["body_hash_valid"] = result.Get(OAuth1Parameters.BodyHash) is { } hash ? BodyHashMatches(hash, body) : null,
            },
            ["verification"] = new JsonObject
            {
                ["valid"] = result.IsValid,
                ["message"] = result.Message,
                ["base_string"] = result.BaseString,
            },
        };
        await JsonAsync(context, echo);
    }

    public async Task UserAsync(HttpContext context)
    {
        Verified? verified = await VerifyAsync(context);
        if (verified is null || await AccessTokenUserAsync(context, verified) is not { } user)
        {
            return;
        }

        await JsonAsync(context, UserJson(user));
    }

    public async Task TimelineAsync(HttpContext context)
    {
        Verified? verified = await VerifyAsync(context);
        if (verified is null || await AccessTokenUserAsync(context, verified) is not { } user)
        {
            return;
        }

        var query = FormUrlEncoding.Parse(verified.Request.Uri.Query);
        if (!TryPositive(Find(query, "page"), 1, out int page) || !TryPositive(Find(query, "count"), 5, out int count) || count > 50)
        {
            await JsonErrorAsync(context, HttpStatusCode.BadRequest, "page and count must be positive whole numbers (count at most 50).");
            return;
        }

        var items = new JsonArray();
        int first = ((page - 1) * count) + 1;
        for (int n = first; n < first + count && n <= TimelineLength; n++)
        {
            items.Add(new JsonObject
            {
                ["id"] = (TimelineLength + 1 - n) + (long.Parse(user.UserId, CultureInfo.InvariantCulture) * 1000),
                ["text"] = $"Post {TimelineLength + 1 - n} by @{user.UserName}",
                ["user"] = user.UserName,
            });
        }

        bool hasMore = first + count <= TimelineLength;
        await JsonAsync(context, new JsonObject
        {
            ["page"] = page,
            ["count"] = count,
            ["total"] = TimelineLength,
            ["next_page"] = hasMore ? page + 1 : null,
            ["items"] = items,
        });
    }

    // ---- Verification ------------------------------------------------------------------------------------------

    private sealed record Verified(OAuth1IncomingRequest Request, OAuth1VerificationResult Result, ProviderConsumer Consumer);

    /// <summary>Verifies the request; answers the problem and returns null when it fails.</summary>
    private async Task<Verified?> VerifyAsync(HttpContext context)
    {
        OAuth1IncomingRequest request = await context.Request.ToOAuth1IncomingRequestAsync(context.RequestAborted);
        OAuth1VerificationResult result = await _verifier.VerifyAsync(request, context.RequestAborted);
        if (!result.IsValid)
        {
            HttpStatusCode status = result.Failure switch
            {
                OAuth1VerificationFailure.MalformedRequest or OAuth1VerificationFailure.ParameterAbsent or OAuth1VerificationFailure.DuplicateParameter
                    or OAuth1VerificationFailure.VersionRejected or OAuth1VerificationFailure.SignatureMethodRejected => HttpStatusCode.BadRequest,
                _ => HttpStatusCode.Unauthorized,
            };
            string? extra = result.Failure == OAuth1VerificationFailure.TimestampRefused
                ? "oauth_acceptable_timestamps=" + AcceptableTimestamps()
                : null;
            await ProblemAsync(context, status, result.Problem!, result.Message, extra);
            return null;
        }

        return new Verified(request, result, _store.FindConsumer(result.ConsumerKey!)!);
    }

    /// <summary>For resources: the access token's user. Writes the problem and returns null when refused.</summary>
    private async Task<ProviderUser?> AccessTokenUserAsync(HttpContext context, Verified verified)
    {
        if (string.IsNullOrEmpty(verified.Result.Token))
        {
            await ProblemAsync(context, HttpStatusCode.Unauthorized, "parameter_absent", "This resource needs an access token (oauth_token).", "oauth_parameters_absent=oauth_token");
            return null;
        }

        IssuedToken token = _store.FindToken(verified.Consumer.Key, verified.Result.Token)!;
        if (token.Kind != TokenKind.Access)
        {
            await ProblemAsync(context, HttpStatusCode.Unauthorized, "token_rejected", "oauth_token is a request token, not an access token.");
            return null;
        }

        if (_store.IsExpired(token))
        {
            await ProblemAsync(context, HttpStatusCode.Unauthorized, "token_expired", "The access token expired; refresh it with its oauth_session_handle.");
            return null;
        }

        return token.User;
    }

    private static async Task TokenAnswerAsync(HttpContext context, List<KeyValuePair<string, string>> fields)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = FormUrlEncoding.MediaType;
        await context.Response.WriteAsync(FormUrlEncoding.Format(fields));
    }

    // ---- Answers -----------------------------------------------------------------------------------------------

    /// <summary>An OAuth Problem Reporting answer: a form body and a <c>WWW-Authenticate: OAuth</c> challenge.</summary>
    private async Task ProblemAsync(HttpContext context, HttpStatusCode status, string problem, string advice, string? extraField = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new(OAuth1Parameters.Problem, problem),
            new(OAuth1Parameters.ProblemAdvice, advice),
        };
        if (extraField is not null)
        {
            int eq = extraField.IndexOf('=', StringComparison.Ordinal);
            fields.Add(new(extraField[..eq], extraField[(eq + 1)..]));
        }

        context.Response.StatusCode = (int)status;
        context.Response.Headers.WWWAuthenticate = OAuth1AuthorizationHeader.Format([new(OAuth1Parameters.Problem, problem)], _settings.Realm);
        context.Response.ContentType = FormUrlEncoding.MediaType;
        await context.Response.WriteAsync(FormUrlEncoding.Format(fields));
    }

    private string AcceptableTimestamps()
    {
        long now = _settings.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        long tolerance = (long)_settings.TimestampTolerance.TotalSeconds;
        return $"{now - tolerance}-{now + tolerance}";
    }

    private static async Task JsonAsync(HttpContext context, JsonNode node)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(node.ToJsonString(Indented));
    }

    private static Task JsonErrorAsync(HttpContext context, HttpStatusCode status, string message)
    {
        context.Response.StatusCode = (int)status;
        return JsonAsync(context, new JsonObject { ["error"] = message });
    }

    private static async Task HtmlAsync(HttpContext context, HttpStatusCode status, string title, string body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{Html(title)}</title></head>\n<body>\n<h1>{Html(title)}</h1>\n{body}\n</body>\n</html>\n");
    }

    private static void Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        context.Response.Headers.CacheControl = "no-store";
    }

    // ---- Helpers -----------------------------------------------------------------------------------------------

    internal static JsonObject UserJson(ProviderUser user) => new()
    {
        ["id"] = user.UserId,
        ["screen_name"] = user.UserName,
        ["name"] = user.DisplayName,
    };

    private static string RawTarget(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(ProviderEndpoints), out object? cached) && cached is byte[] bytes)
        {
            return bytes;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new BadHttpRequestException("The body is larger than 1 MB.", StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        bytes = buffer.ToArray();
        context.Items[typeof(ProviderEndpoints)] = bytes;
        return bytes;
    }

    /// <summary>Where the client put its protocol parameters: where <c>oauth_signature</c> was found.</summary>
    private static string Placement(OAuth1IncomingRequest request)
    {
        if (request.AuthorizationHeader?.Contains(OAuth1Parameters.Signature, StringComparison.Ordinal) == true)
        {
            return "header";
        }

        if (Find(FormUrlEncoding.Parse(request.Uri.Query), OAuth1Parameters.Signature) is not null)
        {
            return "query";
        }

        return request.HasFormBody && Find(FormUrlEncoding.Parse(request.Body.Span), OAuth1Parameters.Signature) is not null ? "body" : "unknown";
    }

    private static string? Realm(OAuth1IncomingRequest request)
    {
        if (request.AuthorizationHeader is null)
        {
            return null;
        }

        try
        {
            return Find(OAuth1AuthorizationHeader.Parse(request.AuthorizationHeader), OAuth1Parameters.Realm);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool BodyHashMatches(string received, ReadOnlySpan<byte> body) =>
        ProviderStore.FixedTimeEquals(received, Convert.ToBase64String(SHA1.HashData(body)));

    private static JsonArray Pairs(IReadOnlyList<KeyValuePair<string, string>> pairs, bool skipSignature)
    {
        var array = new JsonArray();
        foreach (var pair in pairs)
        {
            if (!(skipSignature && pair.Key == OAuth1Parameters.Signature))
            {
                array.Add(new JsonObject { ["name"] = pair.Key, ["value"] = pair.Value });
            }
        }

        return array;
    }

    private static JsonObject Headers(HttpContext context)
    {
        var headers = new JsonObject();
        foreach (var header in context.Request.Headers)
        {
            // The Authorization header is described under "oauth" (and carries a PLAINTEXT signature's secrets).
            if (!header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                headers[header.Key.ToLowerInvariant()] = header.Value.ToString();
            }
        }

        return headers;
    }

    private static bool TryPositive(string? text, int fallback, out int value)
    {
        if (text is null)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
    }

    private static string? Find(IReadOnlyList<KeyValuePair<string, string>> pairs, string name)
    {
        foreach (var pair in pairs)
        {
            if (pair.Key == name)
            {
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>Appends parameters to a callback URL, keeping its own query; its fragment is dropped.</summary>
    private static string AppendQuery(string url, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        int hash = url.IndexOf('#', StringComparison.Ordinal);
        string main = hash < 0 ? url : url[..hash];
        string separator = !main.Contains('?', StringComparison.Ordinal) ? "?" : main.EndsWith('?') || main.EndsWith('&') ? string.Empty : "&";
        return main + separator + FormUrlEncoding.Format(pairs);
    }

    /// <summary>Replaces the value of <c>oauth_signature</c> in a URL or query (a PLAINTEXT signature is the secrets).</summary>
    private static string HideSignature(string urlOrQuery)
    {
        int question = urlOrQuery.IndexOf('?', StringComparison.Ordinal);
        string prefix = question < 0 ? string.Empty : urlOrQuery[..(question + 1)];
        string query = question < 0 ? urlOrQuery : urlOrQuery[(question + 1)..];
        if (question < 0 && urlOrQuery.Contains("://", StringComparison.Ordinal))
        {
            return urlOrQuery;
        }

        string[] parts = query.Split('&');
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i].StartsWith(OAuth1Parameters.Signature + "=", StringComparison.Ordinal))
            {
                parts[i] = OAuth1Parameters.Signature + "=***";
            }
        }

        return prefix + string.Join('&', parts);
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
