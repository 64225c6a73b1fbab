using System.Text;

namespace OAuth1;

/// <summary>A signature method defined by a delegate (see <see cref="OAuth1SignatureMethod.Create"/>).</summary>
internal sealed class CustomSignatureMethod : OAuth1SignatureMethod
{
    private readonly Func<string, string, string, string> _sign;

    public CustomSignatureMethod(string name, Func<string, string, string, string> sign)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(sign);
        _sign = sign;
    }

    public override string Sign(ReadOnlySpan<byte> baseString, string consumerSecret, string tokenSecret) =>
        _sign(Encoding.ASCII.GetString(baseString), consumerSecret ?? string.Empty, tokenSecret ?? string.Empty)
        ?? throw new InvalidOperationException($"The custom signature method '{Name}' returned null.");
}
