using SfbPolicyGen.Signing;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Signing;

/// <summary>What --sign-certificate accepts (PEM with the key beside it or inside, PKCS #12 with its
/// password) and what it refuses, in words, before anything is written.</summary>
public sealed class SigningCertificateTests : IDisposable
{
    private readonly CodeSigningFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_pem_chain_and_its_key_sign_and_the_intermediate_travels_with_the_signature()
    {
        using var publisher = _files.Publisher();
        var (certificate, key) = _files.Pem(publisher);

        var (signer, problem) = SigningCertificate.Load(new SigningRequest(certificate, key, null), signing: true, DateTimeOffset.UtcNow);

        Assert.Null(problem);
        Assert.True(signer!.CanSign);
        Assert.Equal(publisher.Thumbprint, signer.Certificate.Thumbprint);
        Assert.True(AuthenticodeScript.Verify(signer.Sign("Write-Output 1\r\n"u8)).IsValid);
    }

    [Fact]
    public void A_pem_file_that_holds_its_key_needs_no_key_file()
    {
        using var publisher = _files.Publisher();
        var (certificate, key) = _files.Pem(publisher);
        var both = Path.Join(_files.Folder, "both.pem");
        File.WriteAllText(both, File.ReadAllText(certificate) + File.ReadAllText(key));

        var (signer, problem) = SigningCertificate.Load(new SigningRequest(both, null, null), signing: true, DateTimeOffset.UtcNow);

        Assert.True(problem is null, problem);
        Assert.True(signer!.CanSign);
    }

    [Fact]
    public void A_pfx_opens_with_its_password_and_not_without()
    {
        using var publisher = _files.Publisher();
        var pfx = _files.Pfx(publisher);

        var (signer, problem) = SigningCertificate.Load(new SigningRequest(pfx, null, CodeSigningFiles.Password), signing: true, DateTimeOffset.UtcNow);
        Assert.Null(problem);
        Assert.Equal(publisher.Thumbprint, signer!.Certificate.Thumbprint);

        var (none, wrong) = SigningCertificate.Load(new SigningRequest(pfx, null, "not the password"), signing: true, DateTimeOffset.UtcNow);
        Assert.Null(none);
        Assert.StartsWith($"cannot read the signing certificate '{pfx}': ", wrong, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_not_for_code_signing_is_refused_even_to_check()
    {
        using var server = _files.Publisher("Web Server", usages: [CodeSigningFiles.ServerAuthentication]);
        using var noEku = _files.Publisher("No Usage", usages: []);

        foreach (var certificate in new[] { server, noEku })
        {
            var (certificateFile, key) = _files.Pem(certificate, certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false).Replace(' ', '-'));
            foreach (var signing in new[] { true, false })
            {
                var (signer, problem) = SigningCertificate.Load(new SigningRequest(certificateFile, key, null), signing, DateTimeOffset.UtcNow);
                Assert.Null(signer);
                Assert.Equal($"the certificate {certificate.Subject} is not for code signing: its Extended Key Usage lacks Code Signing (1.3.6.1.5.5.7.3.3), so PowerShell would not accept its signatures", problem);
            }
        }
    }

    [Fact]
    public void An_expired_or_not_yet_valid_certificate_cannot_sign_but_still_checks()
    {
        var now = DateTimeOffset.UtcNow;
        using var expired = _files.Publisher("Expired", now.AddYears(-2), now.AddDays(-1));
        using var future = _files.Publisher("Future", now.AddDays(2), now.AddYears(1));

        foreach (var (certificate, name) in new[] { (expired, "expired"), (future, "future") })
        {
            var (file, key) = _files.Pem(certificate, name);
            var (signer, problem) = SigningCertificate.Load(new SigningRequest(file, key, null), signing: true, now);
            Assert.Null(signer);
            Assert.StartsWith($"the certificate {certificate.Subject} is not valid now: valid from ", problem, StringComparison.Ordinal);

            Assert.NotNull(SigningCertificate.Load(new SigningRequest(file, key, null), signing: false, now).Signer);
        }
    }

    [Fact]
    public void A_certificate_without_its_key_cannot_sign_but_checks()
    {
        using var publisher = _files.Publisher();
        var file = _files.PublicPem(publisher);

        var (none, problem) = SigningCertificate.Load(new SigningRequest(file, null, null), signing: true, DateTimeOffset.UtcNow);
        Assert.Null(none);
        Assert.Equal($"the certificate {publisher.Subject} comes without its private key: give a .pfx that holds it, or the PEM key with --sign-key", problem);

        var (expecting, _) = SigningCertificate.Load(new SigningRequest(file, null, null), signing: false, DateTimeOffset.UtcNow);
        Assert.False(expecting!.CanSign);
        Assert.True(expecting.IsSigner(publisher));
    }

    [Fact]
    public void A_file_that_is_no_certificate_is_refused()
    {
        var missing = Path.Join(_files.Folder, "missing.pfx");
        var text = Path.Join(_files.Folder, "notes.pem");
        File.WriteAllText(text, "-----BEGIN NOTHING-----\nAAAA\n-----END NOTHING-----\n");

        Assert.StartsWith($"cannot read the signing certificate '{missing}': ", SigningCertificate.Load(new SigningRequest(missing, null, null), true, DateTimeOffset.UtcNow).Problem, StringComparison.Ordinal);
        Assert.Equal($"'{text}' holds no certificate", SigningCertificate.Load(new SigningRequest(text, null, null), true, DateTimeOffset.UtcNow).Problem);
    }
}
