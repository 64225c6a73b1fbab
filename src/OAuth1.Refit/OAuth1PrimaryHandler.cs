namespace OAuth1.Refit;

/// <summary>Turns automatic redirects off on the framework's primary handlers (see <see cref="OAuth1Handler"/>'s remarks).</summary>
internal static class OAuth1PrimaryHandler
{
    public static void DisableAutomaticRedirects(HttpMessageHandler? handler)
    {
        try
        {
            switch (handler)
            {
                case SocketsHttpHandler sockets when sockets.AllowAutoRedirect:
                    sockets.AllowAutoRedirect = false;
                    break;
                case HttpClientHandler client when client.AllowAutoRedirect:
                    client.AllowAutoRedirect = false;
                    break;
            }
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException(
                $"The primary handler ({handler!.GetType().Name}) follows redirects and has already sent requests, so its AllowAutoRedirect cannot be turned off. "
                + "A redirect it follows drops the OAuth 1.0a signature: give the client a new primary handler with AllowAutoRedirect = false.",
                ex);
        }
    }
}
