using System.Text.Json.Serialization;

namespace OAuth1.AspNetCore.Tests.Apis;

/// <summary>The provider's <c>api/user</c> answer: the user the access token acts for.</summary>
public sealed record ApiUser(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("screen_name")] string ScreenName,
    [property: JsonPropertyName("name")] string Name);

/// <summary>The provider's <c>api/echo</c> answer (only sent once the provider has verified the signature).</summary>
public sealed record ApiEcho(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("raw_path")] string RawPath,
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("oauth")] ApiEchoOAuth OAuth,
    [property: JsonPropertyName("verification")] ApiEchoVerification Verification);

/// <summary>The protocol parameters the echo resource received.</summary>
public sealed record ApiEchoOAuth(
    [property: JsonPropertyName("placement")] string? Placement,
    [property: JsonPropertyName("consumer_key")] string? ConsumerKey,
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("token_kind")] string? TokenKind,
    [property: JsonPropertyName("signature_method")] string? SignatureMethod);

/// <summary>How the echo resource verified the request.</summary>
public sealed record ApiEchoVerification([property: JsonPropertyName("valid")] bool Valid);
