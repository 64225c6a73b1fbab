namespace OAuth1;

/// <summary>Where the protocol parameters go (RFC 5849 section 3.5).</summary>
public enum OAuth1SignatureLocation
{
    /// <summary>The <c>Authorization: OAuth ...</c> header (section 3.5.1), the recommended placement.</summary>
    Header,

    /// <summary>The query string, appended after the existing query (section 3.5.3).</summary>
    Query,

    /// <summary>The form body (section 3.5.2); only for requests whose body is <c>application/x-www-form-urlencoded</c> or empty.</summary>
    Body,
}
