using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OAuth1;
using OAuth1Gen.Provider;
using Refit;

// OAuth1.Core declares [Get], [Post], [Query], [Body] and [Header] for its own generator, under the same names as
// Refit's; with both namespaces imported, these aliases say which ones this file means.
using BodyAttribute = Refit.BodyAttribute;
using GetAttribute = Refit.GetAttribute;
using PostAttribute = Refit.PostAttribute;

namespace OAuth1Gen.RefitSample;

/// <summary>The embedded provider's protected resources, described with Refit.</summary>
public interface IDemoApi
{
    /// <summary>The user the token acts for.</summary>
    [Get("/" + ProviderPaths.User)]
    Task<DemoUser> GetUserAsync(CancellationToken cancellationToken = default);

    /// <summary>The same, for the user of <paramref name="token"/>: one client, many users.</summary>
    [Get("/" + ProviderPaths.User)]
    Task<DemoUser> GetUserAsync([Property(OAuth1RequestOptions.TokenKeyName)] OAuth1Token token, CancellationToken cancellationToken = default);

    /// <summary>A page of the user's timeline (the query is signed as Refit encodes it).</summary>
    [Get("/" + ProviderPaths.Timeline)]
    Task<TimelinePage> GetTimelineAsync(int page, int count, CancellationToken cancellationToken = default);

    /// <summary>Posts a form (its fields are signed) and gets back what the provider verified.</summary>
    [Post("/" + ProviderPaths.Echo)]
    Task<ApiResponse<JsonObject>> EchoFormAsync([Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> fields, CancellationToken cancellationToken = default);
}

/// <summary>A user of the provider.</summary>
public sealed record DemoUser(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("screen_name")] string ScreenName,
    [property: JsonPropertyName("name")] string Name);

/// <summary>A page of a timeline.</summary>
public sealed record TimelinePage(
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("next_page")] int? NextPage,
    [property: JsonPropertyName("items")] IReadOnlyList<TimelineItem> Items);

/// <summary>One post.</summary>
public sealed record TimelineItem(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("text")] string Text);

/// <summary>Any API: one GET of a path given on the command line.</summary>
public interface IAnyApi
{
    /// <summary>GETs <paramref name="path"/> (slashes kept, the rest escaped by Refit) and returns the raw response.</summary>
    [Get("/{**path}")]
    Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken = default);
}
