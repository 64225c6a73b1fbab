using System.Text.Json.Serialization;

namespace OAuth1.Benchmarks.Generated;

/// <summary>The call of <see cref="ClientCallBenchmarks"/>, declared for OAuth1.Generator (which writes <c>StatusClientApiClient</c>).</summary>
[OAuth1Api("https://api.example.com/1.1/", JsonContext = typeof(BenchJsonContext))]
public interface IStatusClientApi
{
    [OAuth1.Get("statuses/show/{id}.json")]
    Task<BenchStatus> ShowAsync(long id, [OAuth1.Query("include_entities")] bool includeEntities, CancellationToken cancellationToken = default);
}

/// <summary>The JSON answer.</summary>
public sealed record BenchStatus(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("user")] string User);

/// <summary>Shared by the three clients, so that each deserialises the same way.</summary>
[JsonSerializable(typeof(BenchStatus))]
public sealed partial class BenchJsonContext : JsonSerializerContext
{
}
