using CsCheck;

namespace OAuth1.Tests.Engine;

/// <summary>Property tests over arbitrary Unicode for percent-encoding (3.6) and normalisation order (3.4.1.3.2).</summary>
public class EncodingPropertyTests
{
    private static readonly Gen<string> UnicodeText = Gen.String[Gen.Char.Where(c => !char.IsSurrogate(c)), 0, 40]
        .Select(Gen.Int[0, 3], (s, n) => n == 0 ? s + "😀𝄞" : s);

    private static readonly Gen<KeyValuePair<string, string>> Parameter =
        Gen.Select(UnicodeText.Where(s => s.Length > 0), UnicodeText, (k, v) => new KeyValuePair<string, string>(k, v));

    [Fact]
    public void Decoding_an_encoded_value_gives_it_back() =>
        UnicodeText.Sample(s => OAuth1PercentEncoding.Decode(OAuth1PercentEncoding.Encode(s)) == s, iter: 2000);

    [Fact]
    public void Encoded_values_hold_only_unreserved_characters_and_upper_case_escapes() =>
        UnicodeText.Sample(s => System.Text.RegularExpressions.Regex.IsMatch(OAuth1PercentEncoding.Encode(s), "^([A-Za-z0-9._~-]|%[0-9A-F]{2})*$"), iter: 2000);

    [Fact]
    public void Encoding_agrees_with_an_independent_rfc_3986_encoder() =>
        UnicodeText.Sample(s => OAuth1PercentEncoding.Encode(s) == Uri.EscapeDataString(s), iter: 2000);

    [Fact]
    public void Form_data_round_trips() =>
        Parameter.List[0, 8].Sample(pairs => FormUrlEncoding.Parse(FormUrlEncoding.Format(pairs)).SequenceEqual(pairs), iter: 1000);

    [Fact]
    public void Normalisation_does_not_depend_on_the_order_parameters_come_in() =>
        Gen.Select(Parameter.List[0, 10], Gen.Int, (list, seed) => (list, seed)).Sample(t =>
        {
            var shuffled = t.list.OrderBy(_ => new Random(t.seed).Next()).ToList();
            return OAuth1SignatureBaseString.NormalizeParameters(t.list) == OAuth1SignatureBaseString.NormalizeParameters(shuffled);
        }, iter: 1000);

    [Fact]
    public void Normalised_parameters_are_in_ordinal_order_of_encoded_name_then_value() =>
        Parameter.List[0, 10].Sample(list =>
        {
            string normalized = OAuth1SignatureBaseString.NormalizeParameters(list);
            var pairs = normalized.Length == 0 ? [] : normalized.Split('&').Select(p => p.Split('=')).ToList();
            for (int i = 1; i < pairs.Count; i++)
            {
                int byName = string.CompareOrdinal(pairs[i - 1][0], pairs[i][0]);
                if (byName > 0 || (byName == 0 && string.CompareOrdinal(pairs[i - 1][1], pairs[i][1]) > 0))
                {
                    return false;
                }
            }

            return pairs.Count == list.Count;
        }, iter: 1000);
}
