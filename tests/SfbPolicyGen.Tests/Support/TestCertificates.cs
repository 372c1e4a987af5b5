using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SfbPolicyGen.Tests.Support;

/// <summary>A certification authority made in the test (ECDSA P-256, CertificateRequest), and the leaf
/// certificates it or the leaf itself signs, with the extensions a test wants: no file from elsewhere.</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private long _serial = 1;

    /// <param name="now">The test's clock: the root is valid from ten years before to twenty after.</param>
    public TestCertificates(DateTimeOffset now)
    {
        var request = new CertificateRequest("CN=SfbPolicyGen Test Root CA, O=SfbPolicyGen tests", _rootKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Root = request.CreateSelfSigned(now.AddYears(-10), now.AddYears(20));
    }

    /// <summary>With its private key.</summary>
    public X509Certificate2 Root { get; }

    public string RootPem => Root.ExportCertificatePem();

    public void Dispose()
    {
        Root.Dispose();
        _rootKey.Dispose();
    }

    /// <summary>A leaf the root signs (or, <paramref name="selfSigned"/>, the leaf itself), with its private key.</summary>
    /// <param name="dnsNames">The SAN's dNSName entries; none: no SAN extension at all.</param>
    /// <param name="usages">The EKU OIDs; null: Server Authentication.</param>
    /// <param name="issuer">An intermediate of <see cref="Intermediate"/>; null: the root.</param>
    public X509Certificate2 Leaf(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter, IReadOnlyList<string> dnsNames, IReadOnlyList<string>? usages = null, bool selfSigned = false, X509Certificate2? issuer = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var eku = new OidCollection();
        foreach (var usage in usages ?? ["1.3.6.1.5.5.7.3.1"])
        {
            eku.Add(new Oid(usage));
        }

        if (eku.Count > 0)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(eku, false));
        }

        if (dnsNames.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in dnsNames)
            {
                san.AddDnsName(name);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        if (selfSigned)
        {
            return request.CreateSelfSigned(notBefore, notAfter);
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer ?? Root, true, false));
        using var issued = request.Create(issuer ?? Root, notBefore, notAfter, BitConverter.GetBytes(_serial++));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>An intermediate CA the root signs, valid as long as the root, with its private key.</summary>
    public X509Certificate2 Intermediate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=SfbPolicyGen Test Issuing CA, O=SfbPolicyGen tests", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        using var issued = request.Create(Root, Root.NotBefore, Root.NotAfter, BitConverter.GetBytes(_serial++));
        return issued.CopyWithPrivateKey(key);
    }

    public static string KeyPem(X509Certificate2 certificate) => certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();
}
