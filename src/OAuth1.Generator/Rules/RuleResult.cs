namespace OAuth1.Generator.Rules;

/// <summary>What a rule gives for one input: a value, or the reason the input is invalid (never both, never an exception).</summary>
/// <typeparam name="T">The value's type.</typeparam>
internal readonly struct RuleResult<T>
    where T : class
{
    private RuleResult(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value; <see langword="null"/> when the input is invalid.</summary>
    public T? Value { get; }

    /// <summary>Why the input is invalid, as the end of a diagnostic message; <see langword="null"/> when it is valid.</summary>
    public string? Error { get; }

    /// <summary>A valid input's value.</summary>
    public static RuleResult<T> Success(T value) => new(value, null);

    /// <summary>An invalid input, with the reason.</summary>
    public static RuleResult<T> Failure(string error) => new(null, error);
}
