using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace SfbPolicyGen.Signing;

/// <summary>The publisher of the run's scripts. With its private key (generate --sign-certificate) it
/// signs every script; without it (check and plan --sign-certificate: no secret in a pull request) it
/// only says which certificate the scripts must be signed by. Loaded and checked by
/// <see cref="SigningCertificate.Load"/>. docs/SIGNING.md says what is signed and why.</summary>
public sealed class ScriptSigner
{
    private readonly X509Certificate2? _withKey;
    private readonly X509Certificate2Collection _chain;
    private readonly Func<byte[], byte[]>? _timestamp;

    /// <param name="chain">The other certificates to include (intermediates), in the order given.</param>
    /// <param name="signingTime">A fixed signing time (from SOURCE_DATE_EPOCH); none when null, so that
    /// the bytes depend on the content and the key only.</param>
    /// <param name="timestamp">Asks a time-stamping authority for an RFC 3161 token over a signature
    /// value; none when null (<see cref="TimestampClient"/>).</param>
    internal ScriptSigner(X509Certificate2 certificate, X509Certificate2Collection chain, DateTimeOffset? signingTime = null, Func<byte[], byte[]>? timestamp = null)
    {
        Certificate = certificate;
        _withKey = certificate.HasPrivateKey ? certificate : null;
        _chain = chain;
        SigningTime = signingTime;
        _timestamp = timestamp;
    }

    /// <summary>The signer's certificate (its public part is all check and plan need).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Whether this run signs (it holds the private key), or only expects scripts signed.</summary>
    public bool CanSign => _withKey is not null;

    public DateTimeOffset? SigningTime { get; }

    /// <summary>The certificate, as a reader names it: subject and SHA-256 thumbprint.</summary>
    public string Shown => $"{Certificate.Subject} (SHA-256 {Certificate.GetCertHashString(HashAlgorithmName.SHA256)})";

    /// <summary>Whether a signature's certificate is this signer's (the same certificate, byte for byte).</summary>
    public bool IsSigner(X509Certificate2? certificate) => certificate is not null && certificate.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span);

    /// <summary>The script with its signature block (<see cref="AuthenticodeScript"/>). Without a signing
    /// time or a timestamp the bytes depend on the content and the key only: RSA PKCS #1 v1.5 signatures
    /// are deterministic.</summary>
    /// <exception cref="TimestampException">The time-stamping authority did not give a token.</exception>
    public byte[] Sign(ReadOnlySpan<byte> script)
    {
        var certificate = _withKey ?? throw new InvalidOperationException("this signer has no private key; it only checks signatures");
        var content = script[..AuthenticodeScript.ContentLength(script)];
        var cms = new SignedCms(new ContentInfo(new Oid(AuthenticodeScript.IndirectDataOid), AuthenticodeScript.IndirectData(AuthenticodeScript.ContentDigest(content))));
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            DigestAlgorithm = new Oid(AuthenticodeScript.Sha256Oid),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.Certificates.AddRange(_chain);

        // The attributes Set-AuthenticodeSignature adds beside content type and digest: an empty
        // SpcSpOpusInfo, and SpcStatementType "individual code signing" (docs/SIGNING.md, "The signed content").
        signer.SignedAttributes.Add(new AsnEncodedData(new Oid(AuthenticodeScript.OpusInfoOid), [0x30, 0x00]));
        signer.SignedAttributes.Add(new AsnEncodedData(new Oid(AuthenticodeScript.StatementTypeOid), StatementType()));
        if (SigningTime is { } time)
        {
            signer.SignedAttributes.Add(new Pkcs9SigningTime(time.UtcDateTime));
        }

        cms.ComputeSignature(signer, silent: true);
        if (_timestamp is not null)
        {
            // Authenticode keeps an RFC 3161 token as an unsigned attribute of the signer (docs/SIGNING.md, "Timestamps").
            var signerInfo = cms.SignerInfos[0];
            signerInfo.AddUnsignedAttribute(new AsnEncodedData(new Oid(TimestampClient.AuthenticodeTokenOid), _timestamp(signerInfo.GetSignature())));
        }

        return AuthenticodeScript.Append(content, cms.Encode());
    }

    private static byte[] StatementType()
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(AuthenticodeScript.IndividualCodeSigningOid);
        }

        return writer.Encode();
    }
}
