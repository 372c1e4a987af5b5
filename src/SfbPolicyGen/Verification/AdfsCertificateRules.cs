using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace SfbPolicyGen.Verification;

/// <summary>How verify judges a certificate of AD FS, apart from its chain (<see cref="AdfsTrust"/>):
/// its Server Authentication EKU, its name (RFC 6125) and its expiry. Pure: the time is given.</summary>
internal static class AdfsCertificateRules
{
    /// <summary>id-kp-serverAuth (RFC 5280, 4.2.1.12), which AD FS requires of its SSL certificate
    /// (docs/ARTICLE.md, "The ADFS check").</summary>
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>Under this, an expiry is an error (an expired certificate too).</summary>
    public static readonly TimeSpan ErrorWithin = TimeSpan.FromDays(30);

    /// <summary>Under this, an expiry is a warning.</summary>
    public static readonly TimeSpan WarnWithin = TimeSpan.FromDays(90);

    public static (CheckStatus Status, string Message) Expiry(X509Certificate2 certificate, DateTimeOffset now)
    {
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var left = notAfter - now;
        var days = (int)Math.Floor(left.TotalDays);
        return now < notBefore ? (CheckStatus.Error, $"not valid before {Date(notBefore)}")
            : left <= TimeSpan.Zero ? (CheckStatus.Error, $"expired on {Date(notAfter)}")
            : left < ErrorWithin ? (CheckStatus.Error, $"expires on {Date(notAfter)}, in {days} days (under {ErrorWithin.Days})")
            : left < WarnWithin ? (CheckStatus.Warning, $"expires on {Date(notAfter)}, in {days} days (under {WarnWithin.Days})")
            : (CheckStatus.Ok, $"valid until {Date(notAfter)} ({days} days)");
    }

    /// <summary>An EKU extension without serverAuth restricts the certificate to other uses; one that is
    /// missing leaves it unrestricted for TLS (RFC 5280, 4.2.1.12), but AD FS asks for serverAuth.</summary>
    public static (CheckStatus Status, string Message) Eku(X509Certificate2 certificate)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(e => e.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()).Select(o => o.Value).ToList();
        return usages.Contains(ServerAuthentication) ? (CheckStatus.Ok, $"Server Authentication EKU ({ServerAuthentication}) present")
            : usages.Count == 0 ? (CheckStatus.Error, $"no Enhanced Key Usage extension: AD FS requires Server Authentication ({ServerAuthentication})")
            : (CheckStatus.Error, $"no Server Authentication EKU ({ServerAuthentication}); the certificate is for {string.Join(", ", usages)} only");
    }

    /// <summary>RFC 6125 (6.4): the name against the SAN's dNSName entries; the subject's CN only when
    /// there is none at all (6.4.4), which the message says.</summary>
    /// <param name="name">Lowercase and punycode, as the model holds names.</param>
    public static (CheckStatus Status, string Message) Name(X509Certificate2 certificate, string name)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()).ToList();
        if (san.Count > 0)
        {
            return san.Any(presented => Matches(presented, name))
                ? (CheckStatus.Ok, $"{name} matches the certificate's subject alternative names ({string.Join(", ", san)})")
                : (CheckStatus.Error, $"{name} is not among the certificate's subject alternative names ({string.Join(", ", san)})");
        }

        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return Matches(commonName, name)
            ? (CheckStatus.Warning, $"no subject alternative name (dNSName): {name} matches only the subject's CN '{commonName}', a fallback many clients no longer accept (RFC 6125, 6.4.4)")
            : (CheckStatus.Error, $"no subject alternative name (dNSName), and {name} does not match the subject's CN '{commonName}' either (RFC 6125, 6.4.4)");
    }

    /// <summary>RFC 6125, 6.4.1 and 6.4.3: case-insensitive, an internationalised name compared in
    /// punycode; a wildcard only as the whole left-most label, standing for exactly one label, and over
    /// at least two labels (no "*.com"); a partial wildcard ("w*.example.com") matches nothing.</summary>
    public static bool Matches(string presented, string name)
    {
        if (Ascii(presented.TrimEnd('.')) is not { } reference)
        {
            return false;
        }

        var wanted = name.TrimEnd('.').ToLowerInvariant();
        if (!reference.Contains('*', StringComparison.Ordinal))
        {
            return reference == wanted;
        }

        var dot = wanted.IndexOf('.', StringComparison.Ordinal);
        return reference.StartsWith("*.", StringComparison.Ordinal)
            && reference.IndexOf('*', 1) < 0
            && reference.Count(c => c == '.') >= 2
            && dot > 0
            && wanted[(dot + 1)..] == reference[2..];
    }

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = false };

    private static string? Ascii(string presented)
    {
        try
        {
            return (presented.All(char.IsAscii) ? presented : Idn.GetAscii(presented)).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
