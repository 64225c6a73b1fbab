namespace OAuth1.Fuzz;

/// <summary>A clock that always says the same time, so that every run of an input takes the same path.</summary>
public sealed class FixedTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _now;

    /// <summary>Creates the clock.</summary>
    /// <param name="now">The time it says.</param>
    public FixedTimeProvider(DateTimeOffset now)
    {
        _now = now;
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now;
}
