namespace OAuth1;

/// <summary>
/// The base string URI of RFC 5849 section 3.4.1.2, taken from the URI as it goes on the wire: scheme and host in
/// lower case, the port only when it is not the scheme's default (80 for http, 443 for https), the path exactly as
/// escaped in <see cref="Uri.AbsoluteUri"/> (never unescaped and escaped again), and no user information, query or
/// fragment.
/// </summary>
internal readonly ref struct BaseStringUri
{
    private BaseStringUri(ReadOnlySpan<char> scheme, ReadOnlySpan<char> host, ReadOnlySpan<char> port, ReadOnlySpan<char> path, ReadOnlySpan<char> query)
    {
        Scheme = scheme;
        Host = host;
        Port = port;
        Path = path;
        Query = query;
    }

    /// <summary>The scheme, as <see cref="Uri"/> wrote it (already lower case).</summary>
    public ReadOnlySpan<char> Scheme { get; }

    /// <summary>The host, IPv6 brackets included.</summary>
    public ReadOnlySpan<char> Host { get; }

    /// <summary>The port digits, or empty when the port is the scheme's default.</summary>
    public ReadOnlySpan<char> Port { get; }

    /// <summary>The escaped path; <c>/</c> when the URI has none.</summary>
    public ReadOnlySpan<char> Path { get; }

    /// <summary>The escaped query without its <c>?</c> (not part of the base string URI; its parameters are signed).</summary>
    public ReadOnlySpan<char> Query { get; }

    /// <summary>Splits <paramref name="uri"/> into the parts that the signature uses.</summary>
    /// <exception cref="ArgumentException">The URI is relative, has no host, has port 0, or has a host that IDNA refuses.</exception>
    public static BaseStringUri Parse(Uri uri, string paramName)
    {
        ArgumentNullException.ThrowIfNull(uri, paramName);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException($"The request URI '{uri.OriginalString}' is relative; OAuth 1.0a signs absolute URIs. Set HttpClient.BaseAddress or use an absolute URI.", paramName);
        }

        if (uri.HostNameType is UriHostNameType.Unknown or UriHostNameType.Basic || uri.Host.Length == 0 || uri.Port is 0)
        {
            throw new ArgumentException($"The request URI '{uri.GetLeftPart(UriPartial.Scheme)}…' has no usable host or port (RFC 5849 section 3.4.1.2 needs a host and a port from 1 to 65535).", paramName);
        }

        // Slice the escaped AbsoluteUri (cached by Uri) instead of asking for components, which allocate.
        ReadOnlySpan<char> absolute = uri.AbsoluteUri;
        int schemeEnd = absolute.IndexOf(':');
        ReadOnlySpan<char> scheme = absolute[..schemeEnd];
        ReadOnlySpan<char> rest = absolute[(schemeEnd + 1)..];
        if (rest.StartsWith("//"))
        {
            rest = rest[2..];
        }

        int authorityEnd = rest.IndexOfAny('/', '?', '#');
        ReadOnlySpan<char> authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        rest = authorityEnd < 0 ? default : rest[authorityEnd..];
        int at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        int portColon = authority.LastIndexOf(':');
        int bracket = authority.LastIndexOf(']');
        ReadOnlySpan<char> host = portColon > bracket ? authority[..portColon] : authority;
        ReadOnlySpan<char> port = portColon > bracket ? authority[(portColon + 1)..] : default;
        if (!port.IsEmpty && IsDefaultPort(scheme, port))
        {
            port = default;
        }

        if (!System.Text.Ascii.IsValid(host))
        {
            // An internationalised host goes on the wire as punycode; System.Uri accepts hosts that IDNA refuses
            // (U+FFFD, unassigned code points) and throws only when asked for the punycode.
            try
            {
                host = uri.IdnHost;
            }
            catch (UriFormatException ex)
            {
                throw new ArgumentException("The request URI's host is not a valid internationalised domain name (IDNA), so it has no form on the wire to sign.", paramName, ex);
            }
        }

        int fragment = rest.IndexOf('#');
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }

        int question = rest.IndexOf('?');
        ReadOnlySpan<char> path = question < 0 ? rest : rest[..question];
        ReadOnlySpan<char> query = question < 0 ? default : rest[(question + 1)..];
        return new BaseStringUri(scheme, host, port, path.IsEmpty ? "/" : path, query);
    }

    /// <summary>Writes <c>scheme://host[:port]/path</c>, percent-encoded for the base string.</summary>
    public void WriteEncoded(ref PooledByteBuffer output)
    {
        WriteLower(ref output, Scheme);
        output.Append("%3A%2F%2F"u8);
        WriteLower(ref output, Host);
        if (!Port.IsEmpty)
        {
            output.Append("%3A"u8);
            OAuth1PercentEncoding.AppendEncoded(ref output, Port);
        }

        OAuth1PercentEncoding.AppendEncoded(ref output, Path);
    }

    /// <summary>The base string URI as text, e.g. <c>https://example.com/r%20v/X</c>.</summary>
    public override string ToString()
    {
        string authority = Port.IsEmpty ? $"{Scheme}://{Host}" : $"{Scheme}://{Host}:{Port}";
        return authority.ToLowerInvariant() + Path.ToString();
    }

    private static void WriteLower(ref PooledByteBuffer output, ReadOnlySpan<char> value)
    {
        Span<char> lower = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        value.ToLowerInvariant(lower);
        OAuth1PercentEncoding.AppendEncoded(ref output, lower);
    }

    private static bool IsDefaultPort(ReadOnlySpan<char> scheme, ReadOnlySpan<char> port) =>
        (port.SequenceEqual("80") && scheme.Equals("http", StringComparison.OrdinalIgnoreCase))
        || (port.SequenceEqual("443") && scheme.Equals("https", StringComparison.OrdinalIgnoreCase));
}
