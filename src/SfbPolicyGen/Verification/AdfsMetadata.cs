using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using System.Xml.Linq;

namespace SfbPolicyGen.Verification;

/// <summary>The federation metadata of AD FS (docs/ARTICLE.md, "The ADFS check"): fetched over HTTPS,
/// read with System.Xml.Linq (no DTD), its token-signing certificates taken from each
/// <c>md:KeyDescriptor use="signing"</c> (SAML 2.0 metadata) and judged by their expiry. A token-signing
/// certificate is self-signed by AD FS's own design, so its chain is not judged. With automatic
/// certificate rollover AD FS publishes the next certificate beside the current one before it promotes
/// it: the later-issued ones are named secondary.</summary>
internal static class AdfsMetadata
{
    public static readonly XNamespace Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";

    public static readonly XNamespace Signature = "http://www.w3.org/2000/09/xmldsig#";

    public sealed record Line(string Subject, CheckStatus Status, string Message);

    public static async Task<IReadOnlyList<Line>> CheckAsync(AdfsHttp http, Uri url, DateTimeOffset now, CancellationToken ct)
    {
        var subject = url.ToString();
        var (status, body, failure) = await http.GetAsync(url, ct).ConfigureAwait(false);
        if (failure is var (failed, why))
        {
            return [new(subject, failed, $"the federation metadata is not reachable: {why}")];
        }

        if (status != HttpStatusCode.OK)
        {
            return [new(subject, CheckStatus.Error, $"the federation metadata is not reachable: HTTP {(int)status} {status}")];
        }

        if (body is null)
        {
            return [new(subject, CheckStatus.Error, $"the federation metadata is larger than {AdfsHttp.MaxBody / 1024 / 1024} MB")];
        }

        var (certificates, problem) = SigningCertificates(body);
        if (problem is not null)
        {
            return [new(subject, CheckStatus.Error, problem)];
        }

        var lines = new List<Line> { new(subject, CheckStatus.Ok, $"federation metadata read: {certificates.Count} token-signing certificate(s)") };
        var ordered = certificates.OrderBy(c => c.NotBefore).ThenBy(c => c.Thumbprint, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var certificate = ordered[i];
            var role = i == 0 ? "token-signing" : "secondary token-signing (automatic certificate rollover)";
            var (verdict, message) = AdfsCertificateRules.Expiry(certificate, now);
            lines.Add(new($"{role} {certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false)} {certificate.Thumbprint}", verdict, message));
            certificate.Dispose();
        }

        return lines;
    }

    /// <summary>The distinct certificates of the signing key descriptors (AD FS repeats its certificate
    /// in each role descriptor), or what is wrong with the document.</summary>
    internal static (List<X509Certificate2> Certificates, string? Problem) SigningCertificates(byte[] body)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            return ([], $"the federation metadata is not XML ({e.Message})");
        }

        if (document.Root?.Name != Metadata + "EntityDescriptor")
        {
            return ([], $"the federation metadata is not SAML 2.0 metadata: its root is {document.Root?.Name.LocalName}, not md:EntityDescriptor");
        }

        var certificates = new List<X509Certificate2>();
        foreach (var text in document.Descendants(Metadata + "KeyDescriptor")
            .Where(k => (string?)k.Attribute("use") == "signing")
            .SelectMany(k => k.Descendants(Signature + "X509Certificate"))
            .Select(e => string.Concat(e.Value.Where(c => !char.IsWhiteSpace(c))))
            .Distinct(StringComparer.Ordinal))
        {
            try
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text)));
            }
            catch (Exception e) when (e is FormatException or CryptographicException)
            {
                certificates.ForEach(c => c.Dispose());
                return ([], $"a signing ds:X509Certificate of the federation metadata is not a certificate ({e.Message})");
            }
        }

        return certificates.Count == 0
            ? ([], "the federation metadata holds no signing certificate (md:KeyDescriptor use=\"signing\" with a ds:X509Certificate)")
            : (certificates, null);
    }
}
