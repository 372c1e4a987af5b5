using SfbPolicyGen.Signing;
using SfbPolicyGen.Tests.Consumers;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Signing;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary>generate --sign-certificate, and check and plan of a signed tree with and without the key:
/// every script signed as osslsigncode accepts, every other byte as without signing, the same bytes on
/// every run; a pull request's check (no key) passes on the signed tree and catches a hand-edited or
/// re-signed script; a plan made with the public certificate is the one generate with the key applies.</summary>
public sealed class SignedScriptsCommandTests : IDisposable
{
    private readonly CodeSigningFiles _files = new();
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _publisher;
    private readonly string _certificate;
    private readonly string _key;
    private readonly string _public;
    private readonly string _root = Directory.CreateTempSubdirectory("sfb-signed-").FullName;

    public SignedScriptsCommandTests()
    {
        _publisher = _files.Publisher();
        (_certificate, _key) = _files.Pem(_publisher);
        _public = _files.PublicPem(_publisher);
    }

    private static string Policy(string name = "007-active-directory-and-cleanup") => Path.Combine(GoldenCases.Dir(name), "policies.yaml");

    public void Dispose()
    {
        _publisher.Dispose();
        _files.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [SkippableTheory]
    [Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Every_script_is_signed_as_osslsigncode_verifies_and_every_other_byte_is_as_unsigned(string name)
    {
        var unsigned = Generate(name, "unsigned");
        var signed = Generate(name, "signed", "--sign-certificate", _certificate, "--sign-key", _key);

        var files = Files(unsigned);
        Assert.Equal(files, Files(signed));
        var scripts = files.Where(f => f.EndsWith(".ps1", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(scripts);
        foreach (var file in files)
        {
            var plain = File.ReadAllBytes(Path.Join(unsigned, file));
            var bytes = File.ReadAllBytes(Path.Join(signed, file));
            if (!scripts.Contains(file))
            {
                Assert.True(plain.AsSpan().SequenceEqual(bytes) || file == "manifest.json", $"{file} differs once scripts are signed");
                continue;
            }

            Assert.Equal(plain, bytes[..AuthenticodeScript.ContentLength(bytes)]);
            var verified = AuthenticodeScriptTests.Osslsigncode("verify", "-in", Path.Join(signed, file), "-CAfile", _files.RootFile);
            Assert.True(verified.ExitCode == 0, $"{file}: {verified}");
            Assert.Contains("Signature verification: ok", verified.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Two_runs_sign_byte_for_byte_the_same_and_a_third_writes_nothing()
    {
        var first = Generate("007-active-directory-and-cleanup", "first", "--sign-certificate", _certificate, "--sign-key", _key);
        var second = Generate("007-active-directory-and-cleanup", "second", "--sign-certificate", _certificate, "--sign-key", _key);

        foreach (var file in Files(first))
        {
            Assert.Equal(File.ReadAllBytes(Path.Join(first, file)), File.ReadAllBytes(Path.Join(second, file)));
        }

        var again = CliRunner.Run("generate", Policy(), "--out", first, "--sign-certificate", _certificate, "--sign-key", _key);
        Assert.Contains(": 0 written,", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pull_request_check_without_the_key_passes_on_the_signed_tree()
    {
        var signed = Generate("007-active-directory-and-cleanup", "signed", "--sign-certificate", _certificate, "--sign-key", _key);

        var check = CliRunner.Run("check", Policy(), "--out", signed);
        var expecting = CliRunner.Run("check", Policy(), "--out", signed, "--sign-certificate", _public);
        var plan = CliRunner.Run("plan", Policy(), "--out", signed);

        Assert.True(check.Code == 0, check.ToString());
        Assert.True(expecting.Code == 0, expecting.ToString());
        Assert.True(plan.Code == 0, plan.ToString());
    }

    [Fact]
    public void A_hand_edited_a_damaged_or_a_re_signed_script_is_edited()
    {
        using var other = _files.Publisher("Someone Else");
        var resigner = new ScriptSigner(other, []);
        var cases = new Dictionary<string, Func<byte[], byte[]>>
        {
            ["edited"] = bytes => [.. bytes[..3], .. "# a line added by hand\r\n"u8, .. bytes[3..]],
            ["damaged"] = bytes => Damage(bytes),
            ["re-signed"] = bytes => resigner.Sign(bytes),
        };
        foreach (var (change, edit) in cases)
        {
            var signed = Generate("007-active-directory-and-cleanup", change, "--sign-certificate", _certificate, "--sign-key", _key);
            var script = Path.Join(signed, "northwind", "ad", "Enable-SipUsers.ps1");
            File.WriteAllBytes(script, edit(File.ReadAllBytes(script)));

            var check = CliRunner.Run("check", Policy(), "--out", signed);

            Assert.True(check.Code == 1, $"{change}: {check}");
            Assert.Contains("edited: northwind/ad/Enable-SipUsers.ps1 (differs from what generate wrote; generate would overwrite it)\n", check.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_with_the_public_certificate_wants_every_script_signed_by_it()
    {
        var unsigned = Generate("007-active-directory-and-cleanup", "unsigned");

        var check = CliRunner.Run("check", Policy(), "--out", unsigned, "--sign-certificate", _public);

        Assert.Equal(1, check.Code);
        Assert.Contains("changed: northwind/ad/Enable-SipUsers.ps1\n(the content is what generate writes; it is not signed, and generate signs it with CN=Contoso Scripts, O=SfbPolicyGen tests (SHA-256 ", check.Stdout, StringComparison.Ordinal);
        Assert.Equal(Files(unsigned).Count(f => f.EndsWith(".ps1", StringComparison.Ordinal)), check.Stdout.Split('\n').Count(l => l.StartsWith("changed: ", StringComparison.Ordinal) && l.EndsWith(".ps1", StringComparison.Ordinal)));
        Assert.Contains($"--sign-certificate {_public}'", check.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_saved_with_the_public_certificate_is_the_one_generate_with_the_key_applies()
    {
        var folder = Generate("007-active-directory-and-cleanup", "deployed");
        var planFile = Path.Join(_root, "plan.json");
        var unsignedPlan = Path.Join(_root, "unsigned-plan.json");

        Assert.Equal(1, CliRunner.Run("plan", Policy(), "--out", folder, "--sign-certificate", _public, "--save", planFile).Code);
        Assert.Equal(0, CliRunner.Run("plan", Policy(), "--out", folder, "--save", unsignedPlan).Code);

        // A plan that did not foresee the signatures is not the run that signs.
        var refused = CliRunner.Run("generate", Policy(), "--out", folder, "--sign-certificate", _certificate, "--sign-key", _key, "--plan", unsignedPlan);
        Assert.Equal(2, refused.Code);
        Assert.Contains("SFB052", refused.Stderr, StringComparison.Ordinal);

        var applied = CliRunner.Run("generate", Policy(), "--out", folder, "--sign-certificate", _certificate, "--sign-key", _key, "--plan", planFile);
        Assert.True(applied.Code == 0, applied.ToString());
        Assert.True(AuthenticodeScript.Verify(File.ReadAllBytes(Path.Join(folder, "northwind", "ad", "Enable-SipUsers.ps1"))).IsValid);
    }

    [Fact]
    public void Generate_without_the_key_keeps_the_signatures_of_scripts_that_did_not_change()
    {
        var signed = Generate("007-active-directory-and-cleanup", "signed", "--sign-certificate", _certificate, "--sign-key", _key);

        var again = CliRunner.Run("generate", Policy(), "--out", signed);

        Assert.Contains(": 0 written,", again.Stdout, StringComparison.Ordinal);
        Assert.All(Files(signed).Where(f => f.EndsWith(".ps1", StringComparison.Ordinal)), f => Assert.True(AuthenticodeScript.Verify(File.ReadAllBytes(Path.Join(signed, f))).IsValid, f));
    }

    [Fact]
    public void A_refused_certificate_is_reported_and_changes_nothing()
    {
        var folder = Generate("007-active-directory-and-cleanup", "deployed");
        var before = Files(folder).ToDictionary(f => f, f => File.ReadAllBytes(Path.Join(folder, f)));
        using var server = _files.Publisher("Web Server", usages: [CodeSigningFiles.ServerAuthentication]);
        var (certificate, key) = _files.Pem(server, "server");

        var refused = CliRunner.Run("generate", Policy(), "--out", folder, "--sign-certificate", certificate, "--sign-key", key);
        var keyless = CliRunner.Run("generate", Policy(), "--out", folder, "--sign-certificate", _public);

        Assert.Equal(2, refused.Code);
        Assert.Equal($"sfbpolicygen: error SFB084: the certificate {server.Subject} is not for code signing: its Extended Key Usage lacks Code Signing (1.3.6.1.5.5.7.3.3), so PowerShell would not accept its signatures; nothing was written\n", refused.Stderr);
        Assert.Equal(2, keyless.Code);
        Assert.Contains("error SFB084: the certificate CN=Contoso Scripts, O=SfbPolicyGen tests comes without its private key", keyless.Stderr, StringComparison.Ordinal);
        Assert.Equal(before.Keys, Files(folder));
        Assert.All(before, f => Assert.Equal(f.Value, File.ReadAllBytes(Path.Join(folder, f.Key))));
    }

    [Fact]
    public void A_pfx_password_comes_from_a_file_or_the_environment_variable_and_companions_need_the_certificate()
    {
        var pfx = _files.Pfx(_publisher);
        var passwordFile = Path.Join(_root, "password.txt");
        File.WriteAllText(passwordFile, CodeSigningFiles.Password + "\n");

        var signed = Generate("001-minimal", "pfx", "--sign-certificate", pfx, "--sign-password-file", passwordFile);
        Assert.All(Files(signed).Where(f => f.EndsWith(".ps1", StringComparison.Ordinal)), f => Assert.True(AuthenticodeScript.Verify(File.ReadAllBytes(Path.Join(signed, f))).IsValid, f));

        var alone = CliRunner.Run("generate", Policy("001-minimal"), "--out", Path.Join(_root, "alone"), "--sign-key", _key);
        Assert.Equal(2, alone.Code);
        Assert.Contains("error SFB080: --sign-key, --sign-password-file and --timestamp-url go with --sign-certificate", alone.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Join(_root, "alone")));
    }

    [SkippableFact]
    [Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
    public void A_timestamp_comes_from_the_authority_osslsigncode_verifies_it_and_a_second_run_keeps_the_scripts()
    {
        using var authority = new TimestampAuthority(_files);
        string[] signing = ["--sign-certificate", _certificate, "--sign-key", _key, "--timestamp-url", authority.Url.ToString()];

        var stamped = Generate("001-minimal", "stamped", signing);

        var scripts = Files(stamped).Where(f => f.EndsWith(".ps1", StringComparison.Ordinal)).ToList();
        Assert.Equal(scripts.Count, authority.Requests);
        foreach (var script in scripts)
        {
            var verified = AuthenticodeScriptTests.Osslsigncode("verify", "-in", Path.Join(stamped, script), "-CAfile", _files.RootFile, "-TSA-CAfile", _files.RootFile);
            Assert.True(verified.ExitCode == 0, $"{script}: {verified}");
            Assert.Contains("Timestamp Server Signature verification: ok", verified.Stdout, StringComparison.Ordinal);
        }

        // A token holds the time it was made: the scripts would differ at each signing, so those whose
        // content and signer are the same stay as they are.
        var again = CliRunner.Run(["generate", Policy("001-minimal"), "--out", stamped, .. signing]);
        Assert.True(again.Stdout.Contains(": 0 written,", StringComparison.Ordinal), again.ToString());
        Assert.Equal(scripts.Count * 2, authority.Requests);
        Assert.Equal(0, CliRunner.Run("check", Policy("001-minimal"), "--out", stamped).Code);
    }

    [Fact]
    public void An_authority_that_does_not_answer_fails_the_run_and_writes_nothing()
    {
        var folder = Path.Join(_root, "unstamped");
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}/tsa";

        var run = CliRunner.Run("generate", Policy("001-minimal"), "--out", folder, "--sign-certificate", _certificate, "--sign-key", _key, "--timestamp-url", url);

        Assert.Equal(3, run.Code);
        Assert.Contains($"error SFB085: minimal/gpo/Set-TrustModelDataGpo.ps1: the time-stamping authority {url} gave no token: ", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("; nothing was written (without --timestamp-url, generate signs without a timestamp)\n", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    private string Generate(string name, string folder, params string[] options)
    {
        var output = Path.Join(_root, folder);
        var run = CliRunner.Run(["generate", .. GoldenCases.Inputs(name), "--out", output, "--quiet", .. options]);
        Assert.True(run.Code == 0, run.ToString());
        return output;
    }

    private static List<string> Files(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    private static byte[] Damage(byte[] bytes)
    {
        var damaged = bytes.ToArray();
        var at = AuthenticodeScript.ContentLength(bytes) + 100;
        damaged[at] = damaged[at] == (byte)'A' ? (byte)'B' : (byte)'A';
        return damaged;
    }
}
