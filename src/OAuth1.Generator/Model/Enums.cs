namespace OAuth1.Generator.Model;

/// <summary>The HTTP methods of the attributes.</summary>
internal enum HttpMethodKind
{
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
}

/// <summary>How a method's response is handled.</summary>
internal enum ReturnKind
{
    /// <summary><c>Task</c>: status checked, body ignored.</summary>
    None,

    /// <summary><c>Task&lt;T&gt;</c>: status checked, body read as JSON.</summary>
    Json,

    /// <summary><c>Task&lt;string&gt;</c>: status checked, body read as text.</summary>
    String,

    /// <summary><c>Task&lt;Stream&gt;</c>: status checked, body stream handed over.</summary>
    Stream,

    /// <summary><c>Task&lt;HttpResponseMessage&gt;</c>: returned as it is.</summary>
    Response,
}

/// <summary>What a JSON result does with a JSON <c>null</c>.</summary>
internal enum ResultNullability
{
    /// <summary>The result type accepts null (a nullable reference or a value type): returned as it is.</summary>
    Accepts,

    /// <summary>A non-nullable reference type: a JSON <c>null</c> throws.</summary>
    Rejects,

    /// <summary>A reference type declared where nullable annotations are off: returned as it is.</summary>
    Oblivious,
}

/// <summary>Where a parameter goes.</summary>
internal enum ParameterKind
{
    Path,
    Query,
    Form,
    Header,
    JsonBody,
    ContentBody,
    CancellationToken,
}

/// <summary>How a value is formatted as text.</summary>
internal enum ValueKind
{
    /// <summary>Not a text value (bodies and cancellation tokens).</summary>
    None,

    /// <summary>A string, sent as it is.</summary>
    String,

    /// <summary>An enum, through <c>FormatEnum</c>.</summary>
    Enum,

    /// <summary>Anything with a <c>Format</c> overload: bool, char, numbers, Guid, dates and times.</summary>
    Formatted,
}
