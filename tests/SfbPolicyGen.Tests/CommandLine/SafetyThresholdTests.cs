using System.Security.Cryptography;
using System.Text.Json;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary>generate refuses a tenant that removes too much (exit 2, the numbers, the folder exactly as
/// it was) unless --force; plan says so beforehand.</summary>
public sealed class SafetyThresholdTests : IDisposable
{
    /// <summary>Ten domains: ten sip records, fourteen trusted domains (Microsoft's four), one client.</summary>
    private const string TenDomains = "tenant: {name: t}\ndomains: [d1.example, d2.example, d3.example, d4.example, d5.example, d6.example, d7.example, d8.example, d9.example, d10.example]\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-thresholds-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, "out");

    private string Policy(string text, string name = "p.yaml")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The first <paramref name="kept"/> of ten domains, the others retired (their records
    /// removed, their entries taken out of the value).</summary>
    private static string Retiring(int kept, string more = "") =>
        $"tenant: {{name: t}}\ndomains: [{string.Join(", ", Enumerable.Range(1, kept).Select(i => $"d{i}.example"))}]\n"
        + $"retired: {{domains: [{string.Join(", ", Enumerable.Range(kept + 1, 10 - kept).Select(i => $"d{i}.example"))}]}}\n{more}";

    /// <summary>Every entry under the folder, with each file's SHA-256 and time of last write.</summary>
    private string Snapshot() => string.Join('\n', Directory
        .EnumerateFileSystemEntries(Out, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        .Order(StringComparer.Ordinal)
        .Select(p => Path.GetRelativePath(Out, p) + (File.Exists(p) ? $" {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p)))} {File.GetLastWriteTimeUtc(p).Ticks}" : "/")));

    private void Generate(string policy)
    {
        var run = CliRunner.Run("generate", policy, "--out", Out);
        Assert.True(run.Code == ExitCodes.Success, run.ToString());
    }

    [Fact]
    public void Removing_four_of_ten_records_is_refused_with_the_numbers_and_nothing_changes_then_force_writes()
    {
        var policy = Policy(TenDomains);
        Generate(policy);
        File.WriteAllText(policy, Retiring(6));
        var before = Snapshot();

        var refused = CliRunner.Run("generate", policy, "--out", Out);

        Assert.Equal(ExitCodes.InvalidInput, refused.Code);
        Assert.Equal("", refused.Stdout);
        Assert.Equal(
            $"{policy}(1,16): error SFB050: tenant 't': this run removes 4 of 10 DNS records (40 %), more than safety.maxRemovedPercent (30 %): check the plan, then run generate with --force\n",
            refused.Stderr);
        Assert.Equal(before, Snapshot());

        var forced = CliRunner.Run("generate", policy, "--out", Out, "--force");
        Assert.True(forced.Code == ExitCodes.Success, forced.ToString());
        Assert.NotEqual(before, Snapshot());
        Assert.Equal(ExitCodes.Success, CliRunner.Run("check", policy, "--out", Out).Code);
        Assert.Contains("\nupdate delete sip.d10.example. CNAME sipdir.online.microsoft.com.\n", File.ReadAllText(Path.Combine(Out, "t", "dns", "nsupdate", "d10.example", "remove.nsupdate")), StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_the_threshold_is_allowed()
    {
        var policy = Policy(TenDomains);
        Generate(policy);
        File.WriteAllText(policy, Retiring(7)); // 3 of 10 records, 3 of 14 trusted domains
        Generate(policy);
    }

    /// <summary>Fewer items than safety.minExisting: even removing nearly all of them is a change, not an accident.</summary>
    [Fact]
    public void A_tenant_below_the_minimum_is_never_refused()
    {
        var policy = Policy("tenant: {name: t}\ndomains: [d1.example, d2.example, d3.example, d4.example, d5.example]\n");
        Generate(policy);
        File.WriteAllText(policy, "tenant: {name: t}\ndomains: [d1.example]\nretired: {domains: [d2.example, d3.example, d4.example, d5.example]}\n"); // 4 of 5 records, 4 of 9 entries
        Generate(policy);
    }

    /// <summary>The thresholds are the policy file's (the one being generated): stricter ones refuse what
    /// the defaults allow, looser ones allow what the defaults refuse, and the message says which applied.</summary>
    [Fact]
    public void The_policy_files_thresholds_apply_both_ways()
    {
        var policy = Policy("tenant: {name: t}\ndomains: [d1.example, d2.example, d3.example, d4.example, d5.example]\ntrustModelData: {clients: [communicator, lync2013, skype2016]}\n");
        Generate(policy);
        File.WriteAllText(policy, "tenant: {name: t}\ndomains: [d1.example]\nretired: {domains: [d2.example, d3.example, d4.example, d5.example]}\ntrustModelData: {clients: [skype2016]}\n"
            + "safety: {maxRemovedPercent: 50, minExisting: 3}\n");
        var before = Snapshot();
        var refused = CliRunner.Run("generate", policy, "--out", Out);
        Assert.Equal(ExitCodes.InvalidInput, refused.Code);
        Assert.Equal(
            [
                $"{policy}(1,16): error SFB050: tenant 't': this run removes 4 of 5 DNS records (80 %), more than safety.maxRemovedPercent (50 %): check the plan, then run generate with --force",
                $"{policy}(1,16): error SFB050: tenant 't': this run removes 2 of 3 clients (66.6 %), more than safety.maxRemovedPercent (50 %): check the plan, then run generate with --force",
            ],
            refused.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal(before, Snapshot());

        File.WriteAllText(policy, File.ReadAllText(policy).Replace("maxRemovedPercent: 50", "maxRemovedPercent: 80", StringComparison.Ordinal));
        Generate(policy);

        var ten = Policy(TenDomains, "ten.yaml");
        Generate(ten);
        File.WriteAllText(ten, Retiring(6, "safety: {maxRemovedPercent: 40}\n"));
        Generate(ten);
    }

    [Fact]
    public void Plan_says_what_generate_would_refuse_in_text_and_json()
    {
        var policy = Policy(TenDomains);
        Generate(policy);
        File.WriteAllText(policy, Retiring(5));

        var text = CliRunner.Run("plan", policy, "--out", Out);
        Assert.Equal(ExitCodes.Differences, text.Code);
        var notes = text.Stdout.Split('\n').Where(l => l.StartsWith("note: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "note: generate would refuse tenant 't': it removes 5 of 10 DNS records (50 %), more than safety.maxRemovedPercent (30 %); once this plan is checked, run generate with --force.",
                "note: generate would refuse tenant 't': it removes 5 of 14 trusted domains (35.7 %), more than safety.maxRemovedPercent (30 %); once this plan is checked, run generate with --force.",
            ],
            notes);

        var json = JsonDocument.Parse(CliRunner.Run("plan", policy, "--out", Out, "--format", "json").Stdout).RootElement;
        var refusals = json.GetProperty("refusals").EnumerateArray().Select(r => r.ToString()).ToList();
        Assert.Equal(
            [
                """{"tenant":"t","kind":"dnsRecords","removed":5,"existing":10,"maxRemovedPercent":30,"minExisting":10,"text":"removes 5 of 10 DNS records (50 %), more than safety.maxRemovedPercent (30 %)"}""",
                """{"tenant":"t","kind":"trustedDomains","removed":5,"existing":14,"maxRemovedPercent":30,"minExisting":10,"text":"removes 5 of 14 trusted domains (35.7 %), more than safety.maxRemovedPercent (30 %)"}""",
            ],
            refusals.Select(r => System.Text.Json.Nodes.JsonNode.Parse(r)!.ToJsonString()));

        var markdown = CliRunner.Run("plan", policy, "--out", Out, "--format", "markdown").Stdout;
        Assert.Contains("> **note: generate would refuse tenant 't': it removes 5 of 10 DNS records (50 %)", markdown, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policy, "--out", Out, "--force").Code);
        var after = CliRunner.Run("plan", policy, "--out", Out, "--format", "json");
        Assert.Equal(0, JsonDocument.Parse(after.Stdout).RootElement.GetProperty("refusals").GetArrayLength());
    }

    /// <summary>One tenant over its threshold stops the whole run: the other tenant's change waits too.</summary>
    [Fact]
    public void A_refused_tenant_stops_the_run_for_every_tenant()
    {
        var policy = Policy(TenDomains);
        var other = Policy("tenant: {name: u}\ndomains: [u.example]\n", "u.yaml");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policy, other, "--out", Out).Code);
        File.WriteAllText(policy, Retiring(5));
        File.WriteAllText(other, "tenant: {name: u}\ndomains: [u.example, u2.example]\n");
        var before = Snapshot();

        var refused = CliRunner.Run("generate", policy, other, "--out", Out);

        Assert.Equal(ExitCodes.InvalidInput, refused.Code);
        Assert.Equal(2, refused.Stderr.Split('\n').Count(l => l.Contains("error SFB050: tenant 't'", StringComparison.Ordinal)));
        Assert.Equal(before, Snapshot());
    }

    /// <summary>--prune removes a deleted tenant's folder, but nothing it deployed: its records and values
    /// stay where they are (plan: "left in place"), so it removes nothing that counts.</summary>
    [Fact]
    public void A_pruned_tenant_is_not_counted()
    {
        var policy = Policy(TenDomains);
        var other = Policy("tenant: {name: u}\ndomains: [u.example]\n", "u.yaml");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policy, other, "--out", Out).Code);

        var pruned = CliRunner.Run("generate", other, "--out", Out, "--prune");

        Assert.True(pruned.Code == ExitCodes.Success, pruned.ToString());
        Assert.False(Directory.Exists(Path.Combine(Out, "t")));
    }
}
