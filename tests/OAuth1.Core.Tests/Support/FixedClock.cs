using Microsoft.Extensions.Time.Testing;

namespace OAuth1.Tests.Support;

public static class FixedClock
{
    public static FakeTimeProvider At(long unixSeconds) => new(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
}
