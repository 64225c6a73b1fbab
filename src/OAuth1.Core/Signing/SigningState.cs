namespace OAuth1;

/// <summary>
/// What signing changed on a request, kept in <see cref="HttpRequestMessage.Options"/> so that signing it again
/// (a retry) first takes back the previous attempt's <c>oauth_*</c> parameters from the query or the body.
/// </summary>
internal sealed class SigningState
{
    private static readonly HttpRequestOptionsKey<SigningState> Key = new("OAuth1.SigningState");

    /// <summary>The URI before the protocol parameters were appended (query placement).</summary>
    public Uri? UnsignedUri { get; set; }

    /// <summary>The URI that was sent (query placement).</summary>
    public Uri? SignedUri { get; set; }

    /// <summary>The body before the protocol parameters were appended (body placement).</summary>
    public HttpContent? UnsignedContent { get; set; }

    /// <summary>The body that was sent (body placement).</summary>
    public HttpContent? SignedContent { get; set; }

    /// <summary>
    /// Set when <see cref="OAuth1Signer.SignAsync"/> signed the request and it has not been sent yet, so that an
    /// <see cref="OAuth1Handler"/> does not sign it a second time; the first send clears it.
    /// </summary>
    public bool HasUnsentSignature { get; set; }

    public static SigningState? Find(HttpRequestMessage request) =>
        request.Options.TryGetValue(Key, out SigningState? state) ? state : null;

    public static SigningState GetOrAdd(HttpRequestMessage request)
    {
        SigningState? state = Find(request);
        if (state is null)
        {
            state = new SigningState();
            request.Options.Set(Key, state);
        }

        return state;
    }

    /// <summary>Puts back the unsigned URI and body if the request still carries the ones signing made.</summary>
    public static void RestoreUnsigned(HttpRequestMessage request)
    {
        SigningState? state = Find(request);
        if (state is null)
        {
            return;
        }

        if (state.SignedUri is not null && ReferenceEquals(request.RequestUri, state.SignedUri))
        {
            request.RequestUri = state.UnsignedUri;
        }

        if (state.SignedContent is not null && ReferenceEquals(request.Content, state.SignedContent))
        {
            request.Content = state.UnsignedContent;
            state.SignedContent.Dispose();
        }

        state.SignedUri = state.UnsignedUri = null;
        state.SignedContent = state.UnsignedContent = null;
    }
}
