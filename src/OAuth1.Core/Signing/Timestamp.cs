using System.Globalization;

namespace OAuth1;

/// <summary>
/// <c>oauth_timestamp</c> (RFC 5849 section 3.3): whole seconds since the Unix epoch from the caller's
/// <see cref="TimeProvider"/>, truncated, never rounded up. The text of the last second is reused.
/// </summary>
internal static class Timestamp
{
    private static Cached s_last = new(0, "0");

    public static string Now(TimeProvider clock)
    {
        long seconds = clock.GetUtcNow().ToUnixTimeSeconds();
        Cached last = s_last;
        if (last.Seconds == seconds)
        {
            return last.Text;
        }

        string text = seconds.ToString(CultureInfo.InvariantCulture);
        s_last = new Cached(seconds, text);
        return text;
    }

    private sealed record Cached(long Seconds, string Text);
}
