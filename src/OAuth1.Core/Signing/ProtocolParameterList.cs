using System.Buffers;

namespace OAuth1;

/// <summary>
/// The protocol parameters one request sends (RFC 5849 section 3.1), in the order they are written: <c>oauth_nonce</c>,
/// <c>oauth_timestamp</c>, <c>oauth_version</c>, <c>oauth_signature_method</c>, <c>oauth_consumer_key</c>,
/// <c>oauth_token</c>, <c>oauth_callback</c>, <c>oauth_verifier</c>, extra parameters, <c>oauth_body_hash</c>, and
/// last <c>oauth_signature</c> (the order oauthlib and Authlib use, so headers compare equal to theirs).
/// </summary>
internal struct ProtocolParameterList : IDisposable
{
    private KeyValuePair<string, string>[] _items;
    private int _count;

    public ProtocolParameterList()
    {
        _items = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(12);
        _count = 0;
    }

    public readonly int Count => _count;

    public readonly KeyValuePair<string, string> this[int index] => _items[index];

    public readonly ReadOnlySpan<KeyValuePair<string, string>> AsSpan() => _items.AsSpan(0, _count);

    public void Add(string name, string value)
    {
        if (_count == _items.Length)
        {
            var bigger = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, _count).CopyTo(bigger);
            ArrayPool<KeyValuePair<string, string>>.Shared.Return(_items, clearArray: true);
            _items = bigger;
        }

        _items[_count++] = new(name, value);
    }

    public readonly bool Contains(string name)
    {
        foreach (var pair in AsSpan())
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public readonly bool ContainsEncoded(ReadOnlySpan<byte> encodedName)
    {
        foreach (var pair in AsSpan())
        {
            if (System.Text.Ascii.Equals(encodedName, pair.Key))
            {
                return true;
            }
        }

        return false;
    }

    public readonly KeyValuePair<string, string>[] ToArray() => AsSpan().ToArray();

    public void Dispose()
    {
        if (_items is { Length: > 0 })
        {
            ArrayPool<KeyValuePair<string, string>>.Shared.Return(_items, clearArray: true);
        }

        _items = [];
        _count = 0;
    }
}
