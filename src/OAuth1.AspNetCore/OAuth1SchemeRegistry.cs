namespace OAuth1.AspNetCore;

/// <summary>The names of the schemes registered with <c>AddOAuth1</c>, in order.</summary>
internal sealed class OAuth1SchemeRegistry
{
    public List<string> Names { get; } = [];

    public bool Contains(string name) => Names.Contains(name, StringComparer.Ordinal);
}
