namespace OAuth1.Generator;

/// <summary>Names of the pipeline steps, for incremental-caching tests.</summary>
internal static class TrackingNames
{
    public const string Parse = "OAuth1Api.Parse";
    public const string Model = "OAuth1Api.Model";
    public const string Diagnostics = "OAuth1Api.Diagnostics";
}
