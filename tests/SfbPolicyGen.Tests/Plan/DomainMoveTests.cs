using System.Text.Json;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Consumers;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Plan;

/// <summary>A SIP domain has one owner across runs too (issue 20, point 5): the manifest knows which
/// tenant deploys it, so a run of another tenant's file alone cannot take it (SFB029, nothing written);
/// a move is one run over both files, which plan shows on both sides ("moved"), with the receiver's DNS
/// lines compared with what the giver published; and the move, applied to a live zone, deletes no record
/// when both tenants publish the same profile.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public sealed class DomainMoveTests : IDisposable
{
    private const string Adatum = "tenant: {name: adatum}\ndomains: [adatum.com, adatum.co.uk]\n";
    private const string AdatumAfter = "tenant: {name: adatum}\ndomains: [adatum.com]\n";
    private const string Northwind = "tenant: {name: northwind}\ndomains: [northwind.com]\n";
    private const string NorthwindAfter = "tenant: {name: northwind}\ndomains: [northwind.com, adatum.co.uk]\n";

    private readonly TempFolder _temp = ConsumerSuite.NewTempFolder();

    public void Dispose() => _temp.Dispose();

    private string Tenants => Path.Combine(_temp.Path, "tenants");

    private string Out => Path.Combine(_temp.Path, "out");

    [Fact]
    public void A_run_of_one_file_cannot_take_a_domain_another_tenant_deploys_and_writes_nothing()
    {
        Setup();
        Write("northwind.yaml", NorthwindAfter);
        var before = Snapshot();

        foreach (var command in new[] { "generate", "plan", "check" })
        {
            var run = CliRunner.Run(command, Path.Combine(Tenants, "northwind.yaml"), "--out", Out);
            Assert.Equal(ExitCodes.InvalidInput, run.Code);
            Assert.Equal(
                $"{Path.Combine(Tenants, "northwind.yaml")}(2,26): error SFB029: 'adatum.co.uk' is a domain (or retired domain) of tenant 'adatum' in the output folder's manifest, and that tenant's policy file is not part of this run: run over both policy files to move it (or with --prune if 'adatum' was renamed or removed)\n",
                run.Stderr);
        }

        // Still refused once adatum's file no longer lists it: adatum's last run deployed it.
        Write("adatum.yaml", AdatumAfter);
        Assert.Equal(ExitCodes.InvalidInput, CliRunner.Run("generate", Path.Combine(Tenants, "northwind.yaml"), "--out", Out).Code);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void A_run_over_both_files_plans_the_move_on_both_sides_and_no_record_goes()
    {
        Setup();
        Write("adatum.yaml", AdatumAfter);
        Write("northwind.yaml", NorthwindAfter);

        var run = CliRunner.Run("plan", Tenants, "--out", Out, "--format", "json");

        Assert.Equal(ExitCodes.Differences, run.Code);
        var changes = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("changes").EnumerateArray().ToList();
        string[] Lines(string tenant, params string[] areas) => [.. changes
            .Where(c => c.GetProperty("tenant").GetString() == tenant && areas.Contains(c.GetProperty("area").GetString()))
            .Select(c => c.GetProperty("text").GetString()!)];
        Assert.Equal(["Moved: adatum.co.uk to tenant northwind: its DNS records stay, that tenant's now"], Lines("adatum", "moved", "dns", "leftInPlace").Where(l => !l.StartsWith("Left in place: TrustModelData", StringComparison.Ordinal)));
        Assert.Equal(["Moved: adatum.co.uk from tenant adatum: its DNS records stay and are this tenant's now"], Lines("northwind", "moved", "dns", "leftInPlace"));
        Assert.Contains("Files: + dns/adatum.co.uk.zone", Lines("northwind", "files"));
        Assert.Contains("Files: - dns/adatum.co.uk.zone", Lines("adatum", "files"));
    }

    /// <summary>The move applied: adatum's messages (its domain gone from them) then northwind's, on a
    /// zone holding what adatum published: sip stays, and answers throughout.</summary>
    [SkippableTheory]
    [InlineData("knotd", "knsupdate")]
    [InlineData("named", "nsupdate")]
    public void The_move_deployed_keeps_the_domain_s_records(string serverName, string clientName)
    {
        Setup();
        Write("adatum.yaml", AdatumAfter);
        Write("northwind.yaml", NorthwindAfter);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", Tenants, "--out", Out).Code);
        var client = DnsUpdates.Client(clientName);
        using var server = DnsUpdates.Start(serverName, _temp, new Dictionary<string, string[]> { ["adatum.co.uk"] = ["sip 3600 IN CNAME sipdir.online.microsoft.com."] });
        var messages = Directory.EnumerateFiles(Out, "*.nsupdate", SearchOption.AllDirectories).Where(f => f.Contains("adatum.co.uk", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.All(messages, m => Assert.Contains(Path.Combine("northwind", "dns"), m, StringComparison.Ordinal));

        using (var watch = new DnsUpdates.Watch(server, "sip.adatum.co.uk."))
        {
            DnsUpdates.SendAll(client, server, messages);
            DnsUpdates.SendAll(client, server, messages);
            Thread.Sleep(50);
            Assert.Equal(0, watch.Missing);
        }

        Assert.Equal(["sip.adatum.co.uk. 3600 IN CNAME sipdir.online.microsoft.com."], DnsUpdates.Snapshot(server, "adatum.co.uk"));
    }

    /// <summary>adatum's file removed and the domain given to northwind: with --prune the run owns the
    /// removed tenant's folder too, so the move is allowed and planned.</summary>
    [Fact]
    public void With_prune_a_domain_of_a_removed_tenant_moves()
    {
        Setup();
        File.Delete(Path.Combine(Tenants, "adatum.yaml"));
        Write("northwind.yaml", NorthwindAfter);

        Assert.Equal(ExitCodes.InvalidInput, CliRunner.Run("plan", Tenants, "--out", Out).Code);
        var run = CliRunner.Run("plan", Tenants, "--out", Out, "--prune");

        Assert.Equal(ExitCodes.Differences, run.Code);
        Assert.Contains("  Moved: adatum.co.uk from tenant adatum: its DNS records stay and are this tenant's now\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  Moved: adatum.co.uk to tenant northwind: its DNS records stay, that tenant's now\n", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A tenant renamed (its file renamed, its domains the same): without --prune the old name
    /// still owns the domains (SFB029); with it, plan names the rename, plans the new tenant against what
    /// the old one deployed (so only the GPO name and the central store's files change), and says what to
    /// do by hand; the old tenant gets one line, not the advice to retire what the new one publishes.</summary>
    [Fact]
    public void A_renamed_tenant_is_planned_as_a_rename()
    {
        Directory.CreateDirectory(Tenants);
        Write("adatum.yaml", Adatum);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", Tenants, "--out", Out).Code);
        File.Delete(Path.Combine(Tenants, "adatum.yaml"));
        Write("adatum-corp.yaml", Adatum.Replace("name: adatum}", "name: adatum-corp}", StringComparison.Ordinal));

        Assert.Equal(ExitCodes.InvalidInput, CliRunner.Run("plan", Tenants, "--out", Out).Code);
        var run = CliRunner.Run("plan", Tenants, "--out", Out, "--prune");

        Assert.Equal(ExitCodes.Differences, run.Code);
        Assert.Equal(
        [
            "adatum",
            "  Tenant: renamed to tenant adatum-corp: what it deployed is that tenant's now",
            "adatum-corp",
            "  GPO: + 'Skype for Business sign-in (adatum-corp)': the GPO script creates it, or updates it if it exists, and sets each listed client's TrustModelData there",
            "  Left in place: GPO 'Skype for Business sign-in (adatum)' keeps its TrustModelData values and its links: the GPO script now changes GPO 'Skype for Business sign-in (adatum-corp)' only; unlink or delete 'Skype for Business sign-in (adatum)' by hand",
            "  Tenant: central store: delete SfbPolicyGen-adatum.admx and its .adml files, then copy SfbPolicyGen-adatum-corp.admx and its .adml files (a store holds one file per namespace; the Group Policy editor refuses two)",
            "  Tenant: renamed from tenant adatum (the same domains): what it deployed is this tenant's now, compared below; --prune removes its folder adatum/",
        ], run.Stdout.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("  Files: ", StringComparison.Ordinal)).SkipLast(1));
        Assert.Contains("  Files: - PolicyDefinitions/SfbPolicyGen-adatum.admx\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  Files: + PolicyDefinitions/SfbPolicyGen-adatum-corp.admx\n", run.Stdout, StringComparison.Ordinal);
    }

    private void Setup()
    {
        Directory.CreateDirectory(Tenants);
        Write("adatum.yaml", Adatum);
        Write("northwind.yaml", Northwind);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", Tenants, "--out", Out).Code);
    }

    private void Write(string name, string yaml) => File.WriteAllText(Path.Combine(Tenants, name), yaml);

    private Dictionary<string, string> Snapshot() => Directory.EnumerateFiles(Out, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(Out, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);
}
