namespace OAuth1.Tests;

public class SmokeTests
{
    [Fact]
    public void Encodes_space_as_percent_20()
    {
        Assert.Equal("a%20b", OAuth1PercentEncoding.Encode("a b"));
    }
}
