using System.Runtime.CompilerServices;
using OAuth1Gen.Provider;

namespace OAuth1.TestSupport;

/// <summary>
/// The test-only behaviour of a sample-provider client and the test paths of a <see cref="TestProvider"/>, as
/// extension members: <c>consumer.Behavior</c>, <c>consumer.Gate</c>, <c>provider.HoldUrl</c>. The sample provider
/// knows nothing of them; a <see cref="TestProvider"/> reads them for each request.
/// </summary>
public static class ProviderConsumerFaults
{
    private static readonly ConditionalWeakTable<ProviderConsumer, Faults> Table = new();

    extension(ProviderConsumer consumer)
    {
        /// <summary>How this client's token endpoints answer on a <see cref="TestProvider"/>; <see cref="TokenEndpointBehavior.Normal"/> by default.</summary>
        public TokenEndpointBehavior Behavior
        {
            get => Table.GetOrCreateValue(consumer).Behavior;
            set => Table.GetOrCreateValue(consumer).Behavior = value;
        }

        /// <summary>Holds this client's requests to <see cref="TestPaths.Hold"/> (and its token requests under <see cref="TokenEndpointBehavior.Hold"/>).</summary>
        public ResponseGate Gate => Table.GetOrCreateValue(consumer).Gate;
    }

    extension(EmbeddedProvider provider)
    {
        /// <summary>The held resource of a <see cref="TestProvider"/> (see <see cref="TestPaths.Hold"/>).</summary>
        public string HoldUrl => provider.Url(TestPaths.Hold);
    }

    private sealed class Faults
    {
        public TokenEndpointBehavior Behavior { get; set; }

        public ResponseGate Gate { get; } = new();
    }
}

/// <summary>The paths a <see cref="TestProvider"/> serves beside the sample provider's <see cref="ProviderPaths"/>.</summary>
public static class TestPaths
{
    /// <summary>Protected, any method (an access token or two-legged): held until the signing client's gate is released, then <c>{"released":true}</c>.</summary>
    public const string Hold = "api/hold";
}
