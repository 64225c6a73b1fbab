namespace OAuth1.Generator.Model;

/// <summary>What the emitter needs to write the client of one <c>[OAuth1Api]</c> interface.</summary>
/// <param name="Namespace">The namespace of the generated class; empty for the global namespace.</param>
/// <param name="InterfaceName">The interface's name with its containing types, for messages (<c>IFooApi</c>).</param>
/// <param name="InterfaceType">The fully qualified interface type (<c>global::N.IFooApi</c>).</param>
/// <param name="ClassName">The generated class name (<c>FooApiClient</c>).</param>
/// <param name="IsPublic">Whether the interface is public all the way out, so the class can be public.</param>
/// <param name="HintName">The generated file name.</param>
/// <param name="BaseUrl">The attribute's base URL, ending with <c>/</c>; <see langword="null"/> for <c>HttpClient.BaseAddress</c>.</param>
/// <param name="JsonContextType">The fully qualified JsonSerializerContext type, or <see langword="null"/>.</param>
/// <param name="Methods">The methods to implement.</param>
internal sealed record ApiModel(
    string Namespace,
    string InterfaceName,
    string InterfaceType,
    string ClassName,
    bool IsPublic,
    string HintName,
    string? BaseUrl,
    string? JsonContextType,
    EquatableArray<MethodModel> Methods);
