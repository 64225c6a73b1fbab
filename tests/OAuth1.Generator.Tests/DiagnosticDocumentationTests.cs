using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;

namespace OAuth1.Generator.Tests;

/// <summary>Every diagnostic explains itself: a description, and a help link to its own section of <c>docs/diagnostics.md</c>.</summary>
public sealed class DiagnosticDocumentationTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = [.. typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)];

    [Fact]
    public void Ids_RunFromOA1001WithoutGapsOrRepeats()
    {
        Assert.Equal(
            Enumerable.Range(1, Descriptors.Length).Select(i => $"OA{1000 + i}"),
            Descriptors.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryDescriptor_HasADescription_AndAHelpLinkToItsOwnSection()
    {
        string[] anchors = HeadingAnchors(ReadDiagnosticsDoc());
        foreach (DiagnosticDescriptor descriptor in Descriptors)
        {
            string description = descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(string.IsNullOrWhiteSpace(description), $"{descriptor.Id} has no description.");
            Assert.EndsWith(".", description, StringComparison.Ordinal);
            Assert.NotEqual(descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), description);

            string anchor = descriptor.Id.ToLowerInvariant();
            Assert.Equal($"https://example.invalid/oauth1gen/blob/main/docs/diagnostics.md#{anchor}", descriptor.HelpLinkUri);
            Assert.Contains(anchor, anchors);
        }
    }

    [Fact]
    public void EverySectionOfTheDoc_BelongsToADescriptor_InIdOrder()
    {
        string[] sections = [.. HeadingAnchors(ReadDiagnosticsDoc()).Where(anchor => anchor.StartsWith("oa", StringComparison.Ordinal))];

        Assert.Equal(Descriptors.Select(d => d.Id.ToLowerInvariant()).Order(StringComparer.Ordinal), sections);
    }

    /// <summary>The anchors GitHub gives the document's headings: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string[] HeadingAnchors(string markdown)
    {
        var anchors = new List<string>();
        bool inCode = false;
        foreach (string line in markdown.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }
            else if (!inCode && line.StartsWith('#'))
            {
                var anchor = new StringBuilder();
                foreach (char c in line.TrimStart('#').Trim().ToLowerInvariant())
                {
                    if (char.IsLetterOrDigit(c) || c is '-' or '_')
                    {
                        anchor.Append(c);
                    }
                    else if (c == ' ')
                    {
                        anchor.Append('-');
                    }
                }

                anchors.Add(anchor.ToString());
            }
        }

        return [.. anchors];
    }

    /// <summary>Reads <c>docs/diagnostics.md</c> of this checkout: the folder holding <c>OAuth1Gen.sln</c>, above the test assembly.</summary>
    private static string ReadDiagnosticsDoc()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OAuth1Gen.sln")))
            {
                return File.ReadAllText(Path.Combine(directory.FullName, "docs", "diagnostics.md"));
            }
        }

        throw new InvalidOperationException($"No OAuth1Gen.sln above {AppContext.BaseDirectory}.");
    }
}
