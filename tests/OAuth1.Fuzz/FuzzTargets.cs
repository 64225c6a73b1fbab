using OAuth1.Fuzz.Targets;

namespace OAuth1.Fuzz;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    private static readonly Dictionary<string, Func<FuzzTarget>> Factories = new(StringComparer.Ordinal)
    {
        ["authorization-header"] = static () => new AuthorizationHeaderTarget(),
        ["form-urlencoded"] = static () => new FormUrlEncodingTarget(),
        ["token-response"] = static () => new TokenResponseTarget(),
        ["callback-url"] = static () => new CallbackUrlTarget(),
        ["request-verifier"] = static () => new RequestVerifierTarget(),
        ["callback-handler"] = static () => new CallbackHandlerTarget(),
        ["path-template"] = static () => new PathTemplateTarget(),
    };

    /// <summary>The names of the targets, in the order of the README.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>Creates the target named <paramref name="name"/>.</summary>
    /// <param name="name">The target's name.</param>
    /// <returns>A new target.</returns>
    /// <exception cref="ArgumentException">There is no such target.</exception>
    public static FuzzTarget Create(string name) =>
        Factories.TryGetValue(name, out var factory)
            ? factory()
            : throw new ArgumentException($"There is no fuzz target '{name}'; the targets are {string.Join(", ", Factories.Keys)}.", nameof(name));
}
