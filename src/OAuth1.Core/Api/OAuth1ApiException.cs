using System.Collections.ObjectModel;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace OAuth1;

/// <summary>
/// A generated client's call answered with a status that is not a success (2xx). Carries the status, the response
/// headers and the start of the response body (at most <see cref="MaxBodyExcerptBytes"/> bytes, with any
/// <c>oauth_signature</c> or <c>oauth_token_secret</c> value hidden). The message never contains the query, where
/// query placement puts the signature.
/// </summary>
public partial class OAuth1ApiException : OAuth1Exception
{
    /// <summary>The most bytes of the response body that <see cref="ResponseBodyExcerpt"/> keeps.</summary>
    public const int MaxBodyExcerptBytes = 1024;

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoHeaders =
        new ReadOnlyDictionary<string, IReadOnlyList<string>>(new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase));

    /// <summary>Creates the exception from its parts (for tests and custom clients).</summary>
    /// <param name="message">What went wrong, without secrets.</param>
    /// <param name="statusCode">The response status.</param>
    /// <param name="reasonPhrase">The response reason phrase.</param>
    /// <param name="responseHeaders">The response and content headers; <see langword="null"/> for none.</param>
    /// <param name="responseBodyExcerpt">The start of the response body.</param>
    /// <param name="isResponseBodyTruncated">Whether the body was longer than the excerpt.</param>
    public OAuth1ApiException(
        string message,
        HttpStatusCode statusCode,
        string? reasonPhrase,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? responseHeaders,
        string responseBodyExcerpt,
        bool isResponseBodyTruncated)
        : base(message)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        ResponseHeaders = responseHeaders ?? NoHeaders;
        ResponseBodyExcerpt = responseBodyExcerpt ?? string.Empty;
        IsResponseBodyTruncated = isResponseBodyTruncated;
    }

    /// <summary>The response status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response reason phrase, when the server sent one.</summary>
    public string? ReasonPhrase { get; }

    /// <summary>The response headers and content headers, names compared without case.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ResponseHeaders { get; }

    /// <summary>
    /// The start of the response body as text, with the values of <c>oauth_signature</c> and
    /// <c>oauth_token_secret</c> replaced by <c>(hidden)</c>; at most <see cref="MaxBodyExcerptBytes"/> bytes as UTF-8.
    /// </summary>
    public string ResponseBodyExcerpt { get; }

    /// <summary>Whether the body was longer than <see cref="ResponseBodyExcerpt"/>.</summary>
    public bool IsResponseBodyTruncated { get; }

    /// <summary>
    /// Builds the exception for a response that is not a success: reads at most <see cref="MaxBodyExcerptBytes"/>
    /// bytes of its body. Does not dispose <paramref name="response"/>.
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The exception, to throw.</returns>
    public static async Task<OAuth1ApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        AddHeaders(headers, response.Headers);
        AddHeaders(headers, response.Content.Headers);

        byte[] buffer = new byte[MaxBodyExcerptBytes + 1];
        int read = 0;
        using (Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            while (read < buffer.Length)
            {
                int n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }
        }

        bool truncated = read > MaxBodyExcerptBytes;
        string excerpt = Hide(DecodeUtf8Prefix(buffer.AsSpan(0, Math.Min(read, MaxBodyExcerptBytes)), truncated));
        if (Encoding.UTF8.GetByteCount(excerpt) > MaxBodyExcerptBytes)
        {
            // Hiding a short secret can lengthen the text: cut it back to the bound.
            excerpt = DecodeUtf8Prefix(Encoding.UTF8.GetBytes(excerpt).AsSpan(0, MaxBodyExcerptBytes), truncated: true);
            truncated = true;
        }
        return new OAuth1ApiException(Describe(response, excerpt), response.StatusCode, response.ReasonPhrase, new ReadOnlyDictionary<string, IReadOnlyList<string>>(headers), excerpt, truncated);
    }

    private static string Describe(HttpResponseMessage response, string excerpt)
    {
        var message = new StringBuilder(128);
        HttpRequestMessage? request = response.RequestMessage;
        message.Append(request?.Method.Method ?? "The request");
        if (request?.RequestUri is { IsAbsoluteUri: true } uri)
        {
            // Scheme, host, port and path only: query placement puts the signature in the query, and user info is a secret.
            message.Append(' ').Append(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
        }

        message.Append(" answered ").Append((int)response.StatusCode);
        if (!string.IsNullOrEmpty(response.ReasonPhrase))
        {
            message.Append(' ').Append(response.ReasonPhrase);
        }

        Match problem = OAuthProblem().Match(excerpt);
        if (problem.Success)
        {
            message.Append(" (oauth_problem=").Append(problem.Groups[1].Value).Append(')');
        }

        return message.Append('.').ToString();
    }

    private static void AddHeaders(Dictionary<string, IReadOnlyList<string>> target, System.Net.Http.Headers.HttpHeaders headers)
    {
        foreach (var header in headers.NonValidated)
        {
            var values = new List<string>(header.Value.Count);
            foreach (string value in header.Value)
            {
                values.Add(value);
            }

            target[header.Key] = values.AsReadOnly();
        }
    }

    /// <summary>Decodes UTF-8, dropping a sequence cut at the end of a truncated excerpt.</summary>
    private static string DecodeUtf8Prefix(ReadOnlySpan<byte> bytes, bool truncated)
    {
        if (truncated)
        {
            // Back off to the start of the last (possibly incomplete) sequence if it is cut.
            int end = bytes.Length;
            int start = end - 1;
            while (start > 0 && end - start < 4 && (bytes[start] & 0xC0) == 0x80)
            {
                start--;
            }

            if (start >= 0 && start < end && bytes[start] >= 0xC0)
            {
                int needed = bytes[start] >= 0xF0 ? 4 : bytes[start] >= 0xE0 ? 3 : 2;
                if (end - start < needed)
                {
                    bytes = bytes[..start];
                }
            }
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static string Hide(string text) =>
        text.Contains("oauth_", StringComparison.Ordinal) ? SecretValue().Replace(text, "$1(hidden)") : text;

    [GeneratedRegex("(oauth_(?:signature|token_secret)\"?\\s*[=:]\\s*\"?)[^\"&,\\s}]*", RegexOptions.CultureInvariant)]
    private static partial Regex SecretValue();

    [GeneratedRegex("oauth_problem\"?\\s*[=:]\\s*\"?([A-Za-z0-9_]{1,64})", RegexOptions.CultureInvariant)]
    private static partial Regex OAuthProblem();
}
