using System.Text.Json.Serialization;

namespace OAuth1.Generator.Tests.Integration;

/// <summary>What the loopback provider saw, echoed back as JSON (names fixed, so any naming policy reads them).</summary>
public sealed record EchoResponse(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("raw_target")] string RawTarget,
    [property: JsonPropertyName("query")] List<Pair> Query,
    [property: JsonPropertyName("form")] List<Pair> Form,
    [property: JsonPropertyName("headers")] Dictionary<string, string> Headers,
    [property: JsonPropertyName("content_type")] string? ContentType,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("signature_method")] string? SignatureMethod);

/// <summary>A decoded name/value pair.</summary>
public sealed record Pair([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("value")] string Value);

/// <summary>A JSON body without fixed names, so the naming policy in force shows on the wire.</summary>
public sealed record NewItem(string DisplayName, int Quantity);

public enum Color
{
    Red,
    DarkBlue,
}

/// <summary>Every parameter kind and return type, against the loopback provider (base URL from HttpClient.BaseAddress).</summary>
[OAuth1Api]
public interface IEchoApi
{
    [Get("echo/{category}/{id}")]
    Task<EchoResponse> PathAsync(string category, int id, CancellationToken cancellationToken = default);

    [Get("echo/query")]
    Task<EchoResponse> QueryAsync(
        [Query] string? text,
        [Query("page")] int? pageNumber,
        [Query] bool exact,
        [Query] double ratio,
        [Query] DateTimeOffset since,
        [Query] Guid id,
        [Query] Color color,
        [Query("tag")] IEnumerable<string?> tags,
        [Query] int[]? ids,
        CancellationToken cancellationToken = default);

    [Get("echo/search?fixed=1&q={q}")]
    Task<EchoResponse> FixedQueryAsync(string q, [Query] string extra);

    [Post("echo/form")]
    Task<EchoResponse> FormAsync([Form] string status, [Form("in_reply_to")] long? replyTo, [Form] List<string> media, [Form] decimal amount);

    [Put("echo/json")]
    Task<EchoResponse> JsonAsync([Body] NewItem item, [Header("X-Request-Id")] string requestId, [Header("X-Attempt")] int? attempt, [Header("Content-Language")] string? language);

    [Patch("echo/content")]
    Task<EchoResponse> ContentAsync([Body] HttpContent content);

    [Delete("echo/items/{id}")]
    Task DeleteAsync(long id);

    [Head("echo/head")]
    Task HeadAsync();

    [Get("text")]
    Task<string> TextAsync();

    [Get("text")]
    Task<Stream> StreamAsync();

    [Get("status/{code}")]
    Task<HttpResponseMessage> RawStatusAsync(int code);

    [Get("status/{code}")]
    Task<EchoResponse> FailingAsync(int code);

    [Get("status/{code}")]
    Task FailingWithoutResultAsync(int code);

    [Get("null")]
    Task<EchoResponse> NullAsync();

    [Get("null")]
    Task<EchoResponse?> NullableAsync();

    [Get("wait")]
    Task WaitAsync(CancellationToken cancellationToken);

    [Post("sign/{id}")]
    Task<EchoResponse> SignedAsync(string id, [Query] string q, [Form] string f);

    [Get("flaky/{key}")]
    Task<EchoResponse> FlakyAsync(string key);
}

/// <summary>The same calls through a source-generated JSON context (the trimming- and AOT-safe way).</summary>
[OAuth1Api(JsonContext = typeof(IntegrationJsonContext))]
public interface IEchoAotApi
{
    [Put("echo/json")]
    Task<EchoResponse> JsonAsync([Body] NewItem item);
}

/// <summary>A fixed base URL, which wins over HttpClient.BaseAddress.</summary>
[OAuth1Api("https://fixed.example.com/v2")]
public interface IFixedApi
{
    [Get("/items/{id}")]
    Task<HttpResponseMessage> GetAsync(int id, [Query] string? filter);

    [Post("items")]
    Task<HttpResponseMessage> CreateAsync([Form] string name, [Form] int count);

    [Put("items/{id}")]
    Task<HttpResponseMessage> ReplaceAsync(int id, [Body] NewItem item);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(NewItem))]
[JsonSerializable(typeof(EchoResponse))]
public sealed partial class IntegrationJsonContext : JsonSerializerContext
{
}
