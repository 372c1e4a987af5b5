using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SfbPolicyGen.Verification;

/// <summary>Whom verify trusts for AD FS: the system's roots, and the roots of --ca-file. X509Chain
/// takes one or the other (ChainPolicy.TrustMode), so a chain is built against the system's first and,
/// when that fails and a CA file is given, against the file's roots alone (CustomRootTrust). Revocation
/// is not checked and no missing intermediate is downloaded (a check must not hang on another server:
/// the server must send its chain); expiry is judged apart
/// (<see cref="AdfsCertificateRules.Expiry"/>), so the chain's verdict ignores it unless asked.</summary>
internal sealed class AdfsTrust : IDisposable
{
    private readonly X509Certificate2Collection _roots;

    private AdfsTrust(X509Certificate2Collection roots) => _roots = roots;

    /// <summary>The trust of <paramref name="caFile"/> (PEM, one or more certificates) added to the
    /// system's. Throws <see cref="CryptographicException"/> or an I/O exception for a file it cannot read.</summary>
    public static AdfsTrust Load(string? caFile)
    {
        var roots = new X509Certificate2Collection();
        if (caFile is not null)
        {
            roots.ImportFromPemFile(caFile);
            if (roots.Count == 0)
            {
                throw new CryptographicException($"{caFile} holds no PEM certificate");
            }
        }

        return new AdfsTrust(roots);
    }

    public void Dispose()
    {
        foreach (var root in _roots)
        {
            root.Dispose();
        }
    }

    /// <summary>The chain line of verify: self-signed (the article's cause), trusted (naming the root),
    /// or not, with the chain's own status.</summary>
    /// <param name="presented">The certificates the server sent besides its own.</param>
    public (CheckStatus Status, string Message) Judge(X509Certificate2 leaf, X509Certificate2Collection presented, DateTimeOffset now)
    {
        var others = presented.Where(c => c.Thumbprint != leaf.Thumbprint).ToList();
        if (leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData) && others.Count == 0)
        {
            return (CheckStatus.Error,
                $"self-signed ({leaf.Subject}, issued by itself, no chain): \"The server is temporarily unavailable\", AD FS with a self-signed certificate; install a certificate from a third-party certification authority on the AD FS server");
        }

        var (trusted, detail) = Build(leaf, presented, now, ignoreTime: true);
        return trusted
            ? (CheckStatus.Ok, $"the chain builds to a trusted root ({detail})")
            : (CheckStatus.Error, $"the chain does not build to a trusted root ({detail}); install the certificate with its intermediates, from an authority clients trust (or pass its root with --ca-file)");
    }

    /// <summary>Whether an HTTPS client of verify accepts the certificate: the chain builds to a trusted root, in date.</summary>
    public bool Accepts(X509Certificate2 leaf, X509Certificate2Collection presented, DateTimeOffset now) => Build(leaf, presented, now, ignoreTime: false).Trusted;

    /// <returns>Trusted and the root's subject, or not and the chain's status flags.</returns>
    private (bool Trusted, string Detail) Build(X509Certificate2 leaf, X509Certificate2Collection presented, DateTimeOffset now, bool ignoreTime)
    {
        var detail = "";
        foreach (var custom in _roots.Count == 0 ? [false] : new[] { false, true })
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            chain.ChainPolicy.VerificationTime = now.UtcDateTime;
            chain.ChainPolicy.VerificationTimeIgnored = false;
            chain.ChainPolicy.VerificationFlags = ignoreTime ? X509VerificationFlags.IgnoreNotTimeValid : X509VerificationFlags.NoFlag;
            chain.ChainPolicy.ExtraStore.AddRange(presented);
            if (custom)
            {
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
            }

            var built = chain.Build(leaf);
            var root = chain.ChainElements.Count > 0 ? chain.ChainElements[^1].Certificate : null;
            try
            {
                if (built && root is not null)
                {
                    return (true, $"{root.Subject}, {(custom ? "from --ca-file" : "a system root")}");
                }

                detail = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct().Order(StringComparer.Ordinal));
            }
            finally
            {
                foreach (var element in chain.ChainElements)
                {
                    element.Certificate.Dispose();
                }
            }
        }

        return (false, detail.Length == 0 ? "no chain" : detail);
    }
}
