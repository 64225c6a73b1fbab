using System.Collections.ObjectModel;
using System.Net.Http.Headers;

namespace OAuth1.Refit;

/// <summary>
/// A provider's explanation of a refused request, per the OAuth Problem Reporting extension: <c>oauth_problem</c>
/// (<c>signature_invalid</c>, <c>timestamp_refused</c>, <c>nonce_used</c>, <c>token_expired</c>, ...) with
/// <c>oauth_problem_advice</c> and any other <c>oauth_*</c> fields the provider sent
/// (<c>oauth_acceptable_timestamps</c>, <c>oauth_parameters_absent</c>, ...).
/// </summary>
/// <remarks>
/// Read from the <c>WWW-Authenticate: OAuth ...</c> response header, or from a form-encoded response body
/// (<c>oauth_problem=...&amp;oauth_problem_advice=...</c>, whatever its Content-Type, as providers label it
/// inconsistently); the header wins where both name a field.
/// </remarks>
public sealed class OAuth1ProblemReport
{
    private OAuth1ProblemReport(string problem, IReadOnlyDictionary<string, string> parameters)
    {
        Problem = problem;
        Parameters = parameters;
    }

    /// <summary>The <c>oauth_problem</c> value, e.g. <c>signature_invalid</c>.</summary>
    public string Problem { get; }

    /// <summary>The <c>oauth_problem_advice</c> value, a text for people, when the provider sent one.</summary>
    public string? Advice => Parameters.TryGetValue(OAuth1Parameters.ProblemAdvice, out string? advice) ? advice : null;

    /// <summary>Every <c>oauth_*</c> field of the report, decoded, <c>oauth_problem</c> included.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The problem code for messages: at most 64 characters of letters, digits, <c>_</c> and <c>-</c>.</summary>
    internal string SafeProblemCode
    {
        get
        {
            var code = new System.Text.StringBuilder(Math.Min(Problem.Length, 64));
            foreach (char c in Problem)
            {
                if (code.Length == 64)
                {
                    break;
                }

                code.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '?');
            }

            return code.ToString();
        }
    }

    /// <summary>Reads a problem report from a response's headers and body text.</summary>
    /// <param name="headers">The response headers (for <c>WWW-Authenticate</c>), if any.</param>
    /// <param name="content">The response body as text, if any.</param>
    /// <returns>The problem, or <see langword="null"/> when the response reports none.</returns>
    public static OAuth1ProblemReport? Parse(HttpResponseHeaders? headers, string? content)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        ReadBody(content, fields);
        if (headers is not null)
        {
            foreach (AuthenticationHeaderValue challenge in headers.WwwAuthenticate)
            {
                if (string.Equals(challenge.Scheme, "OAuth", StringComparison.OrdinalIgnoreCase) && challenge.Parameter is { Length: > 0 } parameter)
                {
                    ReadChallenge(parameter, fields);
                }
            }
        }

        return fields.TryGetValue(OAuth1Parameters.Problem, out string? problem) && problem.Length > 0
            ? new OAuth1ProblemReport(problem, new ReadOnlyDictionary<string, string>(fields))
            : null;
    }

    /// <summary>The problem code (not the advice, which may echo request values).</summary>
    /// <returns>A description such as <c>oauth_problem=timestamp_refused</c>.</returns>
    public override string ToString() => $"oauth_problem={SafeProblemCode}";

    private static void ReadBody(string? content, Dictionary<string, string> fields)
    {
        if (string.IsNullOrEmpty(content))
        {
            return;
        }

        string text = content.Trim();
        if (text.Length == 0 || text[0] is '{' or '[' or '<' || !text.Contains(OAuth1Parameters.Problem + "=", StringComparison.Ordinal))
        {
            return;
        }

        foreach (KeyValuePair<string, string> pair in FormUrlEncoding.Parse(text))
        {
            if (pair.Key.StartsWith("oauth_", StringComparison.Ordinal))
            {
                fields[pair.Key] = pair.Value;
            }
        }
    }

    /// <summary>Reads the <c>oauth_*</c> pairs of an <c>OAuth</c> challenge with the engine's header parser (values percent-decoded).</summary>
    private static void ReadChallenge(string parameter, Dictionary<string, string> fields)
    {
        IReadOnlyList<KeyValuePair<string, string>> pairs;
        try
        {
            pairs = OAuth1AuthorizationHeader.Parse(OAuth1AuthorizationHeader.Scheme + " " + parameter);
        }
        catch (FormatException)
        {
            // A malformed challenge adds nothing; the body may still carry the report.
            return;
        }

        foreach (var pair in pairs)
        {
            if (pair.Key.StartsWith("oauth_", StringComparison.Ordinal))
            {
                fields[pair.Key] = OAuth1PercentEncoding.Decode(pair.Value);
            }
        }
    }
}
