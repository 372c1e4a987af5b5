using System.Text;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Consumers;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Import;

/// <summary>Import from what real programs wrote and served: a zone transfer (AXFR) from knotd on
/// 127.0.0.1 at a port the test picked, transfers allowed by an ACL for one zone and refused for
/// another; nothing reaches beyond loopback.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public sealed class ImportFromKnotdTests : IDisposable
{
    private readonly ImportTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [SkippableFact]
    public void A_transfer_of_the_generated_zones_gives_back_the_policy_s_dns_and_a_refused_one_writes_nothing()
    {
        const string name = "002-skype-online-all-clients";
        var tenant = Assert.Single(GoldenCases.Tenants(name));
        var zones = ConsumerSuite.Artifacts(name, "zone").ToDictionary(z => z.Domain!, z => TestZone.Wrap(z.Domain!, z.FullPath), StringComparer.Ordinal);
        zones["refused.example"] = TestZone.Wrap("refused.example", ConsumerSuite.Artifacts(name, "zone")[0].FullPath);
        using var server = KnotServer.Start(zones, transferable: [.. tenant.Domains]);
        var at = $"127.0.0.1:{server.Port}";

        var run = CliProcess.Run(_folder.Path, ["import", "--server", at, .. tenant.Domains.SelectMany(d => new[] { "--domain", d })]);

        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        var policy = Path.Combine(_folder.Path, "policies.yaml");
        var imported = Assert.Single(Generator.LoadAll([policy], new DiagnosticBag()).Tenants);
        Assert.Equal<string>(tenant.Domains, imported.Domains);
        Assert.Equal(
            (tenant.Dns.Profile, tenant.Dns.Cloud, tenant.Dns.SipTarget, tenant.Dns.Lyncdiscover, tenant.Dns.Ttl),
            (imported.Dns.Profile, imported.Dns.Cloud, imported.Dns.SipTarget, imported.Dns.Lyncdiscover, imported.Dns.Ttl));
        var text = File.ReadAllText(policy);
        Assert.Contains($"#   {at} AXFR fabrikam.com\n", text, StringComparison.Ordinal);
        Assert.Contains($"  - fabrikam.com                # {at} AXFR fabrikam.com record 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"  profile: skype-online         # {at} AXFR fabrikam.com records ", text, StringComparison.Ordinal);

        // The wrapper's SOA, NS and the name server's address are listed, never dropped.
        foreach (var zone in tenant.Domains)
        {
            Assert.Contains($"  {at} AXFR {zone} record 1: {zone}. 3600 IN SOA ns0.{zone}. hostmaster.{zone}. 1 3600 600 86400 300 (the zone's own record, not a Skype for Business one)\n", run.Stdout, StringComparison.Ordinal);
            Assert.Contains($" {at} AXFR {zone} record ", run.Stdout, StringComparison.Ordinal);
            Assert.Contains($": ns0.{zone}. 3600 IN A 127.0.0.1 (not one of the names the profiles publish", run.Stdout, StringComparison.Ordinal);
        }

        using var other = ConsumerSuite.NewTempFolder();
        var refused = CliProcess.Run(other.Path, "import", "--server", at, "--domain", "refused.example");
        Assert.Equal(ExitCodes.IoOrInternalError, refused.Code);
        Assert.Equal($"sfbpolicygen: error SFB082: {at} refused the transfer of refused.example (NOTAUTH): the server must hold the zone and allow transfers (AXFR) to this address\n", refused.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(other.Path));
    }
}

/// <summary>Import of a .reg file that Wine's reg.exe exported after importing it (the regedit 5.00 form
/// a real export has: UTF-16LE, CRLF, the parent keys as empty blocks), and of a REGEDIT4 ANSI file
/// that Wine imports too: what import reads is what Wine's registry holds.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public sealed class ImportFromWineExportTests(WinePrefix wine) : IClassFixture<WinePrefix>, IDisposable
{
    private const string PoliciesRoot = @"HKEY_LOCAL_MACHINE\Software\Policies\Microsoft";
    private readonly ImportTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [SkippableFact]
    public void A_reg_export_of_what_wine_imported_gives_each_client_s_value()
    {
        var written = _folder.Reg("written.reg", "Windows Registry Editor Version 5.00\r\n\r\n"
            + "[HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Communicator]\r\n\"TrustModelData\"=\"legacy.contoso.net,lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com\"\r\n\"Other\"=dword:00000001\r\n\r\n"
            + "[HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Office\\16.0\\Lync]\r\n\"TrustModelData\"=\"legacy.contoso.net,lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com\"\r\n\r\n");
        var exported = RoundTrip(written, "exported.reg");
        Assert.StartsWith("Windows Registry Editor Version 5.00\r\n", Encoding.Unicode.GetString(File.ReadAllBytes(exported)[2..]), StringComparison.Ordinal);

        var (policy, diagnostics) = ImportTestFolder.Map([exported], ["contoso.com"]);

        Assert.Empty(diagnostics);
        var trust = policy!.Trust!;
        Assert.Equal([TrustClient.Communicator, TrustClient.Skype2016], trust.Clients.Select(c => c.Value));
        Assert.Equal(["legacy.contoso.net"], trust.Existing.Select(e => e.Value));
        Assert.Equal((true, 0), (trust.KeepMicrosoftDefaults.Value, trust.Add.Length));
        Assert.Equal(["legacy.contoso.net", "lync.com", "outlook.com", "lync.glbdns.microsoft.com", "microsoftonline.com", "contoso.com"], trust.Value.Select(v => v.Value));
    }

    [SkippableFact]
    public void A_regedit4_ansi_file_reads_as_wine_reads_it()
    {
        var text = "REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Office\\15.0\\Lync]\r\n\"Note\"=\"caf\u00e9\"\r\n\"TrustModelData\"=\"contoso.com,lync.com\"\r\n\r\n";
        var ansi = _folder.File("regedit4.reg", Encoding.Latin1.GetBytes(text));
        var exported = RoundTrip(ansi, "exported.reg");

        var direct = ImportTestFolder.Read(ansi);
        var viaWine = ImportTestFolder.Read(exported);

        Assert.Empty(direct.Diagnostics);
        Assert.Empty(viaWine.Diagnostics);
        Assert.Equal(["lync2013: contoso.com,lync.com"], direct.Findings.TrustValues.Select(v => $"{v.Client.Id}: {string.Join(',', v.Entries!.Value)}"));
        Assert.Equal(direct.Findings.TrustValues.Select(v => (v.Client, v.Hive, string.Join(',', v.Entries!.Value))), viaWine.Findings.TrustValues.Select(v => (v.Client, v.Hive, string.Join(',', v.Entries!.Value))));
        Assert.Contains("\"Note\"=\"caf\u00e9\"", Encoding.Unicode.GetString(File.ReadAllBytes(exported)[2..]), StringComparison.Ordinal);
    }

    /// <summary>Wine's reg import of <paramref name="reg"/> into an emptied Policies\Microsoft, then reg export of it.</summary>
    private string RoundTrip(string reg, string name)
    {
        var exported = Path.Combine(_folder.Path, name);
        wine.Reg("delete", PoliciesRoot, "/f"); // absent on the first run: nothing to check
        var imported = wine.Reg("import", WinePrefix.WindowsPath(reg));
        Assert.True(imported.ExitCode == 0, imported.ToString());
        var export = wine.Reg("export", PoliciesRoot, WinePrefix.WindowsPath(exported), "/y");
        Assert.True(export.ExitCode == 0 && File.Exists(exported), export.ToString());
        return exported;
    }
}
