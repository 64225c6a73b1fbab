using Microsoft.AspNetCore.Authentication;

namespace OAuth1.AspNetCore;

/// <summary>
/// The events of the OAuth 1.0a handler: <see cref="OnRedirectToAuthorizationEndpoint"/> (the browser leaves for the
/// provider), <see cref="OnCreatingTicket"/> (the user is back with an access token: call a user-information
/// endpoint, add claims), and the inherited <see cref="RemoteAuthenticationEvents.OnAccessDenied"/>,
/// <see cref="RemoteAuthenticationEvents.OnRemoteFailure"/> and <see cref="RemoteAuthenticationEvents.OnTicketReceived"/>.
/// </summary>
/// <remarks>
/// <para>Unlike ASP.NET Core's other remote handlers, <see cref="RemoteAuthenticationEvents.OnRemoteFailure"/> starts
/// with a default, <see cref="WriteFailurePageAsync"/>: a short HTML page with status 403 when the user or the provider
/// refused (<see cref="OAuth1AuthorizationDeniedException"/>) and 400 otherwise (a forged, stale or replayed callback,
/// a missing or tampered state cookie, a provider that refused the request token or the access token), carrying the
/// failure's message. Replace it with your own page or redirect, and call <c>context.HandleResponse()</c>; a
/// replacement that handles nothing lets ASP.NET Core throw, as it does for the other handlers.</para>
/// <para>A failure while fetching the request token during the challenge goes through
/// <see cref="RemoteAuthenticationEvents.OnRemoteFailure"/> too, with the same page by default.</para>
/// </remarks>
public class OAuth1Events : RemoteAuthenticationEvents
{
    /// <summary>Creates events with the defaults: the redirect, nothing on ticket creation, the HTML failure page.</summary>
    public OAuth1Events()
    {
        OnRemoteFailure = WriteFailurePageAsync;
    }

    /// <summary>
    /// Called after the access token was obtained and before the ticket is issued. The context holds the token, a
    /// signed <see cref="OAuth1Session"/> for the user and the identity, to add claims. Call
    /// <c>context.Fail(...)</c> to refuse the user (the failure goes to <see cref="RemoteAuthenticationEvents.OnRemoteFailure"/>).
    /// </summary>
    public Func<OAuth1CreatingTicketContext, Task> OnCreatingTicket { get; set; } = _ => Task.CompletedTask;

    /// <summary>
    /// Called when the challenge sends the browser to the provider; the default redirects to
    /// <see cref="RedirectContext{TOptions}.RedirectUri"/> (the authorization URL with <c>oauth_token</c>).
    /// </summary>
    public Func<RedirectContext<OAuth1AuthenticationOptions>, Task> OnRedirectToAuthorizationEndpoint { get; set; } = context =>
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    };

    /// <summary>Invokes <see cref="OnCreatingTicket"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>A task.</returns>
    public virtual Task CreatingTicket(OAuth1CreatingTicketContext context) => OnCreatingTicket(context);

    /// <summary>Invokes <see cref="OnRedirectToAuthorizationEndpoint"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>A task.</returns>
    public virtual Task RedirectToAuthorizationEndpoint(RedirectContext<OAuth1AuthenticationOptions> context) => OnRedirectToAuthorizationEndpoint(context);

    /// <summary>
    /// The default <see cref="RemoteAuthenticationEvents.OnRemoteFailure"/>: writes a short HTML page (403 for a
    /// denial, 400 otherwise) with the failure's message, which never contains a secret, and handles the response.
    /// Call it from your own handler to keep this page for some failures.
    /// </summary>
    /// <param name="context">The failure.</param>
    /// <returns>A task.</returns>
    public static Task WriteFailurePageAsync(RemoteFailureContext context) => OAuth1FailurePage.WriteAsync(context);
}
