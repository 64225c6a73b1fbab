using System;

namespace OAuth1.Generator.Rules;

/// <summary>The base URL of <c>[OAuth1Api("…")]</c>.</summary>
internal static class BaseUrl
{
    /// <summary>
    /// The base URL ending with <c>/</c> (so that relative paths keep its path), or <see langword="null"/> when it is not
    /// an absolute http or https URL with a host and without surrounding spaces, query or fragment. Total: never throws.
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text) || text!.Trim().Length != text.Length || text.IndexOf('?') >= 0 || text.IndexOf('#') >= 0
            || TextRules.CharacterError(text, allowControl: false) is not null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "http" && uri.Scheme != "https") || uri.Host.Length == 0)
        {
            return null;
        }

        return text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/";
    }
}
