using Microsoft.AspNetCore.Authentication;

namespace OAuth1.AspNetCore;

/// <summary>
/// Options of an OAuth 1.0a resource-protection scheme (<c>AddOAuth1Signature</c>): the verifier's settings and the
/// realm it answers with. Clients come from the <see cref="IOAuth1CredentialStore"/> registered in dependency
/// injection; nonces go to the registered <see cref="IOAuth1NonceStore"/>, else to one in-memory store for the scheme.
/// </summary>
public sealed class OAuth1SignatureAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The <c>realm</c> of the <c>WWW-Authenticate: OAuth</c> challenge; the request's host when <see langword="null"/>.</summary>
    public string? Realm { get; set; }

    /// <summary>How far a timestamp may be from the server's clock, either way; 5 minutes by default.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The signature methods accepted from any client (names as sent); empty for all that each client's key material supports.</summary>
    public ISet<string> AllowedSignatureMethods { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Requires <c>oauth_body_hash</c> on requests whose body is not a form (LTI 1.1 outcomes).</summary>
    public bool RequireBodyHash { get; set; }

    /// <summary>Accepts PLAINTEXT over plain http (it sends the secrets in clear). Off by default.</summary>
    public bool AllowPlaintextOverHttp { get; set; }

    /// <summary>The largest body read for a form or a body hash, in bytes; 1 MiB by default. A larger one is answered 413.</summary>
    public long MaxBodySize { get; set; } = 1024 * 1024;

    /// <summary>The events; <see cref="OAuth1SignatureEvents.OnValidated"/> lets the app add claims.</summary>
    public new OAuth1SignatureEvents Events
    {
        get => (OAuth1SignatureEvents)base.Events!;
        set => base.Events = value;
    }

    /// <summary>Creates options with default events.</summary>
    public OAuth1SignatureAuthenticationOptions() => base.Events = new OAuth1SignatureEvents();

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (TimestampTolerance <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{nameof(TimestampTolerance)} must be positive.");
        }

        if (MaxBodySize < 0)
        {
            throw new InvalidOperationException($"{nameof(MaxBodySize)} must not be negative.");
        }
    }
}
