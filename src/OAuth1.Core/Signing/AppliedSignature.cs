namespace OAuth1;

/// <summary>
/// What the last signature by this library changed on a request's URI or body (query or body placement), so that
/// the next signature of the same request (a retry, a redirect, an <see cref="OAuth1Handler"/> below a generated
/// client) starts again from the unsigned original instead of adding a second set of <c>oauth_*</c> parameters.
/// Immutable; kept in <see cref="HttpRequestMessage.Options"/> under a private key that only
/// <see cref="OAuth1Signer"/> writes and reads. A URI or body that someone else set since then is left alone: it is
/// the new original.
/// </summary>
internal sealed class AppliedSignature
{
    private static readonly HttpRequestOptionsKey<AppliedSignature> Key = new("OAuth1.AppliedSignature");

    private AppliedSignature(Uri? unsignedUri, Uri? signedUri, HttpContent? unsignedContent, HttpContent? signedContent, string? placedQuery)
    {
        PlacedQuery = placedQuery;
        UnsignedUri = unsignedUri;
        SignedUri = signedUri;
        UnsignedContent = unsignedContent;
        SignedContent = signedContent;
    }

    private Uri? UnsignedUri { get; }

    private Uri? SignedUri { get; }

    private HttpContent? UnsignedContent { get; }

    private HttpContent? SignedContent { get; }

    /// <summary>The encoded <c>name=value&amp;…</c> pairs appended to the query (query placement).</summary>
    private string? PlacedQuery { get; }

    /// <summary>The request's URI and body before this library's last signature, without changing the request.</summary>
    public static (Uri? Uri, HttpContent? Content) UnsignedOf(HttpRequestMessage request)
    {
        if (!HasAny(request) || !request.Options.TryGetValue(Key, out AppliedSignature? applied))
        {
            return (request.RequestUri, request.Content);
        }

        Uri? uri = applied.SignedUri is not null && ReferenceEquals(request.RequestUri, applied.SignedUri) ? applied.UnsignedUri : request.RequestUri;
        HttpContent? content = applied.SignedContent is not null && ReferenceEquals(request.Content, applied.SignedContent) ? applied.UnsignedContent : request.Content;
        return (uri, content);
    }

    /// <summary>Records a signature placed in the query or body; <see langword="null"/>s record a header signature (nothing to undo).</summary>
    public static void Record(HttpRequestMessage request, Uri? unsignedUri, Uri? signedUri, HttpContent? unsignedContent, HttpContent? signedContent, string? placedQuery = null)
    {
        if (signedUri is null && signedContent is null)
        {
            if (HasAny(request) && request.Options.TryGetValue(Key, out _))
            {
                ((IDictionary<string, object?>)request.Options).Remove(Key.Key);
            }

            return;
        }

        request.Options.Set(Key, new AppliedSignature(unsignedUri, signedUri, unsignedContent, signedContent, placedQuery));
    }

    /// <summary>The body an earlier signature made, when the request still carries it (to dispose once replaced).</summary>
    public static HttpContent? SignedContentOf(HttpRequestMessage request) =>
        HasAny(request) && request.Options.TryGetValue(Key, out AppliedSignature? applied) && ReferenceEquals(request.Content, applied.SignedContent)
            ? applied.SignedContent
            : null;

    /// <summary>Whether the request carries any option at all: most carry none, and a lookup in an empty bag still hashes the key.</summary>
    public static bool HasAny(HttpRequestMessage request) => ((ICollection<KeyValuePair<string, object?>>)request.Options).Count > 0;

    /// <summary>
    /// <paramref name="target"/> without the <c>oauth_*</c> pairs that the last signature of <paramref name="request"/>
    /// appended to its query: a redirect such as a trailing-slash one keeps the query as sent, and signing it again must
    /// not find the old protocol parameters there. Other parameters keep their bytes.
    /// </summary>
    public static Uri WithoutPlacedParameters(HttpRequestMessage request, Uri target)
    {
        if (!request.Options.TryGetValue(Key, out AppliedSignature? applied) || applied.PlacedQuery is not { Length: > 0 } placed || target.Query.Length <= 1)
        {
            return target;
        }

        var ours = new HashSet<(string, string)>();
        foreach (var pair in FormUrlEncoding.Parse(placed))
        {
            ours.Add((pair.Key, pair.Value));
        }

        var kept = new List<string>();
        foreach (string segment in target.Query[1..].Split('&'))
        {
            IReadOnlyList<KeyValuePair<string, string>> decoded = FormUrlEncoding.Parse(segment);
            if (decoded.Count != 1 || !decoded[0].Key.StartsWith("oauth_", StringComparison.Ordinal) || !ours.Contains((decoded[0].Key, decoded[0].Value)))
            {
                kept.Add(segment);
            }
        }

        var builder = new UriBuilder(target) { Query = string.Join('&', kept) };
        return builder.Uri;
    }
}
