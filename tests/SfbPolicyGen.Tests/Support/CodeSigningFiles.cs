using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SfbPolicyGen.Tests.Support;

/// <summary>A throw-away publisher made in the test: an RSA root, an intermediate, and code-signing
/// certificates the intermediate issues, written as the files users give --sign-certificate (PEM
/// certificate chain, PEM key, PKCS #12 with a password). Nothing from elsewhere.</summary>
public sealed class CodeSigningFiles : IDisposable
{
    public const string CodeSigning = "1.3.6.1.5.5.7.3.3";
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    public const string Password = "pfx-password-for-the-test";

    private readonly RSA _rootKey = RSA.Create(2048);
    private readonly RSA _intermediateKey = RSA.Create(2048);
    private long _serial = 100;

    public CodeSigningFiles()
    {
        Folder = Directory.CreateTempSubdirectory("sfb-signing-").FullName;
        var now = DateTimeOffset.UtcNow;
        var root = new CertificateRequest("CN=SfbPolicyGen Test Code Signing Root, O=SfbPolicyGen tests", _rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        root.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        root.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        root.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(root.PublicKey, false));
        Root = root.CreateSelfSigned(now.AddYears(-5), now.AddYears(10));
        RootFile = Path.Join(Folder, "root.pem");
        File.WriteAllText(RootFile, Root.ExportCertificatePem());

        var intermediate = new CertificateRequest("CN=SfbPolicyGen Test Code Signing CA, O=SfbPolicyGen tests", _intermediateKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        intermediate.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        intermediate.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        intermediate.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(intermediate.PublicKey, false));
        intermediate.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        using var intermediateCertificate = intermediate.Create(Root, now.AddYears(-4), now.AddYears(5), Serial());
        Intermediate = intermediateCertificate.CopyWithPrivateKey(_intermediateKey);
    }

    public string Folder { get; }

    public X509Certificate2 Root { get; }

    /// <summary>The root's PEM: what `osslsigncode verify -CAfile` trusts.</summary>
    public string RootFile { get; }

    public X509Certificate2 Intermediate { get; }

    public void Dispose()
    {
        Root.Dispose();
        Intermediate.Dispose();
        _rootKey.Dispose();
        _intermediateKey.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A test's own temporary folder: what is left is harmless.
        }
    }

    /// <summary>A publisher certificate the intermediate issues, with its RSA key.</summary>
    /// <param name="usages">The EKU OIDs; null: Code Signing; empty: no EKU extension at all.</param>
    public X509Certificate2 Publisher(string name = "Contoso Scripts", DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, IReadOnlyList<string>? usages = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, O=SfbPolicyGen tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var ekus = usages ?? [CodeSigning];
        if (ekus.Count > 0)
        {
            var oids = new OidCollection();
            foreach (var usage in ekus)
            {
                oids.Add(new Oid(usage));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Intermediate, true, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(Intermediate, notBefore ?? now.AddDays(-1), notAfter ?? now.AddYears(1), Serial());
        return certificate.CopyWithPrivateKey(key);
    }

    /// <summary>PEM: the publisher's certificate then the intermediate; the key in its own file.</summary>
    public (string Certificate, string Key) Pem(X509Certificate2 publisher, string name = "publisher")
    {
        var certificate = Path.Join(Folder, name + ".pem");
        var key = Path.Join(Folder, name + ".key");
        File.WriteAllText(certificate, publisher.ExportCertificatePem() + "\n" + Intermediate.ExportCertificatePem() + "\n");
        File.WriteAllText(key, publisher.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
        return (certificate, key);
    }

    /// <summary>The public certificate alone, as a pull request's check gets it.</summary>
    public string PublicPem(X509Certificate2 publisher, string name = "publisher-public")
    {
        var file = Path.Join(Folder, name + ".pem");
        File.WriteAllText(file, publisher.ExportCertificatePem());
        return file;
    }

    /// <summary>PKCS #12 holding the publisher with its key and the intermediate, under <see cref="Password"/>.</summary>
    public string Pfx(X509Certificate2 publisher, string name = "publisher")
    {
        var file = Path.Join(Folder, name + ".pfx");
        var collection = new X509Certificate2Collection { publisher, Intermediate };
        File.WriteAllBytes(file, collection.Export(X509ContentType.Pkcs12, Password)!);
        return file;
    }

    private byte[] Serial() => BitConverter.GetBytes(Interlocked.Increment(ref _serial));
}
