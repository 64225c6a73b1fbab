using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace OAuth1;

/// <summary>
/// Percent-encoding as RFC 5849 section 3.6 defines it: the UTF-8 bytes of a value, with every byte
/// outside the unreserved set <c>A-Z a-z 0-9 - . _ ~</c> written as <c>%XX</c> in upper-case hex.
/// </summary>
/// <remarks>
/// This is stricter than <see cref="Uri.EscapeDataString(string)"/> on older frameworks and than
/// <c>WebUtility.UrlEncode</c> (which writes a space as <c>+</c>); OAuth needs exactly this form.
/// </remarks>
public static class OAuth1PercentEncoding
{
    private const string UpperHex = "0123456789ABCDEF";
    private const string Unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    // Vectorised searches: most names and values are unreserved already and are copied as they are.
    private static readonly SearchValues<byte> UnreservedBytes = SearchValues.Create(Encoding.ASCII.GetBytes(Unreserved));
    private static readonly SearchValues<char> UnreservedChars = SearchValues.Create(Unreserved);

    /// <summary>Percent-encodes <paramref name="value"/> per RFC 5849 section 3.6.</summary>
    /// <param name="value">The text to encode. <see langword="null"/> is treated as empty.</param>
    /// <returns>The encoded text, which contains only unreserved characters and <c>%XX</c> escapes.</returns>
    public static string Encode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (!NeedsEncoding(value))
        {
            return value;
        }

        var buffer = new PooledByteBuffer(value.Length * 3);
        try
        {
            AppendEncoded(ref buffer, value);
            return Encoding.ASCII.GetString(buffer.WrittenSpan);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>
    /// Decodes a percent-encoded value (RFC 3986 section 2.1): each <c>%XX</c> becomes a byte and the bytes are
    /// read as UTF-8. A <c>+</c> stays a plus sign; use <see cref="FormUrlEncoding"/> for form data, where
    /// <c>+</c> is a space. A <c>%</c> not followed by two hex digits is kept as it is.
    /// </summary>
    /// <param name="value">The encoded text.</param>
    /// <returns>The decoded text; invalid UTF-8 becomes U+FFFD.</returns>
    public static string Decode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value.IndexOf('%') < 0)
        {
            return value;
        }

        return FormUrlEncoding.DecodeToString(value, plusIsSpace: false);
    }

    internal static bool IsUnreserved(byte b) => UnreservedBytes.Contains(b);

    private static bool NeedsEncoding(string value) => value.AsSpan().IndexOfAnyExcept(UnreservedChars) >= 0;

    /// <summary>Appends the encoded form of UTF-8 <paramref name="utf8"/> bytes.</summary>
    internal static void AppendEncoded(ref PooledByteBuffer buffer, ReadOnlySpan<byte> utf8)
    {
        int firstToEscape = utf8.IndexOfAnyExcept(UnreservedBytes);
        if (firstToEscape < 0)
        {
            buffer.Append(utf8);
            return;
        }

        buffer.Append(utf8[..firstToEscape]);
        utf8 = utf8[firstToEscape..];
        Span<byte> destination = buffer.GetSpan(utf8.Length * 3);
        int written = 0;
        foreach (byte b in utf8)
        {
            if (IsUnreserved(b))
            {
                destination[written++] = b;
            }
            else
            {
                destination[written++] = (byte)'%';
                destination[written++] = (byte)UpperHex[b >> 4];
                destination[written++] = (byte)UpperHex[b & 0xF];
            }
        }

        buffer.Advance(written);
    }

    /// <summary>Appends the encoded UTF-8 form of <paramref name="value"/>.</summary>
    internal static void AppendEncoded(ref PooledByteBuffer buffer, ReadOnlySpan<char> value)
    {
        int firstToEscape = value.IndexOfAnyExcept(UnreservedChars);
        if (firstToEscape < 0)
        {
            buffer.AppendAscii(value);
            return;
        }

        buffer.AppendAscii(value[..firstToEscape]);
        value = value[firstToEscape..];

        // ASCII text needs no transcoding.
        Span<byte> destination = buffer.GetSpan(value.Length * 3);
        int written = 0;
        int i = 0;
        for (; i < value.Length; i++)
        {
            char c = value[i];
            if (c > 0x7F)
            {
                break;
            }

            if (IsUnreserved((byte)c))
            {
                destination[written++] = (byte)c;
            }
            else
            {
                destination[written++] = (byte)'%';
                destination[written++] = (byte)UpperHex[c >> 4];
                destination[written++] = (byte)UpperHex[c & 0xF];
            }
        }

        buffer.Advance(written);
        if (i == value.Length)
        {
            return;
        }

        // Non-ASCII: transcode the rest to UTF-8 (lone surrogates become U+FFFD) and encode the bytes.
        ReadOnlySpan<char> rest = value[i..];
        int maxBytes = Encoding.UTF8.GetMaxByteCount(rest.Length);
        byte[]? rented = null;
        Span<byte> utf8 = maxBytes <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        int count = Encoding.UTF8.GetBytes(rest, utf8);
        AppendEncoded(ref buffer, utf8[..count]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Appends <paramref name="encoded"/> (already percent-encoded, so only unreserved characters and <c>%XX</c>)
    /// encoded a second time, as the base string does with the normalised parameters.
    /// </summary>
    internal static void AppendEncodedAgain(ref PooledByteBuffer buffer, ReadOnlySpan<byte> encoded)
    {
        if (encoded.IndexOf((byte)'%') < 0)
        {
            buffer.Append(encoded);
            return;
        }

        Span<byte> destination = buffer.GetSpan(encoded.Length * 3);
        int written = 0;
        foreach (byte b in encoded)
        {
            if (b == '%')
            {
                destination[written++] = (byte)'%';
                destination[written++] = (byte)'2';
                destination[written++] = (byte)'5';
            }
            else
            {
                destination[written++] = b;
            }
        }

        buffer.Advance(written);
    }

    /// <summary>
    /// Appends the encoded form of a value decoded from form data (<c>+</c> a space, <c>%XX</c> a byte), decoding it
    /// exactly once. Bytes that are not valid UTF-8 are read as U+FFFD, as other implementations do.
    /// </summary>
    internal static void AppendFormDecodedThenEncoded(ref PooledByteBuffer buffer, ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOfAnyExcept(UnreservedBytes) < 0)
        {
            // No '%', no '+', nothing to escape: decoding and encoding again give the same bytes.
            buffer.Append(raw);
            return;
        }

        byte[]? rented = null;
        Span<byte> decoded = raw.Length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        int length = FormUrlEncoding.Decode(raw, decoded, plusIsSpace: true);
        ReadOnlySpan<byte> bytes = decoded[..length];
        if (Utf8.IsValid(bytes))
        {
            AppendEncoded(ref buffer, bytes);
        }
        else
        {
            AppendEncoded(ref buffer, Encoding.UTF8.GetString(bytes).AsSpan());
        }

        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
