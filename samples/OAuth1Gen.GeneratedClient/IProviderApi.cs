using System.Text.Json.Serialization;
using OAuth1;

namespace OAuth1Gen.GeneratedClient;

/// <summary>
/// The provider's protected resources, declared once: OAuth1.Generator writes <see cref="ProviderApiClient"/>, which
/// builds, signs and sends each call. JSON goes through <see cref="ProviderJsonContext"/>, so no reflection is needed.
/// </summary>
[OAuth1Api(JsonContext = typeof(ProviderJsonContext))]
public interface IProviderApi
{
    /// <summary>The user the access token acts for.</summary>
    [Get("api/user")]
    Task<UserInfo> GetUserAsync(CancellationToken cancellationToken = default);

    /// <summary>A page of the user's timeline.</summary>
    [Get("api/timeline")]
    Task<TimelinePage> GetTimelineAsync([Query] int? page = null, [Query] int? count = null, CancellationToken cancellationToken = default);

    /// <summary>Posts a form to the echo resource, which answers what it received and how it verified it.</summary>
    [Post("api/echo/{topic}")]
    Task<EchoResult> EchoAsync(string topic, [Form] string status, [Query("lang")] string? language = null, CancellationToken cancellationToken = default);
}

/// <summary>The user resource.</summary>
public sealed record UserInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("screen_name")] string ScreenName,
    [property: JsonPropertyName("name")] string Name);

/// <summary>A timeline page.</summary>
public sealed record TimelinePage(
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("next_page")] int? NextPage,
    [property: JsonPropertyName("items")] IReadOnlyList<TimelineItem> Items);

/// <summary>A timeline entry.</summary>
public sealed record TimelineItem(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("text")] string Text);

/// <summary>What the echo resource saw.</summary>
public sealed record EchoResult(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("raw_path")] string RawPath,
    [property: JsonPropertyName("raw_query")] string RawQuery,
    [property: JsonPropertyName("oauth")] EchoOAuth OAuth,
    [property: JsonPropertyName("verification")] EchoVerification Verification);

/// <summary>The protocol parameters the echo resource received.</summary>
public sealed record EchoOAuth(
    [property: JsonPropertyName("placement")] string? Placement,
    [property: JsonPropertyName("signature_method")] string? SignatureMethod);

/// <summary>How the echo resource verified the request.</summary>
public sealed record EchoVerification(
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("base_string")] string? BaseString);

/// <summary>System.Text.Json metadata for the types above, generated at compile time.</summary>
[JsonSerializable(typeof(UserInfo))]
[JsonSerializable(typeof(TimelinePage))]
[JsonSerializable(typeof(EchoResult))]
public sealed partial class ProviderJsonContext : JsonSerializerContext
{
}
