namespace OAuth1;

/// <summary>
/// The base of the attributes that give an <see cref="OAuth1ApiAttribute"/> interface method its HTTP method and
/// relative path. A <c>{name}</c> placeholder in the path is bound to the parameter of that name (compared without
/// case) and its value is escaped as one path segment.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public abstract class OAuth1HttpMethodAttribute : Attribute
{
    /// <summary>Initialises the attribute.</summary>
    /// <param name="method">The HTTP method, such as <c>GET</c>.</param>
    /// <param name="path">The path relative to the API's base URL, with <c>{name}</c> placeholders; it may carry a fixed query.</param>
    protected OAuth1HttpMethodAttribute(string method, string path)
    {
        Method = method;
        Path = path;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The relative path template.</summary>
    public string Path { get; }
}

/// <summary>An HTTP <c>GET</c> call (no body).</summary>
public sealed class GetAttribute : OAuth1HttpMethodAttribute
{
    /// <summary>Declares a <c>GET</c> call.</summary>
    /// <param name="path">The path relative to the API's base URL, with <c>{name}</c> placeholders.</param>
    public GetAttribute(string path)
        : base("GET", path)
    {
    }
}

/// <summary>An HTTP <c>POST</c> call.</summary>
public sealed class PostAttribute : OAuth1HttpMethodAttribute
{
    /// <summary>Declares a <c>POST</c> call.</summary>
    /// <param name="path">The path relative to the API's base URL, with <c>{name}</c> placeholders.</param>
    public PostAttribute(string path)
        : base("POST", path)
    {
    }
}

/// <summary>An HTTP <c>PUT</c> call.</summary>
public sealed class PutAttribute : OAuth1HttpMethodAttribute
{
    /// <summary>Declares a <c>PUT</c> call.</summary>
    /// <param name="path">The path relative to the API's base URL, with <c>{name}</c> placeholders.</param>
    public PutAttribute(string path)
        : base("PUT", path)
    {
    }
}

/// <summary>An HTTP <c>PATCH</c> call.</summary>
public sealed class PatchAttribute : OAuth1HttpMethodAttribute
{
    /// <summary>Declares a <c>PATCH</c> call.</summary>
    /// <param name="path">The path relative to the API's base URL, with <c>{name}</c> placeholders.</param>
    public PatchAttribute(string path)
        : base("PATCH", path)
    {
    }
}

/// <summary>An HTTP <c>DELETE</c> call.</summary>
public sealed class DeleteAttribute : OAuth1HttpMethodAttribute
{
    /// <summary>Declares a <c>DELETE</c> call.</summary>
    /// <param name="path">The path relative to the API's base URL, with <c>{name}</c> placeholders.</param>
    public DeleteAttribute(string path)
        : base("DELETE", path)
    {
    }
}

/// <summary>An HTTP <c>HEAD</c> call (no body).</summary>
public sealed class HeadAttribute : OAuth1HttpMethodAttribute
{
    /// <summary>Declares a <c>HEAD</c> call.</summary>
    /// <param name="path">The path relative to the API's base URL, with <c>{name}</c> placeholders.</param>
    public HeadAttribute(string path)
        : base("HEAD", path)
    {
    }
}
