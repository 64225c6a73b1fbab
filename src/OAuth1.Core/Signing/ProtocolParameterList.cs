using System.Buffers;
using System.Text;

namespace OAuth1;

/// <summary>
/// The protocol parameters of one signature, held percent-encoded (RFC 5849 section 3.6) in one pooled buffer, in
/// the order they are written (see <see cref="ProtocolParameters"/>). The base string, the <c>Authorization</c>
/// header and the query or form placement all read the encoded bytes from here, so a value such as the nonce, the
/// timestamp or the signature never needs a string of its own. The buffer may hold a secret (a PLAINTEXT signature),
/// so it is cleared before it goes back to the pool.
/// </summary>
internal struct ProtocolParameterList : IDisposable
{
    private PooledByteBuffer _bytes;
    private Entry[] _entries;
    private int _count;

    public ProtocolParameterList()
    {
        _bytes = new PooledByteBuffer(512);
        _entries = ArrayPool<Entry>.Shared.Rent(12);
        _count = 0;
    }

    public readonly int Count => _count;

    public readonly ReadOnlySpan<byte> EncodedNameAt(int index) => _bytes.Slice(_entries[index].NameStart, _entries[index].NameLength);

    public readonly ReadOnlySpan<byte> EncodedValueAt(int index) => _bytes.Slice(_entries[index].ValueStart, _entries[index].ValueLength);

    /// <summary>Adds a parameter, percent-encoding its name and value.</summary>
    public void Add(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        int nameStart = _bytes.Length;
        OAuth1PercentEncoding.AppendEncoded(ref _bytes, name);
        int valueStart = _bytes.Length;
        OAuth1PercentEncoding.AppendEncoded(ref _bytes, value);
        Push(nameStart, valueStart);
    }

    /// <summary>Adds a parameter whose value is given as UTF-8 bytes, percent-encoding both.</summary>
    public void Add(ReadOnlySpan<char> name, ReadOnlySpan<byte> utf8Value)
    {
        int nameStart = _bytes.Length;
        OAuth1PercentEncoding.AppendEncoded(ref _bytes, name);
        int valueStart = _bytes.Length;
        OAuth1PercentEncoding.AppendEncoded(ref _bytes, utf8Value);
        Push(nameStart, valueStart);
    }

    /// <summary>Whether a parameter with this (unencoded) name is in the list.</summary>
    public readonly bool Contains(string name)
    {
        for (int i = 0; i < _count; i++)
        {
            if (Ascii.Equals(EncodedNameAt(i), name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a parameter with this encoded name is in the list.</summary>
    public readonly bool ContainsEncoded(ReadOnlySpan<byte> encodedName)
    {
        for (int i = 0; i < _count; i++)
        {
            if (EncodedNameAt(i).SequenceEqual(encodedName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes <c>name=value&amp;…</c>, the shape of a query or a form body (RFC 5849 sections 3.5.2 and 3.5.3).</summary>
    public readonly void WriteFormPairs(ref PooledByteBuffer output)
    {
        for (int i = 0; i < _count; i++)
        {
            if (i > 0)
            {
                output.Append((byte)'&');
            }

            output.Append(EncodedNameAt(i));
            output.Append((byte)'=');
            output.Append(EncodedValueAt(i));
        }
    }

    /// <summary>The <c>name=value&amp;…</c> pairs as a string (query placement records what it appended).</summary>
    public readonly string ToFormPairs()
    {
        var pairs = new PooledByteBuffer(256);
        try
        {
            WriteFormPairs(ref pairs);
            return Encoding.ASCII.GetString(pairs.WrittenSpan);
        }
        finally
        {
            pairs.ClearAndDispose();
        }
    }

    /// <summary>The parameters decoded, for a caller who wants to read them (not on the signing path).</summary>
    public readonly KeyValuePair<string, string>[] ToDecodedArray()
    {
        var pairs = new KeyValuePair<string, string>[_count];
        for (int i = 0; i < _count; i++)
        {
            pairs[i] = new(Decode(EncodedNameAt(i)), Decode(EncodedValueAt(i)));
        }

        return pairs;

        static string Decode(ReadOnlySpan<byte> encoded) => OAuth1PercentEncoding.Decode(Encoding.ASCII.GetString(encoded));
    }

    public void Dispose()
    {
        _bytes.ClearAndDispose();
        if (_entries is { Length: > 0 })
        {
            ArrayPool<Entry>.Shared.Return(_entries);
        }

        _entries = [];
        _count = 0;
    }

    private void Push(int nameStart, int valueStart)
    {
        if (_count == _entries.Length)
        {
            Entry[] bigger = ArrayPool<Entry>.Shared.Rent(_entries.Length * 2);
            _entries.AsSpan(0, _count).CopyTo(bigger);
            ArrayPool<Entry>.Shared.Return(_entries);
            _entries = bigger;
        }

        _entries[_count++] = new Entry(nameStart, valueStart - nameStart, valueStart, _bytes.Length - valueStart);
    }

    private readonly record struct Entry(int NameStart, int NameLength, int ValueStart, int ValueLength);
}
