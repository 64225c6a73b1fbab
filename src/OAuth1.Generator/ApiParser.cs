using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OAuth1.Generator.Model;
using OAuth1.Generator.Rules;

namespace OAuth1.Generator;

/// <summary>
/// Reads one <c>[OAuth1Api]</c> interface into an <see cref="ApiModel"/> and its diagnostics. The only part of the
/// generator that touches symbols; what it returns holds strings, bools and enums only (and diagnostics apart). This
/// file reads the interface; <c>ApiParser.Methods.cs</c> its methods, <c>ApiParser.Parameters.cs</c> their parameters.
/// The rules that need no symbol (templates, names, literals) are in <c>Rules/</c>.
/// </summary>
internal sealed partial class ApiParser
{
    /// <summary>The generated client's property that exposes its options; no interface member may take the name.</summary>
    private const string OptionsPropertyName = "Options";

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat MessageFormat = SymbolDisplayFormat.CSharpShortErrorMessageFormat;

    private readonly INamedTypeSymbol _api;
    private readonly KnownSymbols _known;
    private readonly Location _interfaceLocation;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly string _interfaceName;
    private readonly string _className;
    private bool _hasCompilerErrors;

    private ApiParser(INamedTypeSymbol api, KnownSymbols known, Location interfaceLocation, CancellationToken cancellationToken)
    {
        _api = api;
        _known = known;
        _interfaceLocation = interfaceLocation;
        _cancellationToken = cancellationToken;
        _interfaceName = api.ToDisplayString(MessageFormat);
        _className = ClassNameFor(api);
    }

    /// <summary>Parses the interface that <c>ForAttributeWithMetadataName</c> found; never throws on user errors.</summary>
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var api = (INamedTypeSymbol)context.TargetSymbol;
        var parser = new ApiParser(
            api,
            KnownSymbols.For(context.SemanticModel.Compilation),
            ((InterfaceDeclarationSyntax)context.TargetNode).Identifier.GetLocation(),
            cancellationToken);
        return parser.Run(context.Attributes.IsDefaultOrEmpty ? null : context.Attributes[0]);
    }

    private ParseResult Run(AttributeData? attribute)
    {
        if (_api.GetAttributes().Count(candidate => KnownSymbols.Is(candidate.AttributeClass, _known.ApiAttribute)) > 1)
        {
            // [OAuth1Api] on two parts of a partial interface: the compiler reports it, and one client per
            // declaration would clash.
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        bool isPublic = CheckAccessibility();
        CheckNotGeneric();
        (string? baseUrl, string? jsonContext) = ReadApiAttribute(attribute);

        var methods = new List<MethodModel>();
        ReadMembers(_api, explicitInterfaceType: null, methods);
        foreach (INamedTypeSymbol baseInterface in _api.AllInterfaces)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            ReadMembers(baseInterface, baseInterface.ToDisplayString(TypeFormat), methods);
        }

        ApiModel? model = null;
        if (_diagnostics.Count == 0 && !_hasCompilerErrors)
        {
            string ns = _api.ContainingNamespace.IsGlobalNamespace
                ? string.Empty
                : _api.ContainingNamespace.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted));
            model = new ApiModel(
                ns,
                _interfaceName,
                _api.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                _className,
                isPublic,
                HintNameFor(_api),
                baseUrl,
                jsonContext,
                methods.ToEquatableArray());
        }

        return new ParseResult(model, _diagnostics.ToEquatableArray());
    }

    private static string ClassNameFor(INamedTypeSymbol api)
    {
        string name = api.Name;
        if (name.Length >= 2 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name.Substring(1);
        }

        for (INamedTypeSymbol? outer = api.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.Name + name;
        }

        return name + "Client";
    }

    private static string HintNameFor(INamedTypeSymbol api)
    {
        string name = api.Name;
        for (INamedTypeSymbol? outer = api.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.Name + "." + name;
        }

        return (api.ContainingNamespace.IsGlobalNamespace ? string.Empty : api.ContainingNamespace.ToDisplayString() + ".") + name + ".g.cs";
    }

    /// <summary>The generated class lives at namespace level: the interface must be visible from there.</summary>
    private bool CheckAccessibility()
    {
        bool isPublic = true;
        for (INamedTypeSymbol? type = _api; type is not null; type = type.ContainingType)
        {
            string? problem = type.IsFileLocal ? "file-local" : type.DeclaredAccessibility switch
            {
                Accessibility.Public => null,
                Accessibility.Internal or Accessibility.ProtectedOrInternal => null,
                Accessibility.Private => "private",
                Accessibility.Protected => "protected",
                Accessibility.ProtectedAndInternal => "private protected",
                _ => "not accessible",
            };
            if (type.DeclaredAccessibility != Accessibility.Public)
            {
                isPublic = false;
            }

            if (problem is not null)
            {
                string what = SymbolEqualityComparer.Default.Equals(type, _api) ? problem : $"nested in the {problem} type '{type.ToDisplayString(MessageFormat)}'";
                Report(DiagnosticDescriptors.InaccessibleInterface, _interfaceLocation, _interfaceName, what, _className);
                break;
            }
        }

        return isPublic;
    }

    private void CheckNotGeneric()
    {
        for (INamedTypeSymbol? type = _api; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                Report(DiagnosticDescriptors.GenericInterface, _interfaceLocation, _interfaceName);
                return;
            }
        }
    }

    private (string? BaseUrl, string? JsonContext) ReadApiAttribute(AttributeData? attribute)
    {
        if (attribute is null)
        {
            return (null, null);
        }

        if (attribute.AttributeConstructor is null)
        {
            // Arguments that match no constructor: the compiler reports them.
            _hasCompilerErrors = true;
            return (null, null);
        }

        AttributeSyntax? syntax = attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) as AttributeSyntax;
        string? baseUrl = null;
        if (attribute.ConstructorArguments.Length == 1)
        {
            TypedConstant argument = attribute.ConstructorArguments[0];
            if (argument.Kind == TypedConstantKind.Error)
            {
                _hasCompilerErrors = true;
            }
            else if (argument.Value is string text)
            {
                baseUrl = BaseUrl.Normalize(text);
                if (baseUrl is null)
                {
                    Report(DiagnosticDescriptors.InvalidBaseUrl, FirstArgumentLocation(attribute, _interfaceLocation), _interfaceName, text);
                }
            }
        }

        string? jsonContext = null;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key != "JsonContext")
            {
                continue;
            }

            if (named.Value.Kind == TypedConstantKind.Error)
            {
                _hasCompilerErrors = true;
            }
            else if (named.Value.Value is INamedTypeSymbol contextType)
            {
                if (contextType.TypeKind == TypeKind.Error)
                {
                    _hasCompilerErrors = true;
                }
                else if (!KnownSymbols.DerivesFrom(contextType, _known.JsonSerializerContext))
                {
                    Location location = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "JsonContext")?.GetLocation()
                        ?? _interfaceLocation;
                    Report(DiagnosticDescriptors.InvalidJsonContext, location, _interfaceName, contextType.ToDisplayString(MessageFormat));
                }
                else
                {
                    jsonContext = contextType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                }
            }
        }

        return (baseUrl, jsonContext);
    }

    private void ReadMembers(INamedTypeSymbol type, string? explicitInterfaceType, List<MethodModel> methods)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (explicitInterfaceType is null && member.IsAbstract && member.Name == OptionsPropertyName)
            {
                // The client implements the interface's own members under their names, next to its Options property.
                // (Members of base interfaces are implemented explicitly and clash with nothing.)
                Report(DiagnosticDescriptors.MemberNamedOptions, LocationOf(member), DisplayName(member), _className);
                continue;
            }

            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Ordinary } method when method.IsAbstract && !method.IsStatic:
                    MethodModel? model = ReadMethod(method, explicitInterfaceType);
                    if (model is not null)
                    {
                        methods.Add(model);
                    }

                    break;

                case IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise }:
                    // Accessors: reported with their property or event.
                    break;

                case IMethodSymbol method when method.IsAbstract:
                    Report(DiagnosticDescriptors.UnsupportedMember, LocationOf(method), DisplayName(method), method.IsStatic ? "a static abstract member" : "not an ordinary method");
                    break;

                case IPropertySymbol property when property.IsAbstract:
                    Report(DiagnosticDescriptors.UnsupportedMember, LocationOf(property), DisplayName(property), property.IsStatic ? "a static abstract property" : "a property");
                    break;

                case IEventSymbol @event when @event.IsAbstract:
                    Report(DiagnosticDescriptors.UnsupportedMember, LocationOf(@event), DisplayName(@event), @event.IsStatic ? "a static abstract event" : "an event");
                    break;
            }
        }
    }

    private string DisplayName(ISymbol member) =>
        (SymbolEqualityComparer.Default.Equals(member.ContainingType, _api) ? _interfaceName : member.ContainingType.ToDisplayString(MessageFormat)) + "." + member.Name;

    private Location LocationOf(ISymbol symbol) => LocationOf(symbol, _interfaceLocation);

    private static Location LocationOf(ISymbol symbol, Location fallback)
    {
        foreach (Location location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return location;
            }
        }

        return fallback;
    }

    /// <summary>The location of an attribute's first argument (where its text is), else <paramref name="fallback"/>.</summary>
    private Location FirstArgumentLocation(AttributeData attribute, Location fallback) =>
        (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? fallback;

    private void Report(DiagnosticDescriptor descriptor, Location location, params string[] arguments) =>
        _diagnostics.Add(new DiagnosticInfo(descriptor, location, new EquatableArray<string>(arguments)));
}
