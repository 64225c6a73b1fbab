using System.Buffers;

namespace OAuth1;

/// <summary>
/// The request parameters of RFC 5849 section 3.4.1.3.1, held percent-encoded (section 3.6) in one pooled buffer,
/// and their normalisation (section 3.4.1.3.2): sorted by encoded name, then encoded value, in ordinal byte order.
/// </summary>
/// <remarks>
/// Each source is decoded exactly once: query and form body as form data (<c>+</c> a space), protocol parameters
/// from their plain values. Duplicates and empty values are kept. A mutable struct: pass it by <see langword="ref"/>
/// and dispose it once.
/// </remarks>
internal struct ParameterCollection : IDisposable
{
    private PooledByteBuffer _encoded;
    private EncodedParameter[] _items;
    private int _count;

    public ParameterCollection(int capacityHint)
    {
        _encoded = new PooledByteBuffer(capacityHint);
        _items = ArrayPool<EncodedParameter>.Shared.Rent(16);
        _count = 0;
    }

    public readonly int Count => _count;

    public readonly ReadOnlySpan<byte> NameAt(int index) => _encoded.Slice(_items[index].NameStart, _items[index].NameLength);

    public readonly ReadOnlySpan<byte> ValueAt(int index) => _encoded.Slice(_items[index].ValueStart, _items[index].ValueLength);

    /// <summary>Adds a parameter from its plain (decoded) name and value.</summary>
    public void Add(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        int nameStart = _encoded.Length;
        OAuth1PercentEncoding.AppendEncoded(ref _encoded, name);
        int valueStart = _encoded.Length;
        OAuth1PercentEncoding.AppendEncoded(ref _encoded, value);
        Push(nameStart, valueStart);
    }

    /// <summary>Adds a parameter whose value is given as UTF-8 bytes (a nonce, a timestamp, a signature), percent-encoding both.</summary>
    public void Add(ReadOnlySpan<char> name, ReadOnlySpan<byte> utf8Value)
    {
        int nameStart = _encoded.Length;
        OAuth1PercentEncoding.AppendEncoded(ref _encoded, name);
        int valueStart = _encoded.Length;
        OAuth1PercentEncoding.AppendEncoded(ref _encoded, utf8Value);
        Push(nameStart, valueStart);
    }

    /// <summary>Adds every (already encoded) parameter of <paramref name="other"/>, in its order.</summary>
    public void AddAll(in ParameterCollection other)
    {
        for (int i = 0; i < other.Count; i++)
        {
            int nameStart = _encoded.Length;
            _encoded.Append(other.NameAt(i));
            int valueStart = _encoded.Length;
            _encoded.Append(other.ValueAt(i));
            Push(nameStart, valueStart);
        }
    }

    /// <summary>Whether a parameter with this (unencoded, ASCII) name is in the collection.</summary>
    public readonly bool Contains(string name)
    {
        for (int i = 0; i < _count; i++)
        {
            if (System.Text.Ascii.Equals(NameAt(i), name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a parameter with this encoded name is in the collection.</summary>
    public readonly bool ContainsEncoded(ReadOnlySpan<byte> encodedName)
    {
        for (int i = 0; i < _count; i++)
        {
            if (NameAt(i).SequenceEqual(encodedName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Adds every pair of form data (a query string without its <c>?</c>, or a form body), decoding each name and
    /// value once.
    /// </summary>
    public void AddFormData(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            int amp = data.IndexOf((byte)'&');
            ReadOnlySpan<byte> pair = amp < 0 ? data : data[..amp];
            data = amp < 0 ? default : data[(amp + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            int eq = pair.IndexOf((byte)'=');
            ReadOnlySpan<byte> rawName = eq < 0 ? pair : pair[..eq];
            ReadOnlySpan<byte> rawValue = eq < 0 ? default : pair[(eq + 1)..];
            int nameStart = _encoded.Length;
            OAuth1PercentEncoding.AppendFormDecodedThenEncoded(ref _encoded, rawName);
            int valueStart = _encoded.Length;
            OAuth1PercentEncoding.AppendFormDecodedThenEncoded(ref _encoded, rawValue);
            Push(nameStart, valueStart);
        }
    }

    /// <summary>Sorts the parameters as section 3.4.1.3.2 requires.</summary>
    public readonly void Sort()
    {
        Span<EncodedParameter> items = _items.AsSpan(0, _count);
        if (items.Length > 32)
        {
            items.Sort(new EncodedParameterComparer(_encoded));
            return;
        }

        // Requests carry a dozen parameters or so: an insertion sort with the comparison inlined beats the general
        // sort, which boxes the comparer and calls it through an interface.
        var comparer = new EncodedParameterComparer(_encoded);
        for (int i = 1; i < items.Length; i++)
        {
            EncodedParameter current = items[i];
            int j = i - 1;
            while (j >= 0 && comparer.Compare(items[j], current) > 0)
            {
                items[j + 1] = items[j];
                j--;
            }

            items[j + 1] = current;
        }
    }

    /// <summary>
    /// Writes the normalised parameters (<c>name=value</c> joined with <c>&amp;</c>) encoded once more, as they
    /// stand in the signature base string. Call <see cref="Sort"/> first.
    /// </summary>
    public readonly void WriteNormalizedEncodedAgain(ref PooledByteBuffer output)
    {
        for (int i = 0; i < _count; i++)
        {
            if (i > 0)
            {
                output.Append("%26"u8);
            }

            OAuth1PercentEncoding.AppendEncodedAgain(ref output, NameAt(i));
            output.Append("%3D"u8);
            OAuth1PercentEncoding.AppendEncodedAgain(ref output, ValueAt(i));
        }
    }

    /// <summary>
    /// Writes <c>name=value&amp;…</c> in the collection's order: the normalised parameters (section 3.4.1.3.2) once
    /// sorted, or the shape of a query or form body (sections 3.5.2 and 3.5.3) for placement.
    /// </summary>
    public readonly void WritePairs(ref PooledByteBuffer output)
    {
        for (int i = 0; i < _count; i++)
        {
            if (i > 0)
            {
                output.Append((byte)'&');
            }

            output.Append(NameAt(i));
            output.Append((byte)'=');
            output.Append(ValueAt(i));
        }
    }

    /// <summary>The pairs as a string (query placement records what it appended).</summary>
    public readonly string ToPairsString()
    {
        var pairs = new PooledByteBuffer(256);
        try
        {
            WritePairs(ref pairs);
            return System.Text.Encoding.ASCII.GetString(pairs.WrittenSpan);
        }
        finally
        {
            pairs.ClearAndDispose();
        }
    }

    /// <summary>The parameters decoded, in order, for a caller who wants to read them (not on the signing path).</summary>
    public readonly KeyValuePair<string, string>[] ToDecodedArray()
    {
        var pairs = new KeyValuePair<string, string>[_count];
        for (int i = 0; i < _count; i++)
        {
            pairs[i] = new(Decode(NameAt(i)), Decode(ValueAt(i)));
        }

        return pairs;

        static string Decode(ReadOnlySpan<byte> encoded) => OAuth1PercentEncoding.Decode(System.Text.Encoding.ASCII.GetString(encoded));
    }

    /// <summary>Returns the buffers without clearing them: only for a collection that held no secret (the hot path of an HMAC signature).</summary>
    public void DisposeWithoutClearing()
    {
        _encoded.Dispose();
        ReturnEntries();
    }

    public void Dispose()
    {
        // A form body may hold a secret (xAuth's password), and so may a PLAINTEXT signature.
        _encoded.ClearAndDispose();
        ReturnEntries();
    }

    private void ReturnEntries()
    {
        if (_items is { Length: > 0 })
        {
            ArrayPool<EncodedParameter>.Shared.Return(_items);
        }

        _items = [];
        _count = 0;
    }

    private void Push(int nameStart, int valueStart)
    {
        if (_count == _items.Length)
        {
            EncodedParameter[] bigger = ArrayPool<EncodedParameter>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, _count).CopyTo(bigger);
            ArrayPool<EncodedParameter>.Shared.Return(_items);
            _items = bigger;
        }

        _items[_count++] = new EncodedParameter(nameStart, valueStart - nameStart, valueStart, _encoded.Length - valueStart);
    }

    private readonly record struct EncodedParameter(int NameStart, int NameLength, int ValueStart, int ValueLength);

    private readonly struct EncodedParameterComparer(PooledByteBuffer buffer) : IComparer<EncodedParameter>
    {
        public int Compare(EncodedParameter x, EncodedParameter y)
        {
            int byName = buffer.Slice(x.NameStart, x.NameLength).SequenceCompareTo(buffer.Slice(y.NameStart, y.NameLength));
            return byName != 0
                ? byName
                : buffer.Slice(x.ValueStart, x.ValueLength).SequenceCompareTo(buffer.Slice(y.ValueStart, y.ValueLength));
        }
    }
}
