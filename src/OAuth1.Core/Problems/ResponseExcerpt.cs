using System.Text;

namespace OAuth1;

/// <summary>
/// The start of a response body as text, for an exception or a problem report: at most <see cref="MaxBytes"/> bytes of
/// UTF-8, never cut inside a character, secrets removed by a <see cref="SecretRedactor"/>. The one excerpt rule of the
/// library.
/// </summary>
/// <param name="Text">The excerpt.</param>
/// <param name="IsTruncated">Whether the body was longer than the excerpt.</param>
internal readonly record struct ResponseExcerpt(string Text, bool IsTruncated)
{
    /// <summary>The most bytes (as UTF-8) of an excerpt.</summary>
    internal const int MaxBytes = 1024;

    /// <summary>No body.</summary>
    internal static ResponseExcerpt Empty => new(string.Empty, false);

    /// <summary>
    /// Redacts the body, then cuts it to <see cref="MaxBytes"/> bytes at a character boundary. Redacting first means a
    /// secret that straddles the cut is still removed whole.
    /// </summary>
    /// <param name="body">The body bytes that were read.</param>
    /// <param name="bodyWasCut">Whether the body goes on beyond <paramref name="body"/>.</param>
    /// <param name="redactor">Removes the secrets.</param>
    /// <returns>The excerpt.</returns>
    internal static ResponseExcerpt Create(ReadOnlySpan<byte> body, bool bodyWasCut, SecretRedactor redactor)
    {
        if (body.IsEmpty)
        {
            return new(string.Empty, bodyWasCut);
        }

        // Decode a little more than the bound (a redaction can shorten the text), stopping at a character boundary.
        int read = Utf8Prefix(body, Math.Min(body.Length, MaxBytes * 4));
        if (bodyWasCut && read == body.Length)
        {
            // The reader stopped at its own bound, possibly inside a character.
            read = CompleteLength(body);
        }

        bool cut = bodyWasCut || read < body.Length;
        string text = redactor.Redact(Encoding.UTF8.GetString(body[..read]));
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        if (utf8.Length <= MaxBytes)
        {
            return new(text, cut);
        }

        return new(Encoding.UTF8.GetString(utf8, 0, Utf8Prefix(utf8, MaxBytes)), true);
    }

    /// <summary>The length of <paramref name="bytes"/> without a last sequence that is incomplete.</summary>
    private static int CompleteLength(ReadOnlySpan<byte> bytes)
    {
        int start = bytes.Length - 1;
        while (start > 0 && bytes.Length - start < 4 && (bytes[start] & 0xC0) == 0x80)
        {
            start--;
        }

        byte lead = bytes[start];
        int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return bytes.Length - start < needed ? start : bytes.Length;
    }

    /// <summary>The length of the longest prefix of at most <paramref name="limit"/> bytes that does not end inside a UTF-8 sequence.</summary>
    private static int Utf8Prefix(ReadOnlySpan<byte> bytes, int limit)
    {
        int length = limit;
        // A continuation byte (10xxxxxx) just past the cut means the cut splits a character: step back to its start.
        while (length > 0 && length < bytes.Length && (bytes[length] & 0xC0) == 0x80)
        {
            length--;
        }

        return length;
    }
}
