using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Golden;

/// <summary>tests/golden/NNN-name/: inputs (*.yaml) and what they must give. Cases 0xx are valid and
/// hold the whole expected output folder in expected/; cases 1xx are invalid and hold
/// expected.txt, the diagnostics and exit code of <c>validate</c>; cases 2xx are imports
/// (<see cref="ImportGoldenCaseTests"/>): sources in sources/, arguments in arguments.txt, the policy file
/// import writes in expected.yaml and its output in expected.txt. Re-baseline: tests/rebaseline.sh.</summary>
public static class GoldenCases
{
    public static IEnumerable<string> All => Directory.EnumerateDirectories(RepoPaths.Golden).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static TheoryData<string> Valid => [.. All.Where(IsValid)];

    public static TheoryData<string> Invalid => [.. All.Where(IsInvalid)];

    /// <summary>The valid cases plus the sample policies.yaml with its committed out/.</summary>
    public static TheoryData<string> ValidWithSample => [.. All.Where(IsValid), Sample];

    public static TheoryData<string> Imports => [.. All.Where(IsImport)];

    public const string Sample = "sample";

    public static bool IsValid(string name) => name.StartsWith('0');

    public static bool IsInvalid(string name) => name.StartsWith('1');

    public static bool IsImport(string name) => name.StartsWith('2');

    public static string Dir(string name) => name == Sample ? RepoPaths.Root : Path.Combine(RepoPaths.Golden, name);

    public static string[] Inputs(string name) => name == Sample
        ? [Path.Combine(RepoPaths.Root, "policies.yaml")]
        : [.. Directory.EnumerateFiles(Dir(name), "*.yaml").Order(StringComparer.Ordinal)];

    public static string Expected(string name) => name == Sample ? Path.Combine(RepoPaths.Root, "out") : Path.Combine(Dir(name), "expected");

    /// <summary>The models of a valid case, loaded from its inputs: what each artifact is compared with.</summary>
    public static IReadOnlyList<TenantPolicy> Tenants(string name)
    {
        var diagnostics = new DiagnosticBag();
        var tenants = Generator.LoadAll(Inputs(name), diagnostics).Tenants;
        Assert.False(diagnostics.HasErrors, string.Join('\n', diagnostics.Sorted()));
        return tenants;
    }

    /// <summary>Every manifest kind, written here rather than taken from the output stage.</summary>
    public static readonly string[] Kinds =
    [
        "admx", "adml", "guide", "reg", "trust-append-script", "pol", "gpo-script", "zone", "dns-script",
        "tmg-client-ini", "tmg-server-script", "gateway-rules", "ldif", "ad-script", "client-cleanup-script",
        "lgpo-text", "gitattributes", "nsupdate", "intune-detect-script", "intune-remediate-script",
        "time-source-script",
        "diagnostics-script",
    ];

    /// <summary>The (kind, path) of each artifact the model of <paramref name="tenant"/> calls for, from
    /// the README's folder layout and the manifest's kind names written here, not from the output stage
    /// (each concern's ArtifactKind): a kind renamed or a file moved, then re-baselined, fails.</summary>
    public static IEnumerable<(string Kind, string Path)> ExpectedArtifacts(TenantPolicy tenant)
    {
        var t = tenant.Name;
        yield return ("admx", $"{t}/PolicyDefinitions/{tenant.Admx.FileName}.admx");
        foreach (var language in tenant.Admx.Languages)
        {
            yield return ("adml", $"{t}/PolicyDefinitions/{language}/{tenant.Admx.FileName}.adml");
            yield return ("guide", language == "en-US" ? $"{t}/README.md" : $"{t}/README.{language}.md");
        }

        yield return ("reg", $"{t}/registry/TrustModelData.reg");
        yield return ("trust-append-script", $"{t}/registry/Add-TrustModelData.ps1");
        yield return ("pol", $"{t}/gpo/Machine/Registry.pol");
        yield return ("lgpo-text", $"{t}/gpo/Machine/Registry.pol.txt");
        yield return ("gitattributes", $"{t}/.gitattributes");
        yield return ("gpo-script", $"{t}/gpo/Set-TrustModelDataGpo.ps1");
        foreach (var client in tenant.TrustModelData.Clients.Concat(tenant.Retired.Clients))
        {
            yield return ("intune-detect-script", $"{t}/intune/{client.Id}/Detect-TrustModelData.ps1");
            yield return ("intune-remediate-script", $"{t}/intune/{client.Id}/Remediate-TrustModelData.ps1");
        }

        if (!tenant.Dns.Records.IsEmpty)
        {
            yield return ("dns-script", $"{t}/dns/Add-DnsServerRecords.ps1");
            // One RFC 2136 message per file and case: each wanted record's "holds nothing" and "holds
            // it already" (no case uses dns.manage or dns.keep, nor a folder an earlier run published in);
            // a retired domain's removal.
            foreach (var domain in tenant.Domains)
            {
                yield return ("zone", $"{t}/dns/{domain}.zone");
                foreach (var record in tenant.Dns.Records)
                {
                    yield return ("nsupdate", $"{t}/dns/nsupdate/{domain}/{record.Name}.add.nsupdate");
                    yield return ("nsupdate", $"{t}/dns/nsupdate/{domain}/{record.Name}.from-{record.Target}.nsupdate");
                }
            }

            foreach (var domain in tenant.Retired.Domains)
            {
                yield return ("nsupdate", $"{t}/dns/nsupdate/{domain}/remove.nsupdate");
            }
        }

        if (tenant.Proxy.Kind == ProxyKind.Tmg)
        {
            yield return ("tmg-client-ini", $"{t}/tmg/Application.ini");
            yield return ("tmg-server-script", $"{t}/tmg/Set-TmgClientRules.ps1");
        }

        if (tenant.Proxy.Kind == ProxyKind.Other)
        {
            yield return ("gateway-rules", $"{t}/gateway/gateway-rules.md");
        }

        if (tenant.ActiveDirectory is { } directory)
        {
            yield return ("ad-script", $"{t}/ad/Enable-SipUsers.ps1");
            if (directory.DistinguishedNames.Any())
            {
                yield return ("ldif", $"{t}/ad/Enable-SipUsers.ldif");
            }
        }

        if (tenant.ClientCleanup)
        {
            yield return ("client-cleanup-script", $"{t}/client/Reset-SfbSignIn.ps1");
        }

        if (tenant.Time is not null)
        {
            yield return ("time-source-script", $"{t}/time/Set-PdcTimeSource.ps1");
        }

        if (tenant.Settings.Bool("diagnostics") == true)
        {
            yield return ("diagnostics-script", $"{t}/client/Collect-SfbSignInDiagnostics.ps1");
        }
    }

    /// <summary>A committed artifact of a valid case (path relative to its output folder); fails when absent.</summary>
    public static string ExpectedFile(string name, string relative)
    {
        var path = Path.Combine(Expected(name), relative);
        Assert.True(File.Exists(path), $"{path} is missing");
        return path;
    }
}
