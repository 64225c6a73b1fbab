namespace OAuth1;

/// <summary>
/// The base of every OAuth 1.0a protocol error this library raises: a provider's refusal, an answer that is not a
/// token, a callback that does not match. Mistakes in the caller's configuration are <see cref="ArgumentException"/>
/// or <see cref="InvalidOperationException"/> instead. Messages never contain secrets.
/// </summary>
public class OAuth1Exception : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public OAuth1Exception(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public OAuth1Exception(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
