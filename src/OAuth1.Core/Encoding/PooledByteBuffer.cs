using System.Buffers;

namespace OAuth1;

/// <summary>
/// A growable byte buffer on <see cref="ArrayPool{T}"/>: the signing path writes its encoded parameters and base
/// string here instead of allocating strings. Pass it by <see langword="ref"/> and dispose it once.
/// </summary>
internal struct PooledByteBuffer : IDisposable
{
    private byte[] _array;
    private int _length;

    public PooledByteBuffer(int initialCapacity)
    {
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
        _length = 0;
    }

    public readonly int Length => _length;

    public readonly ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _length);

    public readonly ReadOnlySpan<byte> Slice(int start, int length) => _array.AsSpan(start, length);

    /// <summary>Returns a span of at least <paramref name="sizeHint"/> writable bytes; call <see cref="Advance"/> after.</summary>
    public Span<byte> GetSpan(int sizeHint)
    {
        if (_array.Length - _length < sizeHint)
        {
            Grow(sizeHint);
        }

        return _array.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    public void Append(byte value)
    {
        if (_length == _array.Length)
        {
            Grow(1);
        }

        _array[_length++] = value;
    }

    public void Append(ReadOnlySpan<byte> value)
    {
        value.CopyTo(GetSpan(value.Length));
        _length += value.Length;
    }

    /// <summary>Appends ASCII text (every char below 0x80).</summary>
    public void AppendAscii(ReadOnlySpan<char> value)
    {
        _length += System.Text.Encoding.ASCII.GetBytes(value, GetSpan(value.Length));
    }

    public void Dispose()
    {
        byte[] array = _array;
        _array = [];
        _length = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    /// <summary>Clears what was written (it may hold a secret), then returns the array to the pool.</summary>
    public void ClearAndDispose()
    {
        _array.AsSpan(0, _length).Clear();
        Dispose();
    }

    private void Grow(int sizeHint)
    {
        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _length + sizeHint));
        _array.AsSpan(0, _length).CopyTo(bigger);
        if (_array.Length > 0)
        {
            // What was written may be a secret (a signing key, a PLAINTEXT signature): never leave it in the pool.
            _array.AsSpan(0, _length).Clear();
            ArrayPool<byte>.Shared.Return(_array);
        }

        _array = bigger;
    }
}
