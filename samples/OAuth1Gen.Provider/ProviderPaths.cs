namespace OAuth1Gen.Provider;

/// <summary>The paths the provider serves, relative to <see cref="EmbeddedProvider.BaseAddress"/>.</summary>
public static class ProviderPaths
{
    /// <summary>Temporary credential request (RFC 5849 section 2.1), POST (GET accepted).</summary>
    public const string RequestToken = "oauth/request_token";

    /// <summary>Resource owner authorization (section 2.2): GET shows the page, POST takes the decision.</summary>
    public const string Authorize = "oauth/authorize";

    /// <summary>Token request (section 2.3), xAuth and refresh with <c>oauth_session_handle</c>, POST (GET accepted).</summary>
    public const string AccessToken = "oauth/access_token";

    /// <summary>Protected, any method: echoes what was received and how it was verified (also under <c>api/echo/anything</c>).</summary>
    public const string Echo = "api/echo";

    /// <summary>Protected, GET: the user the access token acts for.</summary>
    public const string User = "api/user";

    /// <summary>Protected, GET: the user's timeline, <c>?page=1&amp;count=5</c> (23 items per user).</summary>
    public const string Timeline = "api/timeline";
}
