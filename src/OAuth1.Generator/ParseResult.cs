using OAuth1.Generator.Model;

namespace OAuth1.Generator;

/// <summary>What parsing one interface gives: its model when it is valid, and its diagnostics.</summary>
internal sealed record ParseResult(ApiModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
