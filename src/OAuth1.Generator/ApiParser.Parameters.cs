using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using OAuth1.Generator.Model;
using OAuth1.Generator.Rules;

namespace OAuth1.Generator;

/// <summary>Parameters: where each goes (path, query, form, header, body), its wire name, type and default value.</summary>
internal sealed partial class ApiParser
{
    private List<ParameterModel> ReadParameters(
        IMethodSymbol method,
        string display,
        string template,
        HttpMethodKind httpMethod,
        bool[] boundByPlaceholder,
        Location location,
        out bool defaultsRepresentable)
    {
        var parameters = new List<ParameterModel>();
        string? cancellationToken = null;
        defaultsRepresentable = true;
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

        return parameters;
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
            if (_known.BindingOf(attribute.AttributeClass) is not { } kind)
            {
                continue;
            }

            if (attribute.AttributeConstructor is null)
            {
                _hasCompilerErrors = true;
                return null;
            }

            bindings.Add((kind, attribute));
        }

        if (boundByPlaceholder)
        {
            bindings.Add((ParameterKind.Path, null));
        }

        string name = EscapeIdentifier(parameter.Name);
        string typeText = type.ToDisplayString(TypeFormat);
        if (KnownSymbols.Is(type, _known.CancellationToken))
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
            if (KnownSymbols.DerivesFrom(type, _known.HttpContent))
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

        string? wireName = ReadWireName(parameter, display, bindingKind, binding, location);
        return wireName is null
            ? null
            : new ParameterModel(name, typeText, bindingKind, wireName, valueKind, nullableValueType, isCollection, null, false);
    }

    /// <summary>The name on the wire: the attribute's argument, else the parameter's name; <see langword="null"/> when it is reported.</summary>
    private string? ReadWireName(IParameterSymbol parameter, string display, ParameterKind kind, AttributeData? binding, Location location)
    {
        string declared = parameter.Name;
        if (binding is not null && binding.ConstructorArguments.Length == 1)
        {
            if (binding.ConstructorArguments[0].Kind == TypedConstantKind.Error)
            {
                _hasCompilerErrors = true;
                return null;
            }

            declared = binding.ConstructorArguments[0].Value as string ?? string.Empty;
        }

        (RuleResult<string> result, string kindName) = kind switch
        {
            ParameterKind.Path => (RuleResult<string>.Success(declared), "path"),
            ParameterKind.Header => (WireNames.Header(declared), "header"),
            ParameterKind.Form => (WireNames.Form(declared), "form field"),
            _ => (WireNames.Query(declared), "query"),
        };
        if (result.Error is not null)
        {
            Report(DiagnosticDescriptors.InvalidName, location, display, parameter.Name, kindName, declared, result.Error);
        }

        return result.Value;
    }

    /// <summary>The default value as C# source, or <see langword="null"/> when there is none or it cannot be written.</summary>
    private static string? DefaultValueOf(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        ITypeSymbol type = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : parameter.Type;
        return DefaultValueLiteral.Write(parameter.ExplicitDefaultValue, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), type.TypeKind == TypeKind.Enum);
    }

    private bool TryClassifyValue(ITypeSymbol type, out ValueKind kind, out bool nullableValueType)
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

        if (_known.IsFormattedFrameworkType(type))
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

    private static string Describe(ParameterKind kind, string parameterName) => kind switch
    {
        ParameterKind.Path => $"the path placeholder '{{{parameterName}}}'",
        ParameterKind.Query => "[Query]",
        ParameterKind.Form => "[Form]",
        ParameterKind.Header => "[Header]",
        _ => "[Body]",
    };
}
