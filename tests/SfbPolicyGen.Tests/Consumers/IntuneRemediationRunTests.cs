using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;
using static SfbPolicyGen.Tests.Support.DesiredState;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>intune/&lt;client&gt;/Detect-TrustModelData.ps1 and Remediate-TrustModelData.ps1 of every
/// golden case, run for real against the registry provider stand-ins the way Intune runs a script
/// package: detection on a non-compliant computer exits 1 with one line saying what is wrong and changes
/// nothing; remediation brings the value to what the policy asks (a listed client: the computer's entries
/// without the retired domains, then what is missing; a retired client: the tenant's entries gone, and the
/// value itself when only Microsoft's defaults are left); detection then exits 0; remediation again and
/// -WhatIf change nothing; a caller that may not write HKLM gets exit 1 and a line that says to run as
/// SYSTEM. The expected values are built here from the rule, not taken from the generator.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class IntuneRemediationRunTests
{
    private const string Partner = "partner.example";
    private const string OfficeCommon = @"HKLM:\Software\Policies\Microsoft\Office\16.0\Common";

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Non_compliant_then_remediated_then_compliant_and_a_second_remediation_changes_nothing(string name)
    {
        foreach (var pair in Pairs(name))
        {
            var state = Seeded(pair);
            var before = state.Lines();

            var detect = WindowsStandIns.Run(pair.Detect, state);
            Assert.Equal(1, detect.ExitCode);
            Assert.StartsWith($"non-compliant {pair.Key}: ", Assert.Single(detect.Output), StringComparison.Ordinal);
            Assert.Empty(state.Changes);
            Assert.Equal(before, state.Lines());

            var remediate = WindowsStandIns.Run(pair.Remediate, state);
            Assert.Equal(0, remediate.ExitCode);
            Assert.StartsWith($"changed {pair.Key}: ", Assert.Single(remediate.Output), StringComparison.Ordinal);
            Assert.Empty(remediate.Errors);
            Assert.Equal(Desired(pair).Lines(), state.Lines());

            state.Changes.Clear();
            var compliant = WindowsStandIns.Run(pair.Detect, state);
            Assert.Equal(0, compliant.ExitCode);
            Assert.Equal(pair.Retired ? $"compliant {pair.Key}: no entry of this tenant (retired client)" : $"compliant {pair.Key}: every domain is trusted and no retired one is", Assert.Single(compliant.Output));

            var again = WindowsStandIns.Run(pair.Remediate, state);
            Assert.Equal(0, again.ExitCode);
            Assert.Empty(state.Changes);
            Assert.Equal(Desired(pair).Lines(), state.Lines());
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Signed_the_pair_detects_remediates_and_detects_compliance_as_unsigned(string name)
    {
        // issue 24: Intune's "Enforce script signature check" runs the signed pair; the block is comments.
        using var files = new CodeSigningFiles();
        using var publisher = files.Publisher();
        var signer = new SfbPolicyGen.Signing.ScriptSigner(publisher, []);
        foreach (var pair in Pairs(name))
        {
            var state = Seeded(pair);

            Assert.Equal(1, WindowsStandIns.Run(signer.Sign(pair.Detect), state).ExitCode);
            Assert.Equal(0, WindowsStandIns.Run(signer.Sign(pair.Remediate), state).ExitCode);
            Assert.Equal(Desired(pair).Lines(), state.Lines());
            Assert.Equal(0, WindowsStandIns.Run(signer.Sign(pair.Detect), state).ExitCode);
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void WhatIf_changes_nothing(string name)
    {
        foreach (var pair in Pairs(name))
        {
            var run = WindowsStandIns.RunChangingNothing(pair.Remediate, Seeded(pair), WindowsStandIns.WhatIf);
            Assert.Equal(0, run.ExitCode);
        }
    }

    /// <summary>A computer that never had the key: a listed client's pair creates it with exactly the
    /// policy's value; a retired client's pair finds nothing to do.</summary>
    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void A_computer_without_the_key_gets_the_policy_value(string name)
    {
        foreach (var pair in Pairs(name))
        {
            var state = new WindowsState();
            state.Registry.Seed(OfficeCommon, "QMEnable", "0", "DWord");

            Assert.Equal(pair.Retired ? 0 : 1, WindowsStandIns.Run(pair.Detect, state).ExitCode);
            Assert.Equal(0, WindowsStandIns.Run(pair.Remediate, state).ExitCode);

            var expected = new WindowsState();
            expected.Registry.Seed(OfficeCommon, "QMEnable", "0", "DWord");
            if (!pair.Retired)
            {
                expected.Registry.Seed(pair.Key, FormatFacts.ValueName, pair.Tenant.TrustModelData.RegistryValue);
            }

            Assert.Equal(expected.Lines(), state.Lines());
        }
    }

    /// <summary>A retired client whose value holds the tenant's entries and Microsoft's defaults only: the
    /// value goes (a client without it trusts exactly those), the key's other values stay.</summary>
    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void A_retired_client_left_with_microsofts_defaults_loses_the_value(string name)
    {
        foreach (var pair in Pairs(name).Where(p => p.Retired))
        {
            var state = new WindowsState();
            state.Registry.Seed(pair.Key, FormatFacts.ValueName, string.Join(',', [.. FormatFacts.MicrosoftDefaults, .. pair.Tenant.Domains])).Seed(pair.Key, "EnableAutoUpdate", "1", "DWord");

            Assert.Equal(1, WindowsStandIns.Run(pair.Detect, state).ExitCode);
            var run = WindowsStandIns.Run(pair.Remediate, state);

            Assert.Equal(0, run.ExitCode);
            Assert.StartsWith($@"removed {pair.Key}\TrustModelData (retired client; it held ", Assert.Single(run.Output), StringComparison.Ordinal);
            Assert.Equal([$@"{pair.Key}\EnableAutoUpdate=DWord:1"], state.Lines());
            Assert.Equal(0, WindowsStandIns.Run(pair.Detect, state).ExitCode);
        }
    }

    /// <summary>Run with the logged-on user's credentials, a standard user may read HKLM but not write it:
    /// exit 1, one line naming the key, the provider's message and the setting to change; nothing changed.</summary>
    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void A_caller_that_may_not_write_is_told_to_run_as_system(string name)
    {
        foreach (var pair in Pairs(name))
        {
            var state = Seeded(pair);
            var before = state.Lines();
            state.Registry.WriteDenied = true;

            var run = WindowsStandIns.Run(pair.Remediate, state);

            Assert.Equal(1, run.ExitCode);
            Assert.Equal($"failed {pair.Key}: Requested registry access is not allowed. (run it as SYSTEM: 'Run this script using the logged-on credentials' set to No)", Assert.Single(run.Output));
            Assert.Equal(before, state.Lines());
        }
    }

    /// <summary>Intune takes at most 2048 characters of a script's output (its "Script requirements").</summary>
    [Theory]
    [InlineData(10, 10)]
    [InlineData(2048, 2048)]
    [InlineData(5000, 2048)]
    public void Output_is_one_line_cut_to_what_intune_keeps(int length, int shown)
    {
        var script = PowerShellScript.Parse(ConsumerSuite.Artifacts(GoldenCases.Sample, "intune-detect-script")[0].FullPath);
        var text = new string('x', length);

        var output = (string)Assert.Single(PowerShellScript.Run($"{script.Function("Write-IntuneLine")}\nWrite-IntuneLine '{text}'"))!;

        Assert.Equal(shown, output.Length);
        Assert.Equal(length > shown, output.EndsWith("...", StringComparison.Ordinal));
    }

    /// <summary>What Intune asks of a script whose signature it checks: UTF-8 without a byte order mark
    /// (Microsoft's Remediations "Script requirements"); ASCII, so that Windows PowerShell 5.1, which reads
    /// a file without BOM in the ANSI code page, reads it as written; CRLF line ends, since PowerShell's
    /// SIP fails scripts signed with LF (docs/SIGNING.md, "Line ends and encoding").</summary>
    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Scripts_are_ascii_without_bom_with_crlf_and_require_windows_powershell_5_1(string name)
    {
        foreach (var pair in Pairs(name))
        {
            foreach (var bytes in new[] { pair.Detect, pair.Remediate })
            {
                Assert.All(bytes, b => Assert.True(b is >= 0x20 and < 0x7F or (byte)'\r' or (byte)'\n', $"byte 0x{b:X2} in {pair.Key}'s pair"));
                Assert.True(bytes.AsSpan().StartsWith("#Requires -Version 5.1\r\n"u8));
                var text = System.Text.Encoding.ASCII.GetString(bytes);
                Assert.Equal(text.Split('\n').Length - 1, text.Split("\r\n").Length - 1);
                Assert.DoesNotContain("\r\r", text, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The computer before detection: a listed client's key holds a partner's entry, the tenant's
    /// first domain in capitals, every retired domain (in capitals) and another value; a retired client's key
    /// holds a partner's entry, one of Microsoft's defaults and the tenant's first entry in capitals. A key
    /// nothing here owns holds a value too.</summary>
    private static WindowsState Seeded(IntunePair pair)
    {
        var state = new WindowsState();
        state.Registry.Seed(OfficeCommon, "QMEnable", "0", "DWord");
        var first = pair.Tenant.Domains[0].ToUpperInvariant();
        var value = pair.Retired
            ? $"{Partner},lync.com,{first}"
            : string.Join(',', [Partner, first, .. pair.Tenant.Retired.Domains.Select(d => d.ToUpperInvariant())]);
        state.Registry.Seed(pair.Key, FormatFacts.ValueName, value).Seed(pair.Key, "EnableAutoUpdate", "1", "DWord");
        return state;
    }

    /// <summary>The rule applied by hand to <see cref="Seeded"/>: a listed client keeps the partner and the
    /// domain as the computer wrote it, loses the retired domains and gains the rest of the policy's value in
    /// its order; a retired client keeps the partner and Microsoft's default.</summary>
    private static WindowsState Desired(IntunePair pair)
    {
        var state = new WindowsState();
        state.Registry.Seed(OfficeCommon, "QMEnable", "0", "DWord");
        var first = pair.Tenant.Domains[0];
        var value = pair.Retired
            ? $"{Partner},lync.com"
            : string.Join(',', [Partner, first.ToUpperInvariant(), .. TrustValue(pair.Tenant).Split(',').Where(n => n != first)]);
        state.Registry.Seed(pair.Key, FormatFacts.ValueName, value).Seed(pair.Key, "EnableAutoUpdate", "1", "DWord");
        return state;
    }

    /// <summary>Each client folder's pair, for the listed clients and the retired ones, with the key it acts
    /// on written here from docs/REGISTRY.md, "TrustModelData" (FormatFacts), not from the generator.</summary>
    private static List<IntunePair> Pairs(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var root = GoldenCases.Expected(name);
        var pairs = tenants.Values.SelectMany(tenant =>
            tenant.TrustModelData.Clients.Select(c => (Client: c, Retired: false)).Concat(tenant.Retired.Clients.Select(c => (Client: c, Retired: true)))
                .Select(c => new IntunePair(
                    tenant,
                    ProviderKey(c.Client.Id),
                    c.Retired,
                    File.ReadAllBytes(Path.Combine(root, tenant.Name, "intune", c.Client.Id, "Detect-TrustModelData.ps1")),
                    File.ReadAllBytes(Path.Combine(root, tenant.Name, "intune", c.Client.Id, "Remediate-TrustModelData.ps1")))))
            .ToList();
        Assert.NotEmpty(pairs);
        return pairs;
    }

    private sealed record IntunePair(TenantPolicy Tenant, string Key, bool Retired, byte[] Detect, byte[] Remediate);
}
