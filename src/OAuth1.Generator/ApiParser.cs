using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OAuth1.Generator.Model;

namespace OAuth1.Generator;

/// <summary>
/// Reads one <c>[OAuth1Api]</c> interface into an <see cref="ApiModel"/> and its diagnostics. The only part of the
/// generator that touches symbols; what it returns holds strings, bools and enums only (and diagnostics apart).
/// </summary>
internal static class ApiParser
{
    public const string ApiAttributeMetadataName = "OAuth1.OAuth1ApiAttribute";

    private const string RuntimeNamespace = "OAuth1";

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat MessageFormat = SymbolDisplayFormat.CSharpShortErrorMessageFormat;

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var api = (INamedTypeSymbol)context.TargetSymbol;
        var parser = new Parser(api, ((InterfaceDeclarationSyntax)context.TargetNode).Identifier.GetLocation(), cancellationToken);
        return parser.Run(context.Attributes.IsDefaultOrEmpty ? null : context.Attributes[0]);
    }

    /// <summary>Percent-encodes text per RFC 3986 (unreserved characters kept), as the runtime escapes values.</summary>
    internal static string PercentEncode(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            bool unreserved = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b == '~';
            if (unreserved)
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    private sealed class Parser
    {
        private readonly INamedTypeSymbol _api;
        private readonly Location _interfaceLocation;
        private readonly CancellationToken _cancellationToken;
        private readonly List<DiagnosticInfo> _diagnostics = new();
        private readonly string _interfaceName;
        private bool _hasCompilerErrors;

        public Parser(INamedTypeSymbol api, Location interfaceLocation, CancellationToken cancellationToken)
        {
            _api = api;
            _interfaceLocation = interfaceLocation;
            _cancellationToken = cancellationToken;
            _interfaceName = api.ToDisplayString(MessageFormat);
        }

        public ParseResult Run(AttributeData? attribute)
        {
            int apiAttributes = 0;
            foreach (AttributeData candidate in _api.GetAttributes())
            {
                if (candidate.AttributeClass is { Name: "OAuth1ApiAttribute" } attributeClass && attributeClass.ContainingNamespace?.ToDisplayString() == RuntimeNamespace)
                {
                    apiAttributes++;
                }
            }

            if (apiAttributes > 1)
            {
                // [OAuth1Api] on two parts of a partial interface: the compiler reports it, and one client per
                // declaration would clash.
                return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
            }

            string className = ClassNameFor(_api);
            bool isPublic = CheckAccessibility(className);
            CheckNotGeneric();
            (string? baseUrl, string? jsonContext) = ReadApiAttribute(attribute);

            var methods = new List<MethodModel>();
            bool exposeOptions = true;
            ReadMembers(_api, explicitInterfaceType: null, methods, ref exposeOptions);
            foreach (INamedTypeSymbol baseInterface in _api.AllInterfaces)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                ReadMembers(baseInterface, baseInterface.ToDisplayString(TypeFormat), methods, ref exposeOptions);
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
                    className,
                    isPublic,
                    HintNameFor(_api),
                    baseUrl,
                    jsonContext,
                    exposeOptions,
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
        private bool CheckAccessibility(string className)
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
                    Report(DiagnosticDescriptors.InaccessibleInterface, _interfaceLocation, _interfaceName, what, className);
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
                    baseUrl = NormalizeBaseUrl(text);
                    if (baseUrl is null)
                    {
                        Location location = syntax?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? _interfaceLocation;
                        Report(DiagnosticDescriptors.InvalidBaseUrl, location, _interfaceName, text);
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
                    else if (!DerivesFrom(contextType, "System.Text.Json.Serialization", "JsonSerializerContext"))
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

        private static string? NormalizeBaseUrl(string text)
        {
            if (text.Length == 0 || text.Trim().Length != text.Length || text.IndexOf('?') >= 0 || text.IndexOf('#') >= 0)
            {
                return null;
            }

            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "http" && uri.Scheme != "https") || uri.Host.Length == 0)
            {
                return null;
            }

            return text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/";
        }

        private void ReadMembers(INamedTypeSymbol type, string? explicitInterfaceType, List<MethodModel> methods, ref bool exposeOptions)
        {
            foreach (ISymbol member in type.GetMembers())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (member.Name == "Options")
                {
                    exposeOptions = false;
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

        private MethodModel? ReadMethod(IMethodSymbol method, string? explicitInterfaceType)
        {
            string display = DisplayName(method);
            Location location = LocationOf(method);
            int diagnosticsBefore = _diagnostics.Count;

            if (method.IsGenericMethod)
            {
                Report(DiagnosticDescriptors.GenericMethod, location, display);
                return null;
            }

            // The HTTP method and path.
            AttributeData? http = null;
            HttpMethodKind httpMethod = default;
            foreach (AttributeData attribute in method.GetAttributes())
            {
                if (!TryGetHttpMethod(attribute.AttributeClass, out HttpMethodKind kind))
                {
                    continue;
                }

                if (http is null)
                {
                    http = attribute;
                    httpMethod = kind;
                }
                else
                {
                    Report(DiagnosticDescriptors.MultipleHttpMethods, location, display, AttributeName(http), AttributeName(attribute));
                    return null;
                }
            }

            if (http is null)
            {
                Report(DiagnosticDescriptors.MissingHttpMethod, location, display);
                return null;
            }

            Location templateLocation = (http.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation()
                ?? location;
            if (http.AttributeConstructor is null || http.ConstructorArguments.Length != 1 || http.ConstructorArguments[0].Kind == TypedConstantKind.Error)
            {
                _hasCompilerErrors = true;
                return null;
            }

            string template = http.ConstructorArguments[0].Value as string ?? string.Empty;
            List<(bool IsPlaceholder, string Text)>? rawParts = ParseTemplate(template, out string? templateError);
            if (rawParts is null)
            {
                Report(DiagnosticDescriptors.InvalidPathTemplate, templateLocation, display, template, templateError!);
                return null;
            }

            // Placeholders bind parameters by name: an exact match first, else the one parameter equal ignoring case.
            var placeholderTargets = new Dictionary<string, int>(StringComparer.Ordinal);
            var boundByPlaceholder = new bool[method.Parameters.Length];
            foreach ((bool isPlaceholder, string name) in rawParts)
            {
                if (!isPlaceholder || placeholderTargets.ContainsKey(name))
                {
                    continue;
                }

                int index = FindParameter(method, name);
                placeholderTargets[name] = index;
                if (index < 0)
                {
                    Report(DiagnosticDescriptors.PlaceholderWithoutParameter, templateLocation, display, name);
                }
                else
                {
                    boundByPlaceholder[index] = true;
                }
            }

            // The return type.
            (ReturnKind returnKind, string? resultType, ResultNullability nullability)? returns = ReadReturnType(method, display, location);

            // The parameters.
            var parameters = new List<ParameterModel>();
            string? cancellationToken = null;
            bool defaultsRepresentable = true;
            IParameterSymbol? body = null;
            IParameterSymbol? firstForm = null;
            for (int i = 0; i < method.Parameters.Length; i++)
            {
                IParameterSymbol parameter = method.Parameters[i];
                ParameterModel? model = ReadParameter(parameter, display, template, boundByPlaceholder[i], ref cancellationToken, ref body);
                if (model is null)
                {
                    continue;
                }

                model = model with { DefaultValue = DefaultValueOf(parameter), IsParams = parameter.IsParams };
                defaultsRepresentable &= !parameter.HasExplicitDefaultValue || model.DefaultValue is not null;

                if (model.Kind == ParameterKind.Form)
                {
                    firstForm ??= parameter;
                }

                parameters.Add(model);
            }

            if (httpMethod is HttpMethodKind.Get or HttpMethodKind.Head && (body is not null || firstForm is not null))
            {
                IParameterSymbol offending = body ?? firstForm!;
                Report(
                    DiagnosticDescriptors.BodyNotAllowed,
                    LocationOf(offending, location),
                    display,
                    httpMethod == HttpMethodKind.Get ? "GET" : "HEAD",
                    offending.Name,
                    body is not null ? "a [Body]" : "a [Form] field");
            }
            else if (body is not null && firstForm is not null)
            {
                Report(DiagnosticDescriptors.FormAndBody, LocationOf(body, location), display, firstForm.Name, body.Name);
            }

            if (_diagnostics.Count != diagnosticsBefore || returns is null)
            {
                return null;
            }

            if (!defaultsRepresentable || explicitInterfaceType is not null)
            {
                // All or nothing (a required parameter cannot follow an optional one); an explicit implementation has none.
                for (int i = 0; i < parameters.Count; i++)
                {
                    parameters[i] = parameters[i] with { DefaultValue = null };
                }
            }

            var path = new List<PathPart>(rawParts.Count);
            foreach ((bool isPlaceholder, string text) in rawParts)
            {
                path.Add(new PathPart(isPlaceholder, text, isPlaceholder ? placeholderTargets[text] : -1));
            }

            return new MethodModel(
                EscapeIdentifier(method.Name),
                display,
                explicitInterfaceType,
                httpMethod,
                path.ToEquatableArray(),
                QuerySeparatorFor(template),
                returns.Value.returnKind,
                method.ReturnType.ToDisplayString(TypeFormat),
                returns.Value.resultType,
                returns.Value.nullability,
                parameters.ToEquatableArray());
        }

        private (ReturnKind, string?, ResultNullability)? ReadReturnType(IMethodSymbol method, string display, Location location)
        {
            ITypeSymbol type = method.ReturnType;
            if (type.TypeKind == TypeKind.Error)
            {
                _hasCompilerErrors = true;
                return null;
            }

            if (type is INamedTypeSymbol named && IsType(named, "System.Threading.Tasks", "Task"))
            {
                if (!named.IsGenericType)
                {
                    return (ReturnKind.None, null, ResultNullability.Accepts);
                }

                ITypeSymbol result = named.TypeArguments[0];
                if (result.TypeKind == TypeKind.Error)
                {
                    _hasCompilerErrors = true;
                    return null;
                }

                if (result.SpecialType == SpecialType.System_String)
                {
                    return (ReturnKind.String, null, ResultNullability.Accepts);
                }

                if (IsType(result, "System.IO", "Stream"))
                {
                    return (ReturnKind.Stream, null, ResultNullability.Accepts);
                }

                if (IsType(result, "System.Net.Http", "HttpResponseMessage"))
                {
                    return (ReturnKind.Response, null, ResultNullability.Accepts);
                }

                if (IsSerializable(result))
                {
                    ResultNullability nullability = result.IsValueType || result.NullableAnnotation == NullableAnnotation.Annotated
                        ? ResultNullability.Accepts
                        : result.NullableAnnotation == NullableAnnotation.NotAnnotated ? ResultNullability.Rejects : ResultNullability.Oblivious;
                    return (ReturnKind.Json, result.ToDisplayString(TypeFormat), nullability);
                }
            }

            Report(DiagnosticDescriptors.UnsupportedReturnType, location, display, type.ToDisplayString(MessageFormat));
            return null;
        }

        private ParameterModel? ReadParameter(IParameterSymbol parameter, string display, string template, bool boundByPlaceholder, ref string? cancellationToken, ref IParameterSymbol? body)
        {
            Location location = LocationOf(parameter, LocationOf(parameter.ContainingSymbol));
            if (parameter.RefKind != RefKind.None)
            {
                string refKind = parameter.RefKind switch
                {
                    RefKind.Ref => "ref",
                    RefKind.Out => "out",
                    RefKind.In => "in",
                    _ => "ref readonly",
                };
                Report(DiagnosticDescriptors.ByRefParameter, location, display, parameter.Name, refKind);
                return null;
            }

            ITypeSymbol type = parameter.Type;
            if (type.TypeKind == TypeKind.Error)
            {
                _hasCompilerErrors = true;
                return null;
            }

            var bindings = new List<(ParameterKind Kind, AttributeData? Attribute)>(2);
            foreach (AttributeData attribute in parameter.GetAttributes())
            {
                ParameterKind? kind = attribute.AttributeClass is { } attributeClass && attributeClass.ContainingNamespace?.ToDisplayString() == RuntimeNamespace
                    ? attributeClass.Name switch
                    {
                        "QueryAttribute" => ParameterKind.Query,
                        "FormAttribute" => ParameterKind.Form,
                        "BodyAttribute" => ParameterKind.JsonBody,
                        "HeaderAttribute" => ParameterKind.Header,
                        _ => null,
                    }
                    : null;
                if (kind is not null)
                {
                    if (attribute.AttributeConstructor is null)
                    {
                        _hasCompilerErrors = true;
                        return null;
                    }

                    bindings.Add((kind.Value, attribute));
                }
            }

            if (boundByPlaceholder)
            {
                bindings.Add((ParameterKind.Path, null));
            }

            string name = EscapeIdentifier(parameter.Name);
            string typeText = type.ToDisplayString(TypeFormat);
            if (IsType(type, "System.Threading", "CancellationToken"))
            {
                if (bindings.Count > 0)
                {
                    Report(DiagnosticDescriptors.UnsupportedParameterType, location, display, parameter.Name, type.ToDisplayString(MessageFormat), Describe(bindings[0].Kind, parameter.Name));
                    return null;
                }

                if (cancellationToken is not null)
                {
                    Report(DiagnosticDescriptors.MultipleCancellationTokens, location, display, cancellationToken, parameter.Name);
                    return null;
                }

                cancellationToken = parameter.Name;
                return new ParameterModel(name, typeText, ParameterKind.CancellationToken, string.Empty, ValueKind.None, false, false, null, false);
            }

            if (bindings.Count == 0)
            {
                Report(DiagnosticDescriptors.UnboundParameter, location, display, parameter.Name, template);
                return null;
            }

            if (bindings.Count > 1)
            {
                Report(DiagnosticDescriptors.ParameterBoundTwice, location, display, parameter.Name, Describe(bindings[0].Kind, parameter.Name), Describe(bindings[1].Kind, parameter.Name));
                return null;
            }

            (ParameterKind bindingKind, AttributeData? binding) = bindings[0];
            if (bindingKind == ParameterKind.JsonBody)
            {
                if (body is not null)
                {
                    Report(DiagnosticDescriptors.MultipleBodies, location, display, body.Name, parameter.Name);
                    return null;
                }

                body = parameter;
                if (DerivesFrom(type, "System.Net.Http", "HttpContent"))
                {
                    return new ParameterModel(name, typeText, ParameterKind.ContentBody, parameter.Name, ValueKind.None, false, false, null, false);
                }

                if (!IsSerializable(type))
                {
                    Report(DiagnosticDescriptors.UnsupportedParameterType, location, display, parameter.Name, type.ToDisplayString(MessageFormat), "a JSON body");
                    return null;
                }

                return new ParameterModel(name, typeText, ParameterKind.JsonBody, parameter.Name, ValueKind.None, false, false, null, false);
            }

            // Text values: one, or (except in the path) a collection of them.
            bool isCollection = false;
            ITypeSymbol valueType = type;
            if (bindingKind != ParameterKind.Path && TryGetElementType(type, out ITypeSymbol? element))
            {
                isCollection = true;
                valueType = element!;
            }

            if (!TryClassifyValue(valueType, out ValueKind valueKind, out bool nullableValueType))
            {
                Report(DiagnosticDescriptors.UnsupportedParameterType, location, display, parameter.Name, type.ToDisplayString(MessageFormat), Describe(bindingKind, parameter.Name));
                return null;
            }

            string wireName = parameter.Name;
            if (binding is not null && binding.ConstructorArguments.Length == 1)
            {
                if (binding.ConstructorArguments[0].Kind == TypedConstantKind.Error)
                {
                    _hasCompilerErrors = true;
                    return null;
                }

                wireName = binding.ConstructorArguments[0].Value as string ?? string.Empty;
            }

            string? nameError = bindingKind == ParameterKind.Header ? HeaderNameError(wireName) : wireName.Length == 0 ? "it is empty" : null;
            if (nameError is not null)
            {
                string kindName = bindingKind switch
                {
                    ParameterKind.Header => "header",
                    ParameterKind.Form => "form field",
                    _ => "query",
                };
                Report(DiagnosticDescriptors.InvalidName, location, display, parameter.Name, kindName, wireName, nameError);
                return null;
            }

            if (bindingKind == ParameterKind.Query)
            {
                wireName = PercentEncode(wireName);
            }

            return new ParameterModel(name, typeText, bindingKind, wireName, valueKind, nullableValueType, isCollection, null, false);
        }

        /// <summary>The default value as C# source, or <see langword="null"/> when there is none or it cannot be written.</summary>
        private static string? DefaultValueOf(IParameterSymbol parameter)
        {
            if (!parameter.HasExplicitDefaultValue)
            {
                return null;
            }

            object? value = parameter.ExplicitDefaultValue;
            ITypeSymbol type = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                ? nullable.TypeArguments[0]
                : parameter.Type;
            if (value is null)
            {
                return "default";
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                string number = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "0";
                return $"({type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})({number})";
            }

            return value switch
            {
                bool b => b ? "true" : "false",
                string text => SymbolDisplay.FormatLiteral(text, quote: true),
                char c => SymbolDisplay.FormatLiteral(c, quote: true),
                int i => i.ToString(CultureInfo.InvariantCulture),
                long l => l.ToString(CultureInfo.InvariantCulture) + "L",
                uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
                ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "UL",
                short or ushort or byte or sbyte => $"({type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})({Convert.ToString(value, CultureInfo.InvariantCulture)})",
                decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
                double d when !double.IsNaN(d) && !double.IsInfinity(d) => d.ToString("R", CultureInfo.InvariantCulture) + "D",
                float f when !float.IsNaN(f) && !float.IsInfinity(f) => f.ToString("R", CultureInfo.InvariantCulture) + "F",
                _ => null,
            };
        }

        private static int FindParameter(IMethodSymbol method, string name)
        {
            for (int i = 0; i < method.Parameters.Length; i++)
            {
                if (string.Equals(method.Parameters[i].Name, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            int found = -1;
            for (int i = 0; i < method.Parameters.Length; i++)
            {
                if (string.Equals(method.Parameters[i].Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    if (found >= 0)
                    {
                        return -1;
                    }

                    found = i;
                }
            }

            return found;
        }

        /// <summary>Splits a template into literal text and placeholder names; <see langword="null"/> with a reason when it is invalid.</summary>
        private static List<(bool IsPlaceholder, string Text)>? ParseTemplate(string template, out string? error)
        {
            error = null;
            if (template.IndexOf("://", StringComparison.Ordinal) >= 0 || template.StartsWith("//", StringComparison.Ordinal))
            {
                error = "it is an absolute URL; put the scheme and host in the base URL";
                return null;
            }

            if (template.IndexOf('#') >= 0)
            {
                error = "it has a fragment ('#'), which is never sent";
                return null;
            }

            // The base URL keeps its path: a leading '/' does not start from the host.
            string text = template.StartsWith("/", StringComparison.Ordinal) ? template.Substring(1) : template;
            var parts = new List<(bool, string)>();
            var literal = new StringBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '}')
                {
                    error = $"'}}' at position {i + 1} has no matching '{{'";
                    return null;
                }

                if (c != '{')
                {
                    literal.Append(c);
                    continue;
                }

                int close = text.IndexOf('}', i + 1);
                int nested = text.IndexOf('{', i + 1);
                if (close < 0 || (nested >= 0 && nested < close))
                {
                    error = $"'{{' at position {i + 1} is not closed";
                    return null;
                }

                string name = text.Substring(i + 1, close - i - 1).Trim();
                if (name.Length == 0)
                {
                    error = "a placeholder '{}' has no name";
                    return null;
                }

                if (literal.Length > 0)
                {
                    parts.Add((false, literal.ToString()));
                    literal.Clear();
                }

                parts.Add((true, name));
                i = close;
            }

            if (literal.Length > 0)
            {
                parts.Add((false, literal.ToString()));
            }

            return parts;
        }

        private static string QuerySeparatorFor(string template)
        {
            int question = template.IndexOf('?');
            if (question < 0)
            {
                return "?";
            }

            return template.EndsWith("?", StringComparison.Ordinal) || template.EndsWith("&", StringComparison.Ordinal) ? string.Empty : "&";
        }

        private static bool TryGetHttpMethod(INamedTypeSymbol? attributeClass, out HttpMethodKind kind)
        {
            kind = default;
            if (attributeClass is null || attributeClass.ContainingNamespace?.ToDisplayString() != RuntimeNamespace)
            {
                return false;
            }

            switch (attributeClass.Name)
            {
                case "GetAttribute": kind = HttpMethodKind.Get; return true;
                case "PostAttribute": kind = HttpMethodKind.Post; return true;
                case "PutAttribute": kind = HttpMethodKind.Put; return true;
                case "PatchAttribute": kind = HttpMethodKind.Patch; return true;
                case "DeleteAttribute": kind = HttpMethodKind.Delete; return true;
                case "HeadAttribute": kind = HttpMethodKind.Head; return true;
                default: return false;
            }
        }

        private static string AttributeName(AttributeData attribute)
        {
            string name = attribute.AttributeClass?.Name ?? "?";
            return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }

        private static bool TryClassifyValue(ITypeSymbol type, out ValueKind kind, out bool nullableValueType)
        {
            kind = ValueKind.None;
            nullableValueType = false;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
                nullableValueType = true;
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                    kind = ValueKind.String;
                    return true;
                case SpecialType.System_Boolean:
                case SpecialType.System_Char:
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                    kind = ValueKind.Formatted;
                    return true;
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                kind = ValueKind.Enum;
                return true;
            }

            if (type.ContainingNamespace?.ToDisplayString() == "System" && type.ContainingType is null
                && type.Name is "Guid" or "DateTime" or "DateTimeOffset" or "DateOnly" or "TimeOnly" or "TimeSpan")
            {
                kind = ValueKind.Formatted;
                return true;
            }

            return false;
        }

        private static bool TryGetElementType(ITypeSymbol type, out ITypeSymbol? element)
        {
            element = null;
            if (type is IArrayTypeSymbol array)
            {
                element = array.Rank == 1 ? array.ElementType : null;
                return element is not null;
            }

            if (type.SpecialType == SpecialType.System_String)
            {
                return false;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T } enumerable)
            {
                element = enumerable.TypeArguments[0];
                return true;
            }

            foreach (INamedTypeSymbol candidate in type.AllInterfaces)
            {
                if (candidate.OriginalDefinition.SpecialType != SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    continue;
                }

                if (element is not null && !SymbolEqualityComparer.Default.Equals(element, candidate.TypeArguments[0]))
                {
                    element = null;
                    return false;
                }

                element = candidate.TypeArguments[0];
            }

            return element is not null;
        }

        private static bool IsSerializable(ITypeSymbol type) =>
            type.TypeKind is not (TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.TypeParameter or TypeKind.Error)
            && !type.IsRefLikeType
            && type.SpecialType != SpecialType.System_Void;

        private static string? HeaderNameError(string name)
        {
            if (name.Length == 0)
            {
                return "it is empty";
            }

            foreach (char c in name)
            {
                bool token = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
                if (!token)
                {
                    return $"'{c}' is not allowed in a header name";
                }
            }

            return null;
        }

        private static string Describe(ParameterKind kind, string parameterName) => kind switch
        {
            ParameterKind.Path => $"the path placeholder '{{{parameterName}}}'",
            ParameterKind.Query => "[Query]",
            ParameterKind.Form => "[Form]",
            ParameterKind.Header => "[Header]",
            _ => "[Body]",
        };

        private static bool IsType(ITypeSymbol type, string ns, string name) =>
            type.Name == name && type.ContainingType is null && type.ContainingNamespace?.ToDisplayString() == ns;

        private static bool DerivesFrom(ITypeSymbol type, string ns, string name)
        {
            for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (IsType(current, ns, name))
                {
                    return true;
                }
            }

            return false;
        }

        private static string EscapeIdentifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

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

        private void Report(DiagnosticDescriptor descriptor, Location location, params string[] arguments) =>
            _diagnostics.Add(new DiagnosticInfo(descriptor, location, new EquatableArray<string>(arguments)));
    }
}
