using System.Text.Json;

namespace OAuth1.Tests.Support;

/// <summary>One case of Vectors/public-vectors.json (computed by oauthlib, Authlib and requests-oauthlib).</summary>
public sealed record VectorCase(JsonElement Json)
{
    public string Id => Json.GetProperty("id").GetString()!;

    public string Kind => Json.GetProperty("kind").GetString()!;

    public string? this[string name] =>
        Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public List<KeyValuePair<string, string>> Pairs(string name) =>
        Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(p => new KeyValuePair<string, string>(p[0].GetString()!, p[1].GetString()!)).ToList()
            : [];

    public override string ToString() => Id;
}

/// <summary>Loads the public vectors from the repository's copy (see Vectors/README.md for their provenance).</summary>
public static class PublicVectors
{
    private static readonly Lazy<IReadOnlyList<VectorCase>> All = new(Load);

    /// <summary>The repository's copy (tests/OAuth1.Core.Tests/Vectors), copied beside the test assembly by the project file.</summary>
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "Vectors", "public-vectors.json");

    public static IEnumerable<object[]> OfKind(params string[] kinds) =>
        All.Value.Where(c => kinds.Contains(c.Kind)).Select(c => new object[] { c.Id });

    public static VectorCase Get(string id) => All.Value.Single(c => c.Id == id);

    public static IReadOnlyList<VectorCase> Cases => All.Value;

    private static IReadOnlyList<VectorCase> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FilePath));
        return document.RootElement.EnumerateArray().Select(e => new VectorCase(e.Clone())).ToList();
    }
}
