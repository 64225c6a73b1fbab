namespace OAuth1.Generator.Tests.Infrastructure;

/// <summary>Interfaces the snapshot, compilation and caching tests generate clients for.</summary>
internal static class TestSources
{
    /// <summary>The example of the issue: a fixed base URL, query, form, path and a raw response.</summary>
    public const string Twitter = """
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using OAuth1;

        namespace Sample.Twitter
        {
            public sealed record User(long Id, string ScreenName);

            public sealed record Tweet(long Id, string Text);

            [OAuth1Api("https://api.twitter.com/1.1/")]
            public interface ITwitterApi
            {
                [Get("account/verify_credentials.json")]
                Task<User> VerifyCredentialsAsync(CancellationToken cancellationToken = default);

                [Get("statuses/user_timeline.json")]
                Task<IReadOnlyList<Tweet>> GetTimelineAsync([Query("screen_name")] string screenName, [Query] int? count = null, CancellationToken cancellationToken = default);

                [Post("statuses/update.json")]
                Task<Tweet> UpdateStatusAsync([Form] string status, CancellationToken cancellationToken = default);

                [Get("users/{id}.json")]
                Task<HttpResponseMessage> GetUserRawAsync(long id);
            }
        }
        """;

    /// <summary>Every parameter kind and return type, a JSON context, the HttpClient's base address and an inherited member.</summary>
    public const string AllKinds = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Net.Http;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using System.Threading;
        using System.Threading.Tasks;
        using OAuth1;

        namespace Sample.Kinds
        {
            public enum Sort { Newest, Oldest }

            public sealed class Item
            {
                public string Name { get; set; } = "";
            }

            // Stands in for a System.Text.Json source-generated context (that generator does not run in these tests).
            public sealed class KindsJsonContext : JsonSerializerContext
            {
                public KindsJsonContext() : base(null) { }
                public static KindsJsonContext Default { get; } = new KindsJsonContext();
                protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override JsonTypeInfo? GetTypeInfo(Type type) => null;
            }

            public interface IPingApi
            {
                [Head("ping")]
                Task PingAsync(CancellationToken cancellationToken);
            }

            [OAuth1Api(JsonContext = typeof(KindsJsonContext))]
            internal interface IKindsApi : IPingApi
            {
                [Get("/items/{category}/{id}?fields=all")]
                Task<List<Item>?> SearchAsync(
                    string category,
                    Guid id,
                    [Query] string? text,
                    [Query("page")] int? page,
                    [Query] bool exact,
                    [Query] Sort sort,
                    [Query("tag")] IEnumerable<string> tags,
                    [Query] long[]? ids,
                    [Query] List<DateTimeOffset?> since,
                    [Header("X-Request-Id")] string? requestId,
                    CancellationToken cancellationToken);

                [Post("items")]
                Task<Item> CreateAsync([Body] Item item, [Header("X-Count")] int count);

                [Put("items/{name}")]
                Task<string> ReplaceAsync(string name, [Form] string title, [Form("n")] decimal number, [Form] IReadOnlyList<Sort> sorts, [Form] DateOnly? day);

                [Patch("search?q={q}")]
                Task<Stream> PatchAsync(string q, [Body] HttpContent content);

                [Delete("items/{class}")]
                Task<int> DeleteAsync(string @class, [Query] TimeSpan? after, [Query] char flag, [Query] double ratio);
            }
        }
        """;

    /// <summary>An internal interface nested in a class in the global namespace, without nullable annotations.</summary>
    public const string NestedInGlobalNamespace = """
        #nullable disable
        using System.Threading.Tasks;
        using OAuth1;

        public class Outer
        {
            public sealed class Payload
            {
                public string Value { get; set; }
            }

            [OAuth1Api("http://localhost:8080/base")]
            internal interface IInnerApi
            {
                [Get("payload")]
                Task<Payload> GetAsync();

                [Delete("payload")]
                Task DeleteAsync();
            }
        }
        """;
}
