using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SfbPolicyGen.Signing;

/// <summary>Where the publisher's certificate comes from: a PKCS #12 file (.pfx, .p12) and its
/// password, or PEM (the certificate first, then any intermediates; the key in the same file or in
/// <see cref="KeyFile"/>).</summary>
/// <param name="SigningTime">SOURCE_DATE_EPOCH's time when set: the signatures then carry it.</param>
/// <param name="Timestamp">The time-stamping authority to ask, if any.</param>
public sealed record SigningRequest(string CertificateFile, string? KeyFile, string? Password, DateTimeOffset? SigningTime = null, TimestampClient? Timestamp = null);

/// <summary>Loads the publisher's certificate and refuses one that cannot sign scripts, before anything
/// is written (docs/SIGNING.md, "The certificate").</summary>
public static class SigningCertificate
{
    /// <param name="signing">True for generate, which signs: the private key is required, and the
    /// certificate must be valid now. Check and plan only compare signatures: its public part is enough.</param>
    /// <returns>The signer, or null and why not, in a sentence.</returns>
    public static (ScriptSigner? Signer, string? Problem) Load(SigningRequest request, bool signing, DateTimeOffset now)
    {
        X509Certificate2Collection all;
        try
        {
            all = Read(request);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (null, $"cannot read the signing certificate '{request.CertificateFile}': {ex.Message.TrimEnd('.')}");
        }

        // The signer is the certificate with the key (PKCS #12), else the first one (PEM's order).
        var certificate = all.FirstOrDefault(c => c.HasPrivateKey) ?? all.FirstOrDefault();
        if (certificate is null)
        {
            return (null, $"'{request.CertificateFile}' holds no certificate");
        }

        var name = certificate.Subject;
        if (!HasCodeSigning(certificate))
        {
            return (null, $"the certificate {name} is not for code signing: its Extended Key Usage lacks Code Signing (1.3.6.1.5.5.7.3.3), so PowerShell would not accept its signatures");
        }

        if (signing)
        {
            if (!certificate.HasPrivateKey)
            {
                return (null, $"the certificate {name} comes without its private key: give a .pfx that holds it, or the PEM key with --sign-key");
            }

            if (certificate.GetRSAPrivateKey() is null && certificate.GetECDsaPrivateKey() is null)
            {
                return (null, $"the key of {name} is neither RSA nor ECDSA, the keys Authenticode signs with");
            }

            if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
            {
                return (null, $"the certificate {name} is not valid now: valid from {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC");
            }
        }

        var chain = new X509Certificate2Collection();
        chain.AddRange(all.Where(c => !c.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span)).ToArray());
        return (new ScriptSigner(certificate, chain, request.SigningTime, request.Timestamp is { } tsa ? tsa.Stamp : null), null);
    }

    private static X509Certificate2Collection Read(SigningRequest request)
    {
        var bytes = File.ReadAllBytes(request.CertificateFile);
        if (!LooksLikePem(bytes))
        {
            return X509CertificateLoader.LoadPkcs12Collection(bytes, request.Password, X509KeyStorageFlags.EphemeralKeySet);
        }

        var all = new X509Certificate2Collection();
        all.ImportFromPemFile(request.CertificateFile);
        if (all.Count == 0)
        {
            return all;
        }

        var keyFile = request.KeyFile ?? (File.ReadAllText(request.CertificateFile).Contains("PRIVATE KEY-----", StringComparison.Ordinal) ? request.CertificateFile : null);
        if (keyFile is not null)
        {
            // The first certificate is the signer's; CreateFromPemFile pairs it with its key.
            var withKey = request.Password is null
                ? X509Certificate2.CreateFromPemFile(request.CertificateFile, keyFile)
                : X509Certificate2.CreateFromEncryptedPemFile(request.CertificateFile, request.Password, keyFile);
            all.RemoveAt(0);
            all.Insert(0, withKey);
        }

        return all;
    }

    private static bool LooksLikePem(byte[] bytes) =>
        System.Text.Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096)).Contains("-----BEGIN", StringComparison.Ordinal);

    /// <summary>An Extended Key Usage that names Code Signing. A certificate without the extension is
    /// refused too: Windows would take it for any purpose, but the issue of a publisher is deliberate.</summary>
    private static bool HasCodeSigning(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Any(e => e.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == AuthenticodeScript.CodeSigningEkuOid));
}
