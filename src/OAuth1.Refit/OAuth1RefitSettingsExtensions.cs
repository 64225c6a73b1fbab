using Refit;

namespace OAuth1.Refit;

/// <summary>OAuth 1.0a additions to <see cref="RefitSettings"/>.</summary>
public static class OAuth1RefitSettingsExtensions
{
    /// <summary>
    /// Makes the client raise <see cref="OAuth1ProblemApiException"/> (an <see cref="ApiException"/>) for unsuccessful
    /// responses that carry an <c>oauth_problem</c>, in thrown exceptions and in <see cref="IApiResponse.Error"/>.
    /// Wraps the settings' current <see cref="RefitSettings.ExceptionFactory"/>: responses without a problem report,
    /// and exceptions that are not <see cref="ApiException"/>, come out of it unchanged.
    /// </summary>
    /// <param name="settings">The settings to change.</param>
    /// <returns><paramref name="settings"/>, for chaining.</returns>
    public static RefitSettings UseOAuth1Exceptions(this RefitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var previous = settings.ExceptionFactory ?? new DefaultApiExceptionFactory(settings).CreateAsync;
        settings.ExceptionFactory = async response =>
        {
            Exception? exception = await previous(response).ConfigureAwait(false);
            return exception is ApiException api ? OAuth1ProblemApiException.FromApiException(api) : exception;
        };
        return settings;
    }
}
