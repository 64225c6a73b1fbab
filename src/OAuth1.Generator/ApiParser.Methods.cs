using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OAuth1.Generator.Model;
using OAuth1.Generator.Rules;

namespace OAuth1.Generator;

/// <summary>Methods: the HTTP method attribute, the path template and its placeholders, the return type.</summary>
internal sealed partial class ApiParser
{
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
            if (!_known.TryGetHttpMethod(attribute.AttributeClass, out HttpMethodKind kind))
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

        if (http.AttributeConstructor is null || http.ConstructorArguments.Length != 1 || http.ConstructorArguments[0].Kind == TypedConstantKind.Error)
        {
            _hasCompilerErrors = true;
            return null;
        }

        Location templateLocation = FirstArgumentLocation(http, location);
        string template = http.ConstructorArguments[0].Value as string ?? string.Empty;
        RuleResult<PathTemplate> parsedTemplate = PathTemplate.Parse(template);
        if (parsedTemplate.Value is not { } pathTemplate)
        {
            Report(DiagnosticDescriptors.InvalidPathTemplate, templateLocation, display, template, parsedTemplate.Error!);
            return null;
        }

        // Placeholders bind parameters by name: an exact match first, else the one parameter equal ignoring case.
        var placeholderTargets = new Dictionary<string, int>(StringComparer.Ordinal);
        var boundByPlaceholder = new bool[method.Parameters.Length];
        foreach (TemplatePart part in pathTemplate.Parts)
        {
            if (!part.IsPlaceholder || placeholderTargets.ContainsKey(part.Text))
            {
                continue;
            }

            int index = FindParameter(method, part.Text);
            placeholderTargets[part.Text] = index;
            if (index < 0)
            {
                Report(DiagnosticDescriptors.PlaceholderWithoutParameter, templateLocation, display, part.Text);
            }
            else
            {
                boundByPlaceholder[index] = true;
            }
        }

        (ReturnKind Kind, string? ResultType, ResultNullability Nullability)? returns = ReadReturnType(method, display, location);
        List<ParameterModel> parameters = ReadParameters(method, display, template, httpMethod, boundByPlaceholder, location, out bool defaultsRepresentable);
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

        var path = new List<PathPart>(pathTemplate.Parts.Count);
        foreach (TemplatePart part in pathTemplate.Parts)
        {
            path.Add(new PathPart(part.IsPlaceholder, part.Text, part.IsPlaceholder ? placeholderTargets[part.Text] : -1));
        }

        return new MethodModel(
            EscapeIdentifier(method.Name),
            display,
            explicitInterfaceType,
            httpMethod,
            path.ToEquatableArray(),
            pathTemplate.QuerySeparator,
            returns.Value.Kind,
            method.ReturnType.ToDisplayString(TypeFormat),
            returns.Value.ResultType,
            returns.Value.Nullability,
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

        if (KnownSymbols.Is(type, _known.Task))
        {
            return (ReturnKind.None, null, ResultNullability.Accepts);
        }

        if (type is INamedTypeSymbol named && KnownSymbols.Is(named.OriginalDefinition, _known.TaskOfT))
        {
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

            if (KnownSymbols.Is(result, _known.Stream))
            {
                return (ReturnKind.Stream, null, ResultNullability.Accepts);
            }

            if (KnownSymbols.Is(result, _known.HttpResponseMessage))
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

    private static string AttributeName(AttributeData attribute)
    {
        string name = attribute.AttributeClass?.Name ?? "?";
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }

    private static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
