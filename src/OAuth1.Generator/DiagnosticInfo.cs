using Microsoft.CodeAnalysis;
using OAuth1.Generator.Model;

namespace OAuth1.Generator;

/// <summary>
/// A diagnostic to report, kept out of <see cref="ApiModel"/> so that the model stays cached when only positions
/// move. The location is a real source location (so <c>#pragma warning disable</c> applies); it compares equal while
/// its syntax tree is unchanged.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, Location? Location, EquatableArray<string> Arguments)
{
    public Diagnostic ToDiagnostic()
    {
        object?[] arguments = new object?[Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(Descriptor, Location, arguments);
    }
}
