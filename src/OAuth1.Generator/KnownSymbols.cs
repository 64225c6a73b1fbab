using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using OAuth1.Generator.Model;

namespace OAuth1.Generator;

/// <summary>
/// The attribute and framework types the parser recognises, resolved once per compilation by metadata name and
/// compared as symbols (<see cref="SymbolEqualityComparer.Default"/>), never by their name strings. A type the
/// compilation does not have stays <see langword="null"/> and matches nothing.
/// </summary>
internal sealed class KnownSymbols
{
    /// <summary>The metadata name of <c>[OAuth1Api]</c>, which the pipeline looks for.</summary>
    public const string ApiAttributeMetadataName = "OAuth1.OAuth1ApiAttribute";

    // One instance per compilation: a compilation is immutable, and the table lets it go when the compilation goes.
    private static readonly ConditionalWeakTable<Compilation, KnownSymbols> Cache = new();

    private readonly (INamedTypeSymbol? Attribute, HttpMethodKind Kind)[] _httpMethods;
    private readonly (INamedTypeSymbol? Attribute, ParameterKind Kind)[] _bindings;
    private readonly INamedTypeSymbol?[] _formattedTypes;

    private KnownSymbols(Compilation compilation)
    {
        ApiAttribute = compilation.GetTypeByMetadataName(ApiAttributeMetadataName);
        _httpMethods =
        [
            (compilation.GetTypeByMetadataName("OAuth1.GetAttribute"), HttpMethodKind.Get),
            (compilation.GetTypeByMetadataName("OAuth1.PostAttribute"), HttpMethodKind.Post),
            (compilation.GetTypeByMetadataName("OAuth1.PutAttribute"), HttpMethodKind.Put),
            (compilation.GetTypeByMetadataName("OAuth1.PatchAttribute"), HttpMethodKind.Patch),
            (compilation.GetTypeByMetadataName("OAuth1.DeleteAttribute"), HttpMethodKind.Delete),
            (compilation.GetTypeByMetadataName("OAuth1.HeadAttribute"), HttpMethodKind.Head),
        ];
        _bindings =
        [
            (compilation.GetTypeByMetadataName("OAuth1.QueryAttribute"), ParameterKind.Query),
            (compilation.GetTypeByMetadataName("OAuth1.FormAttribute"), ParameterKind.Form),
            (compilation.GetTypeByMetadataName("OAuth1.BodyAttribute"), ParameterKind.JsonBody),
            (compilation.GetTypeByMetadataName("OAuth1.HeaderAttribute"), ParameterKind.Header),
        ];
        _formattedTypes =
        [
            compilation.GetTypeByMetadataName("System.Guid"),
            compilation.GetTypeByMetadataName("System.DateTime"),
            compilation.GetTypeByMetadataName("System.DateTimeOffset"),
            compilation.GetTypeByMetadataName("System.DateOnly"),
            compilation.GetTypeByMetadataName("System.TimeOnly"),
            compilation.GetTypeByMetadataName("System.TimeSpan"),
        ];
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        Stream = compilation.GetTypeByMetadataName("System.IO.Stream");
        HttpResponseMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpResponseMessage");
        HttpContent = compilation.GetTypeByMetadataName("System.Net.Http.HttpContent");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        JsonSerializerContext = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializerContext");
    }

    /// <summary><c>OAuth1.OAuth1ApiAttribute</c>.</summary>
    public INamedTypeSymbol? ApiAttribute { get; }

    /// <summary><c>System.Threading.Tasks.Task</c>.</summary>
    public INamedTypeSymbol? Task { get; }

    /// <summary><c>System.Threading.Tasks.Task&lt;TResult&gt;</c>, unconstructed.</summary>
    public INamedTypeSymbol? TaskOfT { get; }

    /// <summary><c>System.IO.Stream</c>.</summary>
    public INamedTypeSymbol? Stream { get; }

    /// <summary><c>System.Net.Http.HttpResponseMessage</c>.</summary>
    public INamedTypeSymbol? HttpResponseMessage { get; }

    /// <summary><c>System.Net.Http.HttpContent</c>.</summary>
    public INamedTypeSymbol? HttpContent { get; }

    /// <summary><c>System.Threading.CancellationToken</c>.</summary>
    public INamedTypeSymbol? CancellationToken { get; }

    /// <summary><c>System.Text.Json.Serialization.JsonSerializerContext</c>.</summary>
    public INamedTypeSymbol? JsonSerializerContext { get; }

    /// <summary>The known symbols of a compilation, resolved on first use.</summary>
    public static KnownSymbols For(Compilation compilation) => Cache.GetValue(compilation, static c => new KnownSymbols(c));

    /// <summary>Whether <paramref name="type"/> is <paramref name="known"/> (never, when the compilation lacks it).</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type, known);

    /// <summary>Whether <paramref name="type"/> is <paramref name="known"/> or derives from it.</summary>
    public static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol? known)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (Is(current, known))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The HTTP method of an attribute class, if it is one of <c>[Get]</c>, <c>[Post]</c>, … <c>[Head]</c>.</summary>
    public bool TryGetHttpMethod(INamedTypeSymbol? attributeClass, out HttpMethodKind kind)
    {
        foreach ((INamedTypeSymbol? attribute, HttpMethodKind candidate) in _httpMethods)
        {
            if (Is(attributeClass, attribute))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The binding of a parameter attribute class (<c>[Query]</c>, <c>[Form]</c>, <c>[Body]</c>, <c>[Header]</c>), or <see langword="null"/>.</summary>
    public ParameterKind? BindingOf(INamedTypeSymbol? attributeClass)
    {
        foreach ((INamedTypeSymbol? attribute, ParameterKind kind) in _bindings)
        {
            if (Is(attributeClass, attribute))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>Whether the type is one of the framework structs the runtime formats (Guid, dates and times, TimeSpan).</summary>
    public bool IsFormattedFrameworkType(ITypeSymbol type)
    {
        foreach (INamedTypeSymbol? known in _formattedTypes)
        {
            if (Is(type, known))
            {
                return true;
            }
        }

        return false;
    }
}
