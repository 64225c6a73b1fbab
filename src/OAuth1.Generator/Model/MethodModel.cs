namespace OAuth1.Generator.Model;

/// <summary>One interface method to implement.</summary>
/// <param name="Name">The method name as an identifier.</param>
/// <param name="DisplayName">The member for messages (<c>IFooApi.GetAsync</c>).</param>
/// <param name="ExplicitInterfaceType">For a member inherited from a base interface, that interface (implemented explicitly); else <see langword="null"/>.</param>
/// <param name="HttpMethod">The HTTP method.</param>
/// <param name="Path">The relative path template, literal text and placeholders.</param>
/// <param name="QuerySeparator">What comes before the first query parameter: <c>?</c>, <c>&amp;</c>, or empty when the template ends with one.</param>
/// <param name="ReturnKind">How the response is handled.</param>
/// <param name="ReturnType">The fully qualified return type.</param>
/// <param name="ResultType">For <see cref="ReturnKind.Json"/>, the result type.</param>
/// <param name="ResultNullability">For <see cref="ReturnKind.Json"/>, what to do with a JSON <c>null</c>.</param>
/// <param name="Parameters">The parameters in declaration order.</param>
internal sealed record MethodModel(
    string Name,
    string DisplayName,
    string? ExplicitInterfaceType,
    HttpMethodKind HttpMethod,
    EquatableArray<PathPart> Path,
    string QuerySeparator,
    ReturnKind ReturnKind,
    string ReturnType,
    string? ResultType,
    ResultNullability ResultNullability,
    EquatableArray<ParameterModel> Parameters);

/// <summary>A piece of a path template.</summary>
/// <param name="IsPlaceholder">Whether this is a <c>{name}</c> placeholder.</param>
/// <param name="Text">The literal text, or the placeholder name.</param>
/// <param name="ParameterIndex">For a placeholder, the index of the bound parameter; else -1.</param>
internal sealed record PathPart(bool IsPlaceholder, string Text, int ParameterIndex);

/// <summary>One method parameter.</summary>
/// <param name="Name">The identifier, escaped with <c>@</c> when it is a keyword.</param>
/// <param name="Type">The fully qualified type, nullable annotations included.</param>
/// <param name="Kind">Where the value goes.</param>
/// <param name="WireName">The query name (percent-encoded), form field or header name; the parameter name for a path placeholder.</param>
/// <param name="Value">How to format the value (or each item of a collection).</param>
/// <param name="IsNullableValueType">Whether the value (or item) is a <c>Nullable&lt;T&gt;</c>.</param>
/// <param name="IsCollection">Whether each item is sent on its own.</param>
/// <param name="DefaultValue">The default value as C# source, repeated on the public method; <see langword="null"/> for none.</param>
/// <param name="IsParams">Whether the parameter is <c>params</c>.</param>
internal sealed record ParameterModel(
    string Name,
    string Type,
    ParameterKind Kind,
    string WireName,
    ValueKind Value,
    bool IsNullableValueType,
    bool IsCollection,
    string? DefaultValue,
    bool IsParams);
