using System.Text;

namespace OAuth1.Fuzz.Targets;

/// <summary>
/// <c>authorization-header</c>: the whole input, read as UTF-8, is an <c>Authorization</c> header value, given to
/// <see cref="OAuth1AuthorizationHeader.Parse"/> and <see cref="OAuth1AuthorizationHeader.ParseDecoded"/>.
/// </summary>
/// <remarks>
/// Contract: both give the parameters (the same names, in the same order), or both throw
/// <see cref="FormatException"/>. Allocation: at most 64 bytes per input byte + 4 KB (the text, one string per name and
/// value, their builders and the lists; the seeds take 20 to 35 bytes per byte).
/// </remarks>
public sealed class AuthorizationHeaderTarget : FuzzTarget
{
    /// <summary>Creates the target.</summary>
    public AuthorizationHeaderTarget()
        : base("authorization-header", bytesPerInputByte: 64, constantBytes: 4 * 1024, typeof(FormatException))
    {
    }

    /// <inheritdoc />
    protected override void Run(ReadOnlySpan<byte> input)
    {
        string header = Encoding.UTF8.GetString(input);
        IReadOnlyList<KeyValuePair<string, string>> sent;
        try
        {
            sent = OAuth1AuthorizationHeader.Parse(header);
        }
        catch (FormatException)
        {
            // The decoding parser must refuse the same header.
            try
            {
                OAuth1AuthorizationHeader.ParseDecoded(header);
            }
            catch (FormatException)
            {
                throw;
            }

            throw new FuzzContractException($"{Name}: Parse refused the header and ParseDecoded accepted it.");
        }

        IReadOnlyList<KeyValuePair<string, string>> decoded = OAuth1AuthorizationHeader.ParseDecoded(header);
        Check(decoded.Count == sent.Count, "ParseDecoded gave another number of parameters than Parse.");
        for (int i = 0; i < sent.Count; i++)
        {
            Check(string.Equals(sent[i].Key, decoded[i].Key, StringComparison.Ordinal), $"parameter {i + 1} has another name in ParseDecoded.");
            Check(decoded[i].Value.Length <= sent[i].Value.Length, $"the decoded value of parameter {i + 1} is longer than the value as sent.");
        }
    }
}
