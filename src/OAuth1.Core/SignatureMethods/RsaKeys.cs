using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OAuth1;

/// <summary>Loads RSA keys for the RSA signature methods, once, with errors that never echo the key.</summary>
internal static class RsaKeys
{
    public static RSA FromPem(string pem, string paramName)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new ArgumentException("The RSA key PEM text is empty.", paramName);
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            // The inner exception is left out on purpose: its message may quote the key.
            throw new ArgumentException(
                "The RSA key PEM text could not be read: expected '-----BEGIN RSA PRIVATE KEY-----' (PKCS#1), "
                + "'-----BEGIN PRIVATE KEY-----' (PKCS#8) or a public key, with valid Base64 between the lines.",
                paramName);
        }
    }

    public static RSA FromCertificate(X509Certificate2 certificate, string paramName)
    {
        ArgumentNullException.ThrowIfNull(certificate, paramName);
        return certificate.GetRSAPrivateKey()
            ?? certificate.GetRSAPublicKey()
            ?? throw new ArgumentException($"The certificate '{certificate.Subject}' has no RSA key.", paramName);
    }
}
