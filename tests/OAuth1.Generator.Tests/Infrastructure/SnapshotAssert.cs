using System.Runtime.CompilerServices;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace OAuth1.Generator.Tests.Infrastructure;

/// <summary>
/// Compares text with <c>Snapshots/{name}.verified.cs</c>. On a difference (or a missing snapshot) it writes
/// <c>{name}.received.cs</c> beside it and fails with a line diff; accept a change by renaming received to verified.
/// </summary>
internal static class SnapshotAssert
{
    private static readonly string GeneratorVersion = typeof(OAuth1ApiGenerator).Assembly.GetName().Version!.ToString();

    /// <summary>Replaces the generator's version, so that a version bump does not touch every snapshot.</summary>
    public static string Scrub(string text) =>
        text.Replace($"\"OAuth1.Generator\", \"{GeneratorVersion}\"", "\"OAuth1.Generator\", \"{version}\"", StringComparison.Ordinal);

    public static void Matches(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        string directory = Path.Combine(FindProjectDirectory(callerFile), "Snapshots");
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        string received = Scrub(actual).ReplaceLineEndings("\n");
        string? verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).ReplaceLineEndings("\n") : null;
        if (verified == received)
        {
            if (File.Exists(receivedPath))
            {
                File.Delete(receivedPath);
            }

            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, received);
        if (verified is null)
        {
            Assert.Fail($"No snapshot {verifiedPath}. The output was written to {receivedPath}; review it and rename it to accept it.");
        }

        DiffPaneModel diff = InlineDiffBuilder.Diff(verified, received);
        IEnumerable<string> lines = diff.Lines
            .Where(l => l.Type != ChangeType.Unchanged)
            .Take(60)
            .Select(l => (l.Type == ChangeType.Inserted ? "+ " : "- ") + l.Text);
        Assert.Fail($"The generated code differs from {verifiedPath} (written to {receivedPath}):\n{string.Join("\n", lines)}");
    }

    private static string FindProjectDirectory(string callerFile)
    {
        for (string? directory = Path.GetDirectoryName(callerFile); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "OAuth1.Generator.Tests.csproj")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException($"The test project directory is not above {callerFile}.");
    }
}
