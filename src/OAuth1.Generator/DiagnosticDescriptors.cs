using Microsoft.CodeAnalysis;

namespace OAuth1.Generator;

/// <summary>
/// Every diagnostic the generator reports. Each names the member at fault and is reported at its source location; each
/// has a description and a help link to its own section of <c>docs/diagnostics.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Where the help links point: one section (<c>#oa1001</c>, …) per diagnostic.</summary>
    public const string HelpLinkBase = "https://example.invalid/oauth1gen/blob/main/docs/diagnostics.md";

    private const string Category = "OAuth1.Generator";

    public static readonly DiagnosticDescriptor MissingHttpMethod = Error(
        "OA1001",
        "Method has no HTTP method attribute",
        "Method '{0}' has no HTTP method attribute: add [Get], [Post], [Put], [Patch], [Delete] or [Head] with its path",
        "Every method of an [OAuth1Api] interface describes one HTTP call, so it needs exactly one HTTP method attribute that gives the method and the relative path.");

    public static readonly DiagnosticDescriptor PlaceholderWithoutParameter = Error(
        "OA1002",
        "Path placeholder has no parameter",
        "The path of '{0}' has the placeholder '{{{1}}}', but '{0}' has no parameter named '{1}'",
        "A {name} placeholder in the path is filled from the parameter of that name (compared without case when no name matches exactly). Rename the placeholder or the parameter so that they match.");

    public static readonly DiagnosticDescriptor ParameterBoundTwice = Error(
        "OA1003",
        "Parameter is bound twice",
        "Parameter '{1}' of '{0}' is bound twice, as {2} and as {3}: bind each parameter once",
        "A parameter goes to one place in the request: a path placeholder, the query, a form field, a header or the body. Remove the extra attribute, or rename the placeholder.");

    public static readonly DiagnosticDescriptor UnboundParameter = Error(
        "OA1004",
        "Parameter is not bound",
        "Parameter '{1}' of '{0}' has no [Query], [Form], [Body] or [Header] attribute and matches no placeholder of the path '{2}'",
        "The generator does not guess where a parameter goes: mark it with [Query], [Form], [Body] or [Header], or name a path placeholder after it.");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "OA1005",
        "Unsupported return type",
        "'{0}' returns '{1}': a generated client method returns Task, Task<T> (JSON), Task<string>, Task<Stream> or Task<HttpResponseMessage>",
        "Generated methods are asynchronous and return Task (status checked, body ignored), Task<string>, Task<Stream>, Task<HttpResponseMessage> (returned as it is) or Task<T> for a JSON body.");

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Error(
        "OA1006",
        "Unsupported parameter type",
        "Parameter '{1}' of '{0}' has the type '{2}', which cannot be sent as {3}",
        "Path, query, form and header values are strings, bool, char, numbers, enums, Guid or date and time types (query, form and header values may also be collections of them); a CancellationToken is never bound; a [Body] is JSON-serialisable or an HttpContent.");

    public static readonly DiagnosticDescriptor GenericMethod = Error(
        "OA1007",
        "Generic method",
        "'{0}' is generic: generated client methods cannot have type parameters",
        "The generator writes each request at compile time and cannot write one for a type it does not know. Declare one method per concrete type.");

    public static readonly DiagnosticDescriptor ByRefParameter = Error(
        "OA1008",
        "Parameter passed by reference",
        "Parameter '{1}' of '{0}' is passed as '{2}': generated client methods take their parameters by value",
        "Generated methods are async, and async methods cannot take ref, out or in parameters. Pass the value itself.");

    public static readonly DiagnosticDescriptor MultipleBodies = Error(
        "OA1009",
        "More than one body",
        "'{0}' has more than one [Body] parameter ('{1}' and '{2}'): a request has one body",
        "An HTTP request carries one body. Put the values into one type and send that as the [Body].");

    public static readonly DiagnosticDescriptor BodyNotAllowed = Error(
        "OA1010",
        "Body on a request without body",
        "'{0}' is a {1} request, which has no body, but its parameter '{2}' is {3}",
        "GET and HEAD requests have no body, so they take no [Body] or [Form] parameter. Send the values as [Query] parameters, or use another HTTP method.");

    public static readonly DiagnosticDescriptor FormAndBody = Error(
        "OA1011",
        "Form fields and a JSON body",
        "'{0}' has both a form field ('{1}') and a [Body] parameter ('{2}'): a request has one body",
        "Form fields make the body an application/x-www-form-urlencoded form, so there is no room for a [Body] as well. Keep one of them.");

    public static readonly DiagnosticDescriptor InaccessibleInterface = Error(
        "OA1012",
        "Interface is not accessible to the generated client",
        "Interface '{0}' is {1}, so the generated class '{2}' cannot implement it: make the interface and its containing types public or internal",
        "The generated client is a class at namespace level, so it can implement only an interface that is visible from there: public or internal, in types that are public or internal.");

    public static readonly DiagnosticDescriptor InvalidBaseUrl = Error(
        "OA1013",
        "Invalid base URL",
        "The base URL '{1}' of '{0}' is not an absolute http or https URL without query or fragment",
        "The base URL of [OAuth1Api] is an absolute http or https URL with a host, without spaces, query or fragment. Leave it out to use HttpClient.BaseAddress.");

    public static readonly DiagnosticDescriptor MultipleHttpMethods = Error(
        "OA1014",
        "More than one HTTP method attribute",
        "Method '{0}' has more than one HTTP method attribute ([{1}] and [{2}]): keep one",
        "A method describes one HTTP call. Declare a second method for the second HTTP method.");

    public static readonly DiagnosticDescriptor InvalidPathTemplate = Error(
        "OA1015",
        "Invalid path template",
        "The path '{1}' of '{0}' is not a valid relative path template: {2}",
        "A path is relative to the base URL; it has no scheme, host or fragment, its braces pair up as {name} placeholders named like parameters, and it has no control character or unpaired surrogate.");

    public static readonly DiagnosticDescriptor UnsupportedMember = Error(
        "OA1016",
        "Unsupported interface member",
        "'{0}' is {1}: an [OAuth1Api] interface declares only instance methods, which the generated client implements",
        "The generated client implements instance methods only: it has nothing to return for a property, raise for an event or call for a static abstract member. Move those to another interface.");

    public static readonly DiagnosticDescriptor GenericInterface = Error(
        "OA1017",
        "Generic interface",
        "Interface '{0}' is generic or nested in a generic type: the generated client cannot implement it",
        "The generated client is a non-generic class that implements the interface, so the interface and its containing types cannot have type parameters.");

    public static readonly DiagnosticDescriptor InvalidJsonContext = Error(
        "OA1018",
        "Invalid JsonContext",
        "The JsonContext '{1}' of '{0}' does not derive from System.Text.Json.Serialization.JsonSerializerContext",
        "JsonContext names the System.Text.Json source-generated context that serialises bodies and results without reflection. Give a class that derives from JsonSerializerContext, or leave JsonContext out.");

    public static readonly DiagnosticDescriptor MultipleCancellationTokens = Error(
        "OA1019",
        "More than one CancellationToken",
        "'{0}' has more than one CancellationToken parameter ('{1}' and '{2}'): keep one",
        "The generated method passes one CancellationToken to the send and the reads; with two it would not know which one to use.");

    public static readonly DiagnosticDescriptor InvalidName = Error(
        "OA1020",
        "Invalid parameter name on the wire",
        "Parameter '{1}' of '{0}' has the {2} name '{3}', which is not valid: {4}",
        "A query or form name is not empty and is valid UTF-16 (no unpaired surrogate); a header name is an HTTP token (letters, digits and !#$%&'*+-.^_`|~).");

    public static readonly DiagnosticDescriptor MemberNamedOptions = Error(
        "OA1021",
        "Member named Options",
        "'{0}' is named Options, which the generated class '{1}' uses for its OAuth1Options property: rename the member",
        "The generated client exposes its credentials and signing options as a property named Options, and implements the interface's own members under their names, so an interface member named Options would clash with it. Rename the member.");

    private static DiagnosticDescriptor Error(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description, HelpLinkBase + "#" + id.ToLowerInvariant());
}
