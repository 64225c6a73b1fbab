using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace OAuth1.AspNetCore;

/// <summary>The default answer to a failed OAuth 1.0a sign-in: a short HTML page, 403 for a denial and 400 otherwise.</summary>
internal static class OAuth1FailurePage
{
    /// <summary>The longest message shown; a provider's answer quoted in it is cut there.</summary>
    private const int MaxMessageLength = 2000;

    public static async Task WriteAsync(RemoteFailureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpResponse response = context.Response;
        if (response.HasStarted)
        {
            context.HandleResponse();
            return;
        }

        bool denied = context.Failure is OAuth1AuthorizationDeniedException;
        string scheme = context.Scheme.DisplayName ?? context.Scheme.Name;
        string title = denied ? $"Sign-in with {scheme} cancelled" : $"Sign-in with {scheme} failed";
        string message = context.Failure?.Message ?? "The sign-in failed.";
        if (message.Length > MaxMessageLength)
        {
            message = message[..MaxMessageLength] + " [...]";
        }

        string home = context.Request.PathBase.HasValue ? context.Request.PathBase.ToUriComponent() + "/" : "/";
        response.StatusCode = denied ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        string html =
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + WebUtility.HtmlEncode(title) + "</title></head>\n<body>\n"
            + "<h1>" + WebUtility.HtmlEncode(title) + "</h1>\n"
            + "<p id=\"oauth1-error\">" + WebUtility.HtmlEncode(message) + "</p>\n"
            + "<p><a href=\"" + WebUtility.HtmlEncode(home) + "\">Back to the site</a></p>\n"
            + "</body>\n</html>\n";
        await response.WriteAsync(html, context.HttpContext.RequestAborted);
        context.HandleResponse();
    }
}
