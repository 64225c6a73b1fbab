using Microsoft.AspNetCore.Authentication;

namespace OAuth1.AspNetCore;

/// <summary>
/// What the challenge keeps for the callback, in the data-protected state cookie: the request token and its secret,
/// the authentication properties (the return URL) and when the sign-in expires.
/// </summary>
public sealed class OAuth1RequestTokenState
{
    /// <summary>Creates state.</summary>
    /// <param name="token">The request token (<c>oauth_token</c>).</param>
    /// <param name="tokenSecret">Its secret (<c>oauth_token_secret</c>).</param>
    /// <param name="properties">The authentication properties of the challenge.</param>
    /// <param name="expiresUtc">When the callback stops being accepted.</param>
    public OAuth1RequestTokenState(string token, string tokenSecret, AuthenticationProperties properties, DateTimeOffset expiresUtc)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentNullException.ThrowIfNull(properties);
        Token = token;
        TokenSecret = tokenSecret ?? string.Empty;
        Properties = properties;
        ExpiresUtc = expiresUtc;
    }

    /// <summary>The request token the provider issued; the callback's <c>oauth_token</c> must be this one.</summary>
    public string Token { get; }

    /// <summary>The request token's secret, needed to sign the access-token request. Never printed by <see cref="ToString"/>.</summary>
    public string TokenSecret { get; }

    /// <summary>The authentication properties of the challenge (the return URL, items).</summary>
    public AuthenticationProperties Properties { get; }

    /// <summary>When the callback stops being accepted (the challenge time plus <see cref="RemoteAuthenticationOptions.RemoteAuthenticationTimeout"/>).</summary>
    public DateTimeOffset ExpiresUtc { get; }

    /// <summary>The request token as an <see cref="OAuth1Token"/>.</summary>
    /// <returns>A token.</returns>
    public OAuth1Token ToToken() => new(Token, TokenSecret);

    /// <summary>A description without the secret.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"OAuth1RequestTokenState {{ Token = {Token}, TokenSecret = (hidden), ExpiresUtc = {ExpiresUtc:O} }}";
}

/// <summary>Writes and reads <see cref="OAuth1RequestTokenState"/> for <see cref="SecureDataFormat{TData}"/> (format version 1).</summary>
public sealed class OAuth1RequestTokenStateSerializer : IDataSerializer<OAuth1RequestTokenState>
{
    private const int FormatVersion = 1;

    /// <summary>The shared instance.</summary>
    public static OAuth1RequestTokenStateSerializer Default { get; } = new();

    /// <inheritdoc />
    public byte[] Serialize(OAuth1RequestTokenState model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory))
        {
            writer.Write(FormatVersion);
            writer.Write(model.Token);
            writer.Write(model.TokenSecret);
            writer.Write(model.ExpiresUtc.UtcTicks);
            PropertiesSerializer.Default.Write(writer, model.Properties);
        }

        return memory.ToArray();
    }

    /// <inheritdoc />
    public OAuth1RequestTokenState? Deserialize(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            var stream = new MemoryStream(data, writable: false);
            using var reader = new BinaryReader(stream);
            if (reader.ReadInt32() != FormatVersion)
            {
                return null;
            }

            string token = reader.ReadString();
            string secret = reader.ReadString();
            var expires = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);

            // The properties' serializer sizes a dictionary from the count it reads: check the count against the bytes
            // that remain (each entry takes at least two), so that no input can make it allocate without bound.
            long start = stream.Position;
            reader.ReadInt32();
            int count = reader.ReadInt32();
            if (count < 0 || count > (stream.Length - stream.Position) / 2)
            {
                return null;
            }

            stream.Position = start;
            AuthenticationProperties? properties = PropertiesSerializer.Default.Read(reader);
            return string.IsNullOrEmpty(token) || properties is null ? null : new OAuth1RequestTokenState(token, secret, properties, expires);
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ArgumentException or FormatException)
        {
            return null;
        }
    }
}
