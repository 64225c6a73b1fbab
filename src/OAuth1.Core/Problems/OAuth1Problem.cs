using System.Collections.ObjectModel;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OAuth1;

/// <summary>
/// A provider's explanation of a refused request, per the OAuth Problem Reporting extension: <c>oauth_problem</c>
/// (<c>signature_invalid</c>, <c>timestamp_refused</c>, <c>nonce_used</c>, <c>token_expired</c>, ...) with
/// <c>oauth_problem_advice</c> and the other fields of the report, the status of the answer and the start of its body.
/// </summary>
/// <remarks>
/// <para>
/// Token endpoints (<see cref="OAuth1ProblemException.ProblemReport"/>), generated clients
/// (<see cref="OAuth1ApiException.ProblemReport"/>) and OAuth1.Refit read it the same way: from the
/// <c>WWW-Authenticate: OAuth ...</c> challenges of the answer and from its body, form-encoded or a JSON object. Where
/// both name a field, the header wins.
/// </para>
/// <para>
/// Values are decoded. Secrets are left out: the <c>oauth_token_secret</c> and <c>oauth_signature</c> fields are not
/// kept, and any secret the caller knows (and any <c>oauth_signature=...</c> quoted in a value or in the body) is
/// replaced by <c>(hidden)</c>. <see cref="ToString"/> gives the problem code only.
/// </para>
/// </remarks>
public sealed class OAuth1Problem
{
    /// <summary>The most bytes (as UTF-8) of <see cref="BodyExcerpt"/>.</summary>
    public const int MaxBodyExcerptBytes = ResponseExcerpt.MaxBytes;

    private const string ParametersAbsentName = "oauth_parameters_absent";
    private const string ParametersRejectedName = "oauth_parameters_rejected";
    private const string AcceptableTimestampsName = "oauth_acceptable_timestamps";
    private const string AcceptableVersionsName = "oauth_acceptable_versions";

    /// <summary>
    /// Creates a report from its parts (for tests and custom clients). The fields go through the same rules as a report
    /// read from an answer: only <c>oauth_*</c> fields are kept, the secret ones left out, the excerpt bounded.
    /// </summary>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="parameters">The <c>oauth_*</c> fields of the report, decoded; the first of two with one name counts.</param>
    /// <param name="bodyExcerpt">The body of the answer, if any; cut to <see cref="MaxBodyExcerptBytes"/> bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> has no non-empty <c>oauth_problem</c>.</exception>
    public OAuth1Problem(HttpStatusCode statusCode, IEnumerable<KeyValuePair<string, string>> parameters, string? bodyExcerpt = null)
        : this(
            statusCode,
            OAuth1ProblemReader.Clean(parameters ?? throw new ArgumentNullException(nameof(parameters)), new SecretRedactor()),
            ResponseExcerpt.Create(Encoding.UTF8.GetBytes(bodyExcerpt ?? string.Empty), bodyWasCut: false, new SecretRedactor()))
    {
    }

    /// <summary>Creates a report from fields the reader already cleaned.</summary>
    internal OAuth1Problem(HttpStatusCode statusCode, Dictionary<string, string> parameters, ResponseExcerpt excerpt)
    {
        if (!parameters.TryGetValue(OAuth1Parameters.Problem, out string? problem) || problem.Length == 0)
        {
            throw new ArgumentException("A problem report needs a non-empty oauth_problem.", nameof(parameters));
        }

        StatusCode = statusCode;
        Problem = problem;
        Parameters = new ReadOnlyDictionary<string, string>(parameters);
        BodyExcerpt = excerpt.Text;
        IsBodyExcerptTruncated = excerpt.IsTruncated;
        ParametersAbsent = Names(Find(ParametersAbsentName));
        ParametersRejected = Names(Find(ParametersRejectedName));
    }

    /// <summary>The <c>oauth_problem</c> code, e.g. <c>signature_invalid</c>, <c>timestamp_refused</c> or <c>token_expired</c>.</summary>
    public string Problem { get; }

    /// <summary>The <c>oauth_problem_advice</c> text, for people, when the provider sent one.</summary>
    public string? Advice => Find(OAuth1Parameters.ProblemAdvice);

    /// <summary>The names in <c>oauth_parameters_absent</c>: the parameters the provider expected and did not get.</summary>
    public IReadOnlyList<string> ParametersAbsent { get; }

    /// <summary>
    /// The names in <c>oauth_parameters_rejected</c>: the parameters the provider recognised and refused (their values
    /// are in <see cref="Parameters"/>).
    /// </summary>
    public IReadOnlyList<string> ParametersRejected { get; }

    /// <summary>The <c>oauth_acceptable_timestamps</c> range (<c>min-max</c>, seconds since 1970), sent with <c>timestamp_refused</c>.</summary>
    public string? AcceptableTimestamps => Find(AcceptableTimestampsName);

    /// <summary>The <c>oauth_acceptable_versions</c> range (<c>min-max</c>), sent with <c>version_rejected</c>.</summary>
    public string? AcceptableVersions => Find(AcceptableVersionsName);

    /// <summary>Every <c>oauth_*</c> field of the report, decoded, <c>oauth_problem</c> included; keys as on the wire.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>
    /// The start of the body of the answer, at most <see cref="MaxBodyExcerptBytes"/> bytes as UTF-8, never cut inside a
    /// character, secrets replaced by <c>(hidden)</c>; empty when the body was.
    /// </summary>
    public string BodyExcerpt { get; }

    /// <summary>Whether the body was longer than <see cref="BodyExcerpt"/>.</summary>
    public bool IsBodyExcerptTruncated { get; }

    /// <summary>
    /// Reads the problem report of an answer whose body was already read as text (as Refit's <c>ApiException</c> holds
    /// it): the <c>oauth_*</c> fields of its <c>WWW-Authenticate: OAuth</c> challenges and of its body, form-encoded
    /// or a JSON object; the header wins where both name a field.
    /// </summary>
    /// <param name="statusCode">The status of the answer.</param>
    /// <param name="headers">The response headers, for <c>WWW-Authenticate</c>; <see langword="null"/> for none.</param>
    /// <param name="contentHeaders">The content headers, for the Content-Type; <see langword="null"/> for none.</param>
    /// <param name="content">The body as text; <see langword="null"/> for none.</param>
    /// <param name="sentRequest">
    /// The request that was answered, if known: the signature it carried (and, for <c>PLAINTEXT</c>, the secrets it is
    /// made of) is hidden wherever the answer quotes it.
    /// </param>
    /// <returns>The report, or <see langword="null"/> when the answer has no non-empty <c>oauth_problem</c>.</returns>
    public static OAuth1Problem? Parse(
        HttpStatusCode statusCode,
        HttpResponseHeaders? headers,
        HttpContentHeaders? contentHeaders,
        string? content,
        HttpRequestMessage? sentRequest = null) =>
        OAuth1ProblemReader.Read(statusCode, headers, contentHeaders?.ContentType, content, SecretRedactor.ForSentRequest(sentRequest));

    /// <summary>The problem code for messages: at most 64 characters, letters, digits, <c>_</c> and <c>-</c> (others become <c>?</c>).</summary>
    internal string SafeProblem
    {
        get
        {
            var code = new StringBuilder(Math.Min(Problem.Length, 64));
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

    /// <summary>The problem code (not the advice, which may echo request values).</summary>
    /// <returns>A description such as <c>oauth_problem=timestamp_refused</c>.</returns>
    public override string ToString() => $"oauth_problem={SafeProblem}";

    private string? Find(string name) => Parameters.TryGetValue(name, out string? value) ? value : null;

    /// <summary>The names of a parameter list: percent-encoded entries separated by <c>&amp;</c>, each a name or <c>name=value</c>.</summary>
    private static ReadOnlyCollection<string> Names(string? list)
    {
        if (string.IsNullOrEmpty(list))
        {
            return ReadOnlyCollection<string>.Empty;
        }

        var names = new List<string>();
        foreach (string entry in list.Split('&', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = entry.IndexOf('=', StringComparison.Ordinal);
            string name = OAuth1PercentEncoding.Decode(eq < 0 ? entry : entry[..eq]);
            if (name.Length > 0 && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names.AsReadOnly();
    }
}
