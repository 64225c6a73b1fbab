using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace OAuth1;

/// <summary>
/// Reads what signing needs from a request body, and nothing more: the bytes of an
/// <c>application/x-www-form-urlencoded</c> body (decided by the Content-Type media type alone, any case, any charset,
/// any method), or the bytes of another body only when <c>oauth_body_hash</c> is asked for. The body is copied once;
/// content that cannot be read twice is buffered first, so what is signed is what is sent.
/// </summary>
internal static class RequestBody
{
    public static bool IsForm(HttpContent? content) =>
        content?.Headers.ContentType?.MediaType is string mediaType
        && mediaType.Equals(FormUrlEncoding.MediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the body must be read: a form (its parameters are signed) or a body hash.</summary>
    public static bool MustRead(HttpContent? content, bool isForm, bool includeBodyHash) =>
        content is not null && (isForm || includeBodyHash);

    /// <summary>Throws when a form body is compressed: its parameters cannot be read as sent.</summary>
    public static void EnsureReadableForm(HttpContent content)
    {
        foreach (string encoding in content.Headers.ContentEncoding)
        {
            if (!encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"The form body is sent with Content-Encoding '{encoding}'; OAuth 1.0a signs the parameters of a form body as sent, "
                    + "so a compressed form body cannot be signed. Send it uncompressed, or sign a non-form body with IncludeBodyHash.");
            }
        }
    }

    /// <summary>Copies the body once. Content that is not in memory is buffered inside the content first.</summary>
    public static async ValueTask<ArraySegment<byte>> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content is not ByteArrayContent)
        {
#if NET9_0_OR_GREATER
            await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
#else
            await content.LoadIntoBufferAsync().ConfigureAwait(false);
#endif
        }

        MemoryStream copy = CreateCopyStream(content);
        await content.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        return new ArraySegment<byte>(copy.GetBuffer(), 0, (int)copy.Length);
    }

    /// <summary>
    /// Copies the body once, synchronously. Content that is not in memory is replaced by a buffered copy with the same
    /// headers, which the caller sends instead, so that what is signed is what is sent.
    /// </summary>
    public static ArraySegment<byte> Read(ref HttpContent content)
    {
        MemoryStream copy = CreateCopyStream(content);
        if (content is ByteArrayContent)
        {
            content.CopyTo(copy, context: null, CancellationToken.None);
            return new ArraySegment<byte>(copy.GetBuffer(), 0, (int)copy.Length);
        }

        using (Stream stream = content.ReadAsStream())
        {
            stream.CopyTo(copy);
        }

        byte[] bytes = copy.ToArray();
        content = WithSameHeaders(content, new ByteArrayContent(bytes));
        return bytes;
    }

    /// <summary>Copies <paramref name="original"/>'s content headers (but its length) onto <paramref name="replacement"/>.</summary>
    public static HttpContent WithSameHeaders(HttpContent original, HttpContent replacement)
    {
        foreach (KeyValuePair<string, IEnumerable<string>> header in original.Headers)
        {
            if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return replacement;
    }

    /// <summary>The <c>oauth_body_hash</c> value: Base64 SHA-1 of the exact bytes sent.</summary>
    public static string Hash(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(body, hash);
        return Convert.ToBase64String(hash);
    }

    /// <summary>A form body's Content-Type.</summary>
    public static MediaTypeHeaderValue FormContentType() => new(FormUrlEncoding.MediaType);

    private static MemoryStream CreateCopyStream(HttpContent content)
    {
        long? length = content.Headers.ContentLength;
        return length is > 0 and <= int.MaxValue ? new MemoryStream((int)length.Value) : new MemoryStream();
    }
}
