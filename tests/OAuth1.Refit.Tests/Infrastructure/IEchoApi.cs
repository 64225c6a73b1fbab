namespace OAuth1.Refit.Tests.Infrastructure;

// Inside the namespace, so that Refit's [Get], [Query], [Body]... win over OAuth1.Core's generator attributes of the
// same names in the enclosing namespace OAuth1.
using global::Refit;

/// <summary>A Refit interface covering what Refit can put on the wire; its client comes from Refit's source generator.</summary>
public interface IEchoApi
{
    [Get("/echo/get")]
    Task<Echo> Get();

    [Get("/echo/get")]
    Task<Echo> GetWithQuery(string q);

    [Get("/echo/query")]
    Task<Echo> Query([Query(CollectionFormat.Multi)] string[] tags, [QueryName] string flag, string plain);

    [Get("/echo/csv")]
    Task<Echo> Csv([Query(CollectionFormat.Csv)] string[] ids);

    [Get("/echo/encoded")]
    Task<Echo> Encoded([Encoded] string q);

    [Get("/echo/path/{segment}")]
    Task<Echo> Path(string segment);

    [Post("/echo/form")]
    Task<Echo> Form([Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> fields);

    [Post("/echo/form-model")]
    Task<Echo> FormModel([Body(BodySerializationMethod.UrlEncoded)] StatusUpdate update);

    [Post("/echo/form-query")]
    Task<Echo> FormWithQuery(string q, [Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> fields);

    [Post("/echo/form-string")]
    [Headers("Content-Type: application/x-www-form-urlencoded; charset=utf-8")]
    Task<Echo> FormString([Body] string body);

    [Post("/echo/json")]
    Task<Echo> Json([Body] Payload payload);

    [Multipart]
    [Post("/echo/multipart")]
    Task<Echo> Multipart([AliasAs("description")] string description, [AliasAs("file")] ByteArrayPart file);

    [Post("/echo/compressed-form")]
    Task<Echo> CompressedForm([Body(BodySerializationMethod.UrlEncoded, Compression = RequestCompression.GZip)] Dictionary<string, string> fields);

    [Post("/echo/compressed-json")]
    Task<Echo> CompressedJson([Body(BodySerializationMethod.Serialized, Compression = RequestCompression.GZip)] Payload payload);

    [Post("/echo/content")]
    Task<HttpResponseMessage> SendContent([Body] HttpContent content);

    [Get("/echo/raw")]
    Task<HttpResponseMessage> Raw();

    [Get("/echo/api-response")]
    Task<ApiResponse<Echo>> GetApiResponse();

    [Get("/echo/user")]
    Task<Echo> AsUser([Property(OAuth1RequestOptions.TokenKeyName)] OAuth1Token token);

    [Get("/echo/user/{id}")]
    Task<Echo> AsUser(int id, [Property(OAuth1RequestOptions.TokenKeyName)] OAuth1Token token);

    [Get("/problem")]
    Task<Echo> Problem();

    [Get("/problem")]
    Task<ApiResponse<Echo>> ProblemResponse();

    [Get("/status/{code}")]
    Task<Echo> Status(int code);

    [Get("/fail-once/{id}")]
    Task<Echo> FailOnce(string id);

    [Post("/fail-once/{id}")]
    Task<Echo> FailOnceForm(string id, string q, [Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> fields);

    [Get("/redirect")]
    Task<Echo> Redirect();
}

public sealed class StatusUpdate
{
    [AliasAs("status")]
    public string Status { get; set; } = string.Empty;

    [AliasAs("in_reply_to")]
    public long? InReplyTo { get; set; }

    [AliasAs("tag")]
    [Query(CollectionFormat.Multi)]
    public string[] Tags { get; set; } = [];
}

public sealed class Payload
{
    public string Text { get; set; } = string.Empty;

    public int Count { get; set; }
}
