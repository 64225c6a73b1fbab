using System.Security.Cryptography;

namespace OAuth1;

/// <summary>
/// HMAC with the keyed state kept per thread and per credential: a one-shot HMAC sets up the key on every call,
/// which costs about as much as hashing the base string. The state is reused only while the same key comes back
/// (a client signing for one user); a thread that signs for many users in turn falls back to the one-shot call,
/// so per-user signing does not churn hash objects.
/// </summary>
internal static class KeyedHmac
{
    [ThreadStatic]
    private static State? t_state;

    [ThreadStatic]
    private static byte[]? t_lastKey;

    public static int Compute(HashAlgorithmName hash, byte[] key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        State? state = t_state;
        if (state is null || !ReferenceEquals(state.Key, key) || state.Hash != hash)
        {
            if (!ReferenceEquals(t_lastKey, key))
            {
                // First time this key is seen in a row on this thread: one-shot.
                t_lastKey = key;
                return OneShot(hash, key, data, destination);
            }

            state?.Hmac.Dispose();
            state = t_state = new State(hash, key);
        }

        state.Hmac.AppendData(data);
        return state.Hmac.GetHashAndReset(destination);
    }

    private static int OneShot(HashAlgorithmName hash, byte[] key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (hash == HashAlgorithmName.SHA1)
        {
            return HMACSHA1.HashData(key, data, destination);
        }

        return hash == HashAlgorithmName.SHA256
            ? HMACSHA256.HashData(key, data, destination)
            : HMACSHA512.HashData(key, data, destination);
    }

    private sealed class State(HashAlgorithmName hash, byte[] key)
    {
        public byte[] Key { get; } = key;

        public HashAlgorithmName Hash { get; } = hash;

        public IncrementalHash Hmac { get; } = IncrementalHash.CreateHMAC(hash, key);
    }
}
