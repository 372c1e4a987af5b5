using System.CommandLine;
using System.Globalization;
using SfbPolicyGen.Signing;

namespace SfbPolicyGen.Cli;

/// <summary>--sign-certificate and its companions (docs/SIGNING.md). generate signs every script with the
/// certificate's key; check and plan, which a pull request runs without secrets, need only its public
/// part and expect every script signed by it.</summary>
internal sealed class SigningOptions(bool signs)
{
    /// <summary>The environment variable a PKCS #12 file's (or an encrypted PEM key's) password comes from.</summary>
    public const string PasswordVariable = "SFBPOLICYGEN_SIGN_PASSWORD";

    public Option<string?> Certificate { get; } = new("--sign-certificate")
    {
        Description = signs
            ? $"Sign every generated .ps1 (Authenticode, SHA-256) with this certificate: a .pfx/.p12 (password in ${PasswordVariable} or --sign-password-file) or PEM (certificate, then intermediates; key in the file or --sign-key)."
            : "Expect every .ps1 signed by this certificate (its public part is enough): a script that is not counts as a change.",
        HelpName = "FILE",
    };

    public Option<string?> Key { get; } = new("--sign-key") { Description = "The PEM private key of --sign-certificate, when not in its file.", HelpName = "FILE" };

    public Option<string?> PasswordFile { get; } = new("--sign-password-file")
    {
        Description = $"A file whose first line is the password of --sign-certificate (else ${PasswordVariable}).",
        HelpName = "FILE",
    };

    public Option<Uri?> TimestampUrl { get; } = new("--timestamp-url")
    {
        Description = "An RFC 3161 time-stamping authority to countersign each signature (off by default: a timestamp makes each signing's bytes differ).",
        HelpName = "URL",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                return url;
            }

            result.AddError($"--timestamp-url must be an http or https URL, not '{Model.FreeText.Shown(text)}'");
            return null;
        },
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Certificate);
        command.Options.Add(Key);
        command.Options.Add(PasswordFile);
        if (signs)
        {
            command.Options.Add(TimestampUrl);
        }
    }

    /// <summary>The run's signer, if --sign-certificate is given.</summary>
    /// <returns>False once the refusal is printed (SFB084; the caller exits 2).</returns>
    public bool TryLoad(ParseResult parsed, CommandOutput console, out ScriptSigner? signer, out TimestampClient? timestamp)
    {
        signer = null;
        timestamp = null;
        if (parsed.GetValue(Certificate) is not { } file)
        {
            if (parsed.GetValue(Key) is not null || parsed.GetValue(PasswordFile) is not null || (signs && parsed.GetValue(TimestampUrl) is not null))
            {
                console.UsageError("--sign-key, --sign-password-file and --timestamp-url go with --sign-certificate");
                return false;
            }

            return true;
        }

        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (parsed.GetValue(PasswordFile) is { } passwordFile)
        {
            try
            {
                password = File.ReadLines(passwordFile).FirstOrDefault() ?? "";
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                console.SigningCertificateRefused($"cannot read the password file '{passwordFile}': {ex.Message.TrimEnd('.')}");
                return false;
            }
        }

        timestamp = signs && parsed.GetValue(TimestampUrl) is { } url ? new TimestampClient(url, TimeSpan.FromSeconds(30)) : null;
        var (loaded, problem) = SigningCertificate.Load(new SigningRequest(file, parsed.GetValue(Key), password, SourceDateEpoch(), timestamp), signs, DateTimeOffset.UtcNow);
        if (loaded is null)
        {
            timestamp?.Dispose();
            timestamp = null;
            console.SigningCertificateRefused(problem!);
            return false;
        }

        signer = loaded;
        return true;
    }

    /// <summary>The words that repeat the signing options (for check's and plan's "run generate" hint).</summary>
    public IEnumerable<string> Words(ParseResult parsed)
    {
        foreach (var option in new[] { Certificate, Key, PasswordFile })
        {
            if (parsed.GetValue(option) is { } value)
            {
                yield return option.Name;
                yield return value;
            }
        }
    }

    /// <summary>SOURCE_DATE_EPOCH (reproducible-builds.org): the signing time of every signature when set.</summary>
    private static DateTimeOffset? SourceDateEpoch() =>
        long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
