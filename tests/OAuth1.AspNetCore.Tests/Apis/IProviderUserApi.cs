// The provider's user and echo resources as a Refit interface (OAuth1.Refit signs it).
//
// This file is in a namespace under OAuth1, and C# looks a name up in the enclosing namespaces (OAuth1.AspNetCore.Tests,
// OAuth1.AspNetCore, OAuth1) before the compilation unit's usings: there [Get] would silently be OAuth1.Core's
// generator attribute (OAuth1.GetAttribute), even with a file-level `using GetAttribute = Refit.GetAttribute;`, and
// Refit would see no method attribute at all. A using inside the namespace is looked up first, so Refit's win here;
// it says global::Refit because, inside namespace OAuth1, a plain `Refit` is the adapter's namespace OAuth1.Refit.
namespace OAuth1.AspNetCore.Tests.Apis
{
    using OAuth1Gen.Provider;
    using global::Refit;

    /// <summary>The provider's <c>api/user</c> and <c>api/echo</c>, described with Refit.</summary>
    public interface IProviderUserApi
    {
        /// <summary>The user the request's token acts for.</summary>
        [Get("/" + ProviderPaths.User)]
        Task<ApiUser> GetUserAsync(CancellationToken cancellationToken = default);

        /// <summary>The same, signed with <paramref name="token"/> (a token on the request wins over any other).</summary>
        [Get("/" + ProviderPaths.User)]
        Task<ApiUser> GetUserAsync([Property(OAuth1RequestOptions.TokenKeyName)] OAuth1Token token, CancellationToken cancellationToken = default);

        /// <summary>Posts a form to the echo resource, which answers what it received once the signature verifies.</summary>
        [Post("/" + ProviderPaths.Echo + "/{topic}")]
        Task<ApiEcho> EchoAsync(string topic, [Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> form, CancellationToken cancellationToken = default);
    }
}
