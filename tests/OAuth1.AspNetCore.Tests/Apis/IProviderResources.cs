using OAuth1Gen.Provider;

// [OAuth1Api], [Get], [Post], [Query] and [Form] are OAuth1.Core's (namespace OAuth1, which encloses this one):
// OAuth1.Generator writes ProviderResourcesClient(HttpClient, OAuth1Options) from this interface.
namespace OAuth1.AspNetCore.Tests.Apis;

/// <summary>The provider's <c>api/user</c> and <c>api/echo</c> for a generated client.</summary>
[OAuth1Api]
public interface IProviderResources
{
    /// <summary>The user the options' token acts for.</summary>
    [Get(ProviderPaths.User)]
    Task<ApiUser> GetUserAsync(CancellationToken cancellationToken = default);

    /// <summary>Posts a form (signed) with a query parameter (signed) to the echo resource.</summary>
    [Post(ProviderPaths.Echo + "/{topic}")]
    Task<ApiEcho> EchoAsync(string topic, [Form] string status, [Query("lang")] string? language = null, CancellationToken cancellationToken = default);
}
