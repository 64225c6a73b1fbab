namespace OAuth1.TestSupport;

/// <summary>
/// How a client's token endpoints answer on a <see cref="TestProvider"/>: correctly, or in one of the ways real
/// providers get it wrong. Set it with <see cref="TestProvider.AddConsumer"/> or <see cref="ProviderConsumerFaults"/>.
/// </summary>
public enum TokenEndpointBehavior
{
    /// <summary>A form-encoded token (RFC 5849), as the sample provider answers.</summary>
    Normal,

    /// <summary>The same token as a JSON object (<c>application/json</c>, <c>oauth_callback_confirmed</c> as a boolean).</summary>
    Json,

    /// <summary>500 with an HTML error page of a few KB, instead of a token.</summary>
    ServerErrorHtml,

    /// <summary>200 with an empty body, instead of a token.</summary>
    EmptyBody,

    /// <summary>200 with an HTML login page, instead of a token.</summary>
    HtmlPage,

    /// <summary>200 with <c>oauth_token</c> but no <c>oauth_token_secret</c>.</summary>
    MissingTokenSecret,

    /// <summary>The request token without <c>oauth_callback_confirmed</c> (an OAuth 1.0 provider).</summary>
    CallbackNotConfirmed,

    /// <summary>
    /// The access token without <c>user_id</c> and <c>screen_name</c>, as Garmin, Tumblr, Flickr and others answer: the
    /// user's id must come from the provider's user-information resource.
    /// </summary>
    WithoutUserId,

    /// <summary>
    /// Holds each token request, before the provider verifies it or issues or uses up anything, until the client's
    /// gate (<see cref="ProviderConsumerFaults"/>) is released or the client goes away; then answers normally.
    /// </summary>
    Hold,
}
