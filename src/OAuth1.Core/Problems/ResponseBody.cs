using System.Net.Http.Headers;
using System.Text.Json;

namespace OAuth1;

/// <summary>What an answer's body looks like, as token endpoints and problem reports read it.</summary>
internal enum ResponseBodyKind
{
    /// <summary>No body, or only white space.</summary>
    Empty,

    /// <summary>Form-encoded fields (or text that is not one of the others).</summary>
    Form,

    /// <summary>JSON: a JSON media type, or a body that starts with <c>{</c> or <c>[</c>.</summary>
    Json,

    /// <summary>An HTML page: an HTML media type, or a body that starts with <c>&lt;</c>.</summary>
    Html,
}

/// <summary>Reads an answer's body: a bounded number of bytes, its kind, and the fields of a JSON object.</summary>
internal static class ResponseBody
{
    /// <summary>The most bytes of an answer read: a token or a problem report is a few hundred bytes.</summary>
    internal const int MaxBytes = 64 * 1024;

    /// <summary>Reads at most a little more than <see cref="MaxBytes"/> bytes of <paramref name="content"/>.</summary>
    /// <param name="content">The body.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The bytes read, and whether the body goes on beyond <see cref="MaxBytes"/>.</returns>
    internal static async Task<(byte[] Body, bool TooLarge)> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        while (buffer.Length <= MaxBytes)
        {
            int read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (buffer.ToArray(), false);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), true);
    }

    /// <summary>Tells the kind of a body from its media type and its first character.</summary>
    /// <param name="contentType">The Content-Type, if any.</param>
    /// <param name="body">The body.</param>
    /// <returns>The kind.</returns>
    internal static ResponseBodyKind Classify(MediaTypeHeaderValue? contentType, ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> trimmed = Trim(body);
        if (trimmed.IsEmpty)
        {
            return ResponseBodyKind.Empty;
        }

        string mediaType = contentType?.MediaType ?? string.Empty;
        if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase))
        {
            return ResponseBodyKind.Json;
        }

        if (mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase)
            || trimmed[0] == (byte)'<')
        {
            return ResponseBodyKind.Html;
        }

        return trimmed[0] is (byte)'{' or (byte)'[' ? ResponseBodyKind.Json : ResponseBodyKind.Form;
    }

    /// <summary>The body without white space or a byte order mark around it.</summary>
    /// <param name="body">The body.</param>
    /// <returns>The trimmed bytes.</returns>
    internal static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> trimmed = body.Trim(" \t\r\n"u8);
        return trimmed.StartsWith("\uFEFF"u8) ? trimmed[3..].TrimStart(" \t\r\n"u8) : trimmed;
    }

    /// <summary>Reads the fields of a JSON object: strings as they are, numbers and booleans as their JSON text, <c>null</c> left out.</summary>
    /// <param name="body">The body.</param>
    /// <param name="fields">The fields, in order.</param>
    /// <returns>Whether the body is a JSON object whose names and strings are text (valid UTF-8).</returns>
    internal static bool TryReadJsonObject(ReadOnlyMemory<byte> body, out List<KeyValuePair<string, string>> fields)
    {
        fields = [];
        if (body.Span.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                string? value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => property.Value.GetRawText(),
                };
                if (value is not null)
                {
                    fields.Add(new(property.Name, value));
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // JsonDocument checks the structure but not the text of strings: a name or a value that is not UTF-8
            // (raw bytes, or an escaped lone surrogate such as \ud800) throws when it is read. Not a token either.
            return false;
        }
    }
}
