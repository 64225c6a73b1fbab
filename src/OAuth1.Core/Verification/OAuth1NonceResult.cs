namespace OAuth1;

/// <summary>What a nonce store says about one nonce.</summary>
public enum OAuth1NonceResult
{
    /// <summary>Never seen: it is now recorded until its expiry.</summary>
    Accepted,

    /// <summary>Already used with this client, token and timestamp (or its expiry has passed): the request is refused.</summary>
    Replayed,

    /// <summary>The store cannot tell (unreachable, or full): the request is refused, fail closed.</summary>
    Unavailable,
}
