namespace OAuth1;

/// <summary>
/// Sends a parameter in the query string: <c>name=value</c>, percent-encoded. A <see langword="null"/> value is left
/// out, each item of a collection is sent as its own <c>name=item</c>, and <see cref="bool"/>, numbers, dates, times,
/// <see cref="Guid"/> and enums are formatted with the invariant culture (<c>true</c>/<c>false</c>, ISO 8601 dates).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class QueryAttribute : Attribute
{
    /// <summary>Sends the parameter under its own name.</summary>
    public QueryAttribute()
    {
    }

    /// <summary>Sends the parameter under another name.</summary>
    /// <param name="name">The name on the wire, such as <c>screen_name</c>.</param>
    public QueryAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The name on the wire, or <see langword="null"/> for the parameter's own name.</summary>
    public string? Name { get; }
}

/// <summary>
/// Sends a parameter as a field of an <c>application/x-www-form-urlencoded</c> body (signed with the request, as RFC
/// 5849 section 3.4.1.3.1 requires). Values are formatted as for <see cref="QueryAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class FormAttribute : Attribute
{
    /// <summary>Sends the parameter under its own name.</summary>
    public FormAttribute()
    {
    }

    /// <summary>Sends the parameter under another name.</summary>
    /// <param name="name">The field name on the wire.</param>
    public FormAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The field name on the wire, or <see langword="null"/> for the parameter's own name.</summary>
    public string? Name { get; }
}

/// <summary>
/// Sends a parameter as the request body: serialised as JSON with System.Text.Json (through the interface's
/// <see cref="OAuth1ApiAttribute.JsonContext"/> when it names one), or sent as it is when it is an
/// <see cref="HttpContent"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class BodyAttribute : Attribute
{
}

/// <summary>
/// Sends a parameter as a request header. A <see langword="null"/> value is left out; values are formatted as for
/// <see cref="QueryAttribute"/>, and each item of a collection is a value of the header.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class HeaderAttribute : Attribute
{
    /// <summary>Sends the parameter as the header <paramref name="name"/>.</summary>
    /// <param name="name">The header name, such as <c>X-Request-Id</c>.</param>
    public HeaderAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The header name.</summary>
    public string Name { get; }
}
