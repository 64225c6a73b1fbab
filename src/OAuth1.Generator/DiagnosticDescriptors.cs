using Microsoft.CodeAnalysis;

namespace OAuth1.Generator;

/// <summary>Every diagnostic the generator reports. Each names the member at fault and is reported at its source location.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "OAuth1.Generator";

    public static readonly DiagnosticDescriptor MissingHttpMethod = Error(
        "OA1001",
        "Method has no HTTP method attribute",
        "Method '{0}' has no HTTP method attribute: add [Get], [Post], [Put], [Patch], [Delete] or [Head] with its path");

    public static readonly DiagnosticDescriptor PlaceholderWithoutParameter = Error(
        "OA1002",
        "Path placeholder has no parameter",
        "The path of '{0}' has the placeholder '{{{1}}}', but '{0}' has no parameter named '{1}'");

    public static readonly DiagnosticDescriptor ParameterBoundTwice = Error(
        "OA1003",
        "Parameter is bound twice",
        "Parameter '{1}' of '{0}' is bound twice, as {2} and as {3}: bind each parameter once");

    public static readonly DiagnosticDescriptor UnboundParameter = Error(
        "OA1004",
        "Parameter is not bound",
        "Parameter '{1}' of '{0}' has no [Query], [Form], [Body] or [Header] attribute and matches no placeholder of the path '{2}'");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "OA1005",
        "Unsupported return type",
        "'{0}' returns '{1}': a generated client method returns Task, Task<T> (JSON), Task<string>, Task<Stream> or Task<HttpResponseMessage>");

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Error(
        "OA1006",
        "Unsupported parameter type",
        "Parameter '{1}' of '{0}' has the type '{2}', which cannot be sent as {3}");

    public static readonly DiagnosticDescriptor GenericMethod = Error(
        "OA1007",
        "Generic method",
        "'{0}' is generic: generated client methods cannot have type parameters");

    public static readonly DiagnosticDescriptor ByRefParameter = Error(
        "OA1008",
        "Parameter passed by reference",
        "Parameter '{1}' of '{0}' is passed as '{2}': generated client methods take their parameters by value");

    public static readonly DiagnosticDescriptor MultipleBodies = Error(
        "OA1009",
        "More than one body",
        "'{0}' has more than one [Body] parameter ('{1}' and '{2}'): a request has one body");

    public static readonly DiagnosticDescriptor BodyNotAllowed = Error(
        "OA1010",
        "Body on a request without body",
        "'{0}' is a {1} request, which has no body, but its parameter '{2}' is {3}");

    public static readonly DiagnosticDescriptor FormAndBody = Error(
        "OA1011",
        "Form fields and a JSON body",
        "'{0}' has both a form field ('{1}') and a [Body] parameter ('{2}'): a request has one body");

    public static readonly DiagnosticDescriptor InaccessibleInterface = Error(
        "OA1012",
        "Interface is not accessible to the generated client",
        "Interface '{0}' is {1}, so the generated class '{2}' cannot implement it: make the interface and its containing types public or internal");

    public static readonly DiagnosticDescriptor InvalidBaseUrl = Error(
        "OA1013",
        "Invalid base URL",
        "The base URL '{1}' of '{0}' is not an absolute http or https URL without query or fragment");

    public static readonly DiagnosticDescriptor MultipleHttpMethods = Error(
        "OA1014",
        "More than one HTTP method attribute",
        "Method '{0}' has more than one HTTP method attribute ([{1}] and [{2}]): keep one");

    public static readonly DiagnosticDescriptor InvalidPathTemplate = Error(
        "OA1015",
        "Invalid path template",
        "The path '{1}' of '{0}' is not a valid relative path template: {2}");

    public static readonly DiagnosticDescriptor UnsupportedMember = Error(
        "OA1016",
        "Unsupported interface member",
        "'{0}' is {1}: an [OAuth1Api] interface declares only instance methods, which the generated client implements");

    public static readonly DiagnosticDescriptor GenericInterface = Error(
        "OA1017",
        "Generic interface",
        "Interface '{0}' is generic or nested in a generic type: the generated client cannot implement it");

    public static readonly DiagnosticDescriptor InvalidJsonContext = Error(
        "OA1018",
        "Invalid JsonContext",
        "The JsonContext '{1}' of '{0}' does not derive from System.Text.Json.Serialization.JsonSerializerContext");

    public static readonly DiagnosticDescriptor MultipleCancellationTokens = Error(
        "OA1019",
        "More than one CancellationToken",
        "'{0}' has more than one CancellationToken parameter ('{1}' and '{2}'): keep one");

    public static readonly DiagnosticDescriptor InvalidName = Error(
        "OA1020",
        "Invalid parameter name on the wire",
        "Parameter '{1}' of '{0}' has the {2} name '{3}', which is not valid: {4}");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
