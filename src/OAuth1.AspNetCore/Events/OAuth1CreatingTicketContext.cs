using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace OAuth1.AspNetCore;

/// <summary>
/// What <see cref="OAuth1Events.OnCreatingTicket"/> receives: the access token, a session signed with it, the
/// identity being built and, when <see cref="OAuth1AuthenticationOptions.UserInformationEndpoint"/> is set, the
/// user-information document.
/// </summary>
public class OAuth1CreatingTicketContext : ResultContext<OAuth1AuthenticationOptions>
{
    /// <summary>Creates a context.</summary>
    /// <param name="principal">The principal being built (its identity gets the claims).</param>
    /// <param name="properties">The authentication properties (the return URL, the saved tokens).</param>
    /// <param name="context">The HTTP context of the callback.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="options">The scheme's options.</param>
    /// <param name="accessToken">The access token with every field of the provider's answer.</param>
    /// <param name="session">A session signed with the access token, owned by the handler.</param>
    /// <param name="user">The user-information document, or <see langword="default"/> when none was fetched.</param>
    public OAuth1CreatingTicketContext(
        ClaimsPrincipal principal,
        AuthenticationProperties properties,
        HttpContext context,
        AuthenticationScheme scheme,
        OAuth1AuthenticationOptions options,
        OAuth1Token accessToken,
        OAuth1Session session,
        JsonElement user)
        : base(context, scheme, options)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(accessToken);
        ArgumentNullException.ThrowIfNull(session);
        Principal = principal;
        Properties = properties;
        AccessToken = accessToken;
        Session = session;
        User = user;
    }

    /// <summary>The access token, with every field of the provider's answer (<c>AccessToken["user_id"]</c>, ...).</summary>
    public OAuth1Token AccessToken { get; }

    /// <summary>
    /// An <see cref="HttpClient"/> whose requests are signed with the scheme's client credentials and the user's
    /// access token: <c>await context.Session.GetFromJsonAsync&lt;JsonElement&gt;(userInfoUrl)</c>. The handler disposes
    /// it after the event; do not keep it.
    /// </summary>
    public OAuth1Session Session { get; }

    /// <summary>The <see cref="OAuth1AuthenticationOptions.UserInformationEndpoint"/> document; <see cref="JsonValueKind.Undefined"/> when none was fetched.</summary>
    public JsonElement User { get; }

    /// <summary>
    /// The user's id from the access-token answer, if any: its <c>user_id</c>, <c>userid</c>,
    /// <c>xoauth_yahoo_guid</c> or <c>encoded_user_id</c> field, the first one present.
    /// </summary>
    public string? UserId => OAuth1AuthenticationDefaults.FindUserId(AccessToken);

    /// <summary>The <c>screen_name</c> field of the access-token answer, if any.</summary>
    public string? ScreenName => AccessToken[OAuth1AuthenticationDefaults.ScreenNameField];

    /// <summary>The identity being built (the first identity of <see cref="ResultContext{TOptions}.Principal"/>).</summary>
    public ClaimsIdentity? Identity => Principal?.Identity as ClaimsIdentity;

    /// <summary>Runs <see cref="OAuth1AuthenticationOptions.ClaimActions"/> on a JSON document (one you fetched with <see cref="Session"/>).</summary>
    /// <param name="userData">The JSON object describing the user.</param>
    /// <exception cref="InvalidOperationException">The principal has no <see cref="ClaimsIdentity"/>.</exception>
    public void RunClaimActions(JsonElement userData)
    {
        ClaimsIdentity identity = Identity ?? throw new InvalidOperationException("The principal has no ClaimsIdentity to add claims to.");
        string issuer = Options.ClaimsIssuer ?? Scheme.Name;
        foreach (var action in Options.ClaimActions)
        {
            action.Run(userData, identity, issuer);
        }
    }
}
