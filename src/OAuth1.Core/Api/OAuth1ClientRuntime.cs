using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OAuth1;

/// <summary>
/// The small runtime helpers that clients written by OAuth1.Generator call: URI building with per-segment and query
/// escaping, invariant-culture formatting, headers, JSON bodies and responses. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OAuth1ClientRuntime
{
    private static readonly JsonSerializerOptions WebDefaults = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The base URL of <paramref name="httpClient"/> (its <see cref="HttpClient.BaseAddress"/>), ending with <c>/</c>,
    /// for an API declared without a base URL.
    /// </summary>
    /// <param name="httpClient">The client.</param>
    /// <param name="apiName">The interface name, for the error message.</param>
    /// <returns>The absolute base URL, ending with <c>/</c>.</returns>
    /// <exception cref="InvalidOperationException">The client has no base address.</exception>
    public static string GetBaseAddress(HttpClient httpClient, string apiName)
    {
        Uri? baseAddress = httpClient.BaseAddress;
        if (baseAddress is null || !baseAddress.IsAbsoluteUri)
        {
            throw new InvalidOperationException(
                $"{apiName} has no base URL: give one in [OAuth1Api(\"https://...\")] or set HttpClient.BaseAddress to an absolute URL.");
        }

        string text = baseAddress.AbsoluteUri;
        int end = text.IndexOfAny(['?', '#']);
        if (end >= 0)
        {
            text = text[..end];
        }

        return text.EndsWith('/') ? text : text + "/";
    }

    /// <summary>Parses the URI that the generated code built.</summary>
    /// <param name="uri">The absolute URI text.</param>
    /// <returns>The URI.</returns>
    public static Uri CreateUri(string uri) => new(uri, UriKind.Absolute);

    /// <summary>
    /// Appends <paramref name="value"/> as one path segment: every character but <c>A-Z a-z 0-9 - . _ ~</c>
    /// percent-encoded as UTF-8 (so <c>/</c>, <c>?</c> and <c>#</c> cannot change the path).
    /// </summary>
    /// <param name="builder">The URI being built.</param>
    /// <param name="value">The formatted value.</param>
    /// <param name="parameterName">The parameter, for error messages.</param>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The value is <c>.</c> or <c>..</c>, which a URI cannot carry as a segment.</exception>
    public static void AppendPathSegment(StringBuilder builder, string? value, string parameterName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameterName, $"The path parameter '{parameterName}' is null; a path segment needs a value.");
        }

        if (value is "." or "..")
        {
            throw new ArgumentException(
                $"The path parameter '{parameterName}' is '{value}', which URIs treat as a relative path step, not a segment; it cannot be sent.",
                parameterName);
        }

        AppendEscaped(builder, value);
    }

    /// <summary>Appends <c>name=value</c> to the query, unless <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <param name="builder">The URI being built.</param>
    /// <param name="separator">The character to write first (<c>?</c>, <c>&amp;</c>, or <c>\0</c> for none); becomes <c>&amp;</c>.</param>
    /// <param name="encodedName">The parameter name, already percent-encoded.</param>
    /// <param name="value">The formatted value, or <see langword="null"/> to leave the parameter out.</param>
    public static void AppendQuery(StringBuilder builder, ref char separator, string encodedName, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (separator != '\0')
        {
            builder.Append(separator);
        }

        separator = '&';
        builder.Append(encodedName).Append('=');
        AppendEscaped(builder, value);
    }

    /// <summary>
    /// Appends a placeholder value that stands in the fixed query of a path template, percent-encoded. Unlike a
    /// <c>[Query]</c> parameter it cannot be left out.
    /// </summary>
    /// <param name="builder">The URI being built.</param>
    /// <param name="value">The formatted value.</param>
    /// <param name="parameterName">The parameter, for error messages.</param>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public static void AppendQueryValue(StringBuilder builder, string? value, string parameterName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameterName, $"The parameter '{parameterName}' is null; its placeholder needs a value.");
        }

        AppendEscaped(builder, value);
    }

    /// <summary>Adds a form field, unless <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <param name="fields">The form fields.</param>
    /// <param name="name">The field name.</param>
    /// <param name="value">The formatted value, or <see langword="null"/> to leave the field out.</param>
    public static void AddFormField(List<KeyValuePair<string?, string?>> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields.Add(new KeyValuePair<string?, string?>(name, value));
        }
    }

    /// <summary>
    /// Adds a header value, unless <paramref name="value"/> is <see langword="null"/>: to the request headers, or to
    /// the content headers for a content header such as <c>Content-Language</c>.
    /// </summary>
    /// <param name="request">The request, its body already set.</param>
    /// <param name="name">The header name.</param>
    /// <param name="value">The formatted value, or <see langword="null"/> to leave it out.</param>
    /// <exception cref="ArgumentException">The value contains CR, LF or NUL.</exception>
    /// <exception cref="InvalidOperationException">A content header on a request without body, or a header the request cannot carry.</exception>
    public static void AddHeader(HttpRequestMessage request, string name, string? value)
    {
        HeaderSafeText.Ensure(value, nameof(value), $"The value of the header '{name}'");
        if (value is null || request.Headers.TryAddWithoutValidation(name, value))
        {
            return;
        }

        if (request.Content is null || !request.Content.Headers.TryAddWithoutValidation(name, value))
        {
            throw new InvalidOperationException(
                $"The header '{name}' cannot be added to this request{(request.Content is null ? " (a content header needs a request body)" : string.Empty)}.");
        }
    }

    /// <summary>Formats a <see cref="bool"/> as <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(bool value) => value ? "true" : "false";

    /// <summary>Formats a character.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(char value) => value.ToString();

    /// <summary>Formats a number with the invariant culture.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(byte value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a number with the invariant culture.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(sbyte value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a number with the invariant culture.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(short value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a number with the invariant culture.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(ushort value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a number with the invariant culture.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a number with the invariant culture.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(uint value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a number with the invariant culture.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a number with the invariant culture.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a number with the invariant culture (shortest text that reads back the same value).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a number with the invariant culture (shortest text that reads back the same value).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a number with the invariant culture.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a <see cref="Guid"/> as 32 hex digits with hyphens.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(Guid value) => value.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>Formats a date and time as ISO 8601 (round-trip format <c>O</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(DateTime value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Formats a date and time with offset as ISO 8601 (round-trip format <c>O</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Formats a date as ISO 8601 <c>yyyy-MM-dd</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(DateOnly value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Formats a time of day as ISO 8601 (round-trip format <c>O</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(TimeOnly value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Formats a time interval in the constant format <c>[-][d.]hh:mm:ss[.fffffff]</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>Formats an enum value as its name (names joined by <c>, </c> for flags), or its number when it has no name.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string FormatEnum<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString();

    /// <summary>Serialises a JSON body with System.Text.Json's web defaults, through reflection.</summary>
    /// <typeparam name="T">The body type.</typeparam>
    /// <param name="value">The body.</param>
    /// <returns>The content, <c>application/json; charset=utf-8</c>.</returns>
    [RequiresUnreferencedCode("JSON serialisation through reflection. Name a JsonSerializerContext in [OAuth1Api(JsonContext = typeof(...))] for trimming and AOT.")]
    [RequiresDynamicCode("JSON serialisation through reflection. Name a JsonSerializerContext in [OAuth1Api(JsonContext = typeof(...))] for trimming and AOT.")]
    public static HttpContent CreateJsonContent<T>(T value) =>
        JsonBytes(JsonSerializer.SerializeToUtf8Bytes(value, WebDefaults));

    /// <summary>Serialises a JSON body through a source-generated <see cref="JsonSerializerContext"/>.</summary>
    /// <typeparam name="T">The body type.</typeparam>
    /// <param name="value">The body.</param>
    /// <param name="context">The context holding the metadata of <typeparamref name="T"/>.</param>
    /// <returns>The content, <c>application/json; charset=utf-8</c>.</returns>
    public static HttpContent CreateJsonContent<T>(T value, JsonSerializerContext context) =>
        JsonBytes(JsonSerializer.SerializeToUtf8Bytes(value, GetTypeInfo<T>(context)));

    /// <summary>Uses <paramref name="content"/> as the body as it is.</summary>
    /// <param name="content">The content.</param>
    /// <param name="parameterName">The parameter, for the error message.</param>
    /// <returns><paramref name="content"/>.</returns>
    /// <exception cref="ArgumentNullException">The content is <see langword="null"/>.</exception>
    public static HttpContent RequireContent(HttpContent? content, string parameterName) =>
        content ?? throw new ArgumentNullException(parameterName, $"The body parameter '{parameterName}' is null.");

    /// <summary>Throws an <see cref="OAuth1ApiException"/> (and disposes the response) when the status is not a success.</summary>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels reading the body excerpt.</param>
    /// <returns>A task that completes when the status is a success.</returns>
    public static ValueTask EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        return response.IsSuccessStatusCode ? default : ThrowAsync(response, cancellationToken);

        static async ValueTask ThrowAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            try
            {
                throw await OAuth1ApiException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                response.Dispose();
            }
        }
    }

    /// <summary>Checks the status, then reads the body as text.</summary>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The body.</returns>
    public static async Task<string> ReadStringAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the status, then hands over the body stream (which owns the connection: dispose it).</summary>
    /// <param name="response">The response, read up to its headers.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The body stream.</returns>
    public static async Task<Stream> ReadStreamAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Checks the status, then reads a JSON body with System.Text.Json's web defaults, through reflection.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The result; <see langword="null"/> for a JSON <c>null</c>.</returns>
    [RequiresUnreferencedCode("JSON deserialisation through reflection. Name a JsonSerializerContext in [OAuth1Api(JsonContext = typeof(...))] for trimming and AOT.")]
    [RequiresDynamicCode("JSON deserialisation through reflection. Name a JsonSerializerContext in [OAuth1Api(JsonContext = typeof(...))] for trimming and AOT.")]
    public static async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(WebDefaults, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the status, then reads a JSON body through a source-generated <see cref="JsonSerializerContext"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="response">The response.</param>
    /// <param name="context">The context holding the metadata of <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The result; <see langword="null"/> for a JSON <c>null</c>.</returns>
    public static async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, JsonSerializerContext context, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(GetTypeInfo<T>(context), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The error for a JSON <c>null</c> answered to a method whose result type is not nullable.</summary>
    /// <param name="member">The interface member.</param>
    /// <returns>The exception, to throw.</returns>
    public static JsonException NullResult(string member) =>
        new($"{member} declares a non-nullable result, but the response body is JSON null. Declare the result type nullable to accept it.");

    private static JsonTypeInfo<T> GetTypeInfo<T>(JsonSerializerContext context) =>
        context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException(
            $"The JsonSerializerContext '{context.GetType().Name}' has no metadata for '{typeof(T)}'; add [JsonSerializable(typeof({typeof(T).Name}))] to it.");

    private static ByteArrayContent JsonBytes(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>Appends the RFC 3986 percent-encoded UTF-8 form of <paramref name="value"/> (the engine's encoding).</summary>
    private static void AppendEscaped(StringBuilder builder, string value) => builder.Append(OAuth1PercentEncoding.Encode(value));
}
