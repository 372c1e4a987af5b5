using System.CommandLine;
using SfbPolicyGen.Concerns.Dns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Explain;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Cli;

/// <summary><c>explain "MESSAGE" [--policy FILE...] [--out DIR]</c> and <c>explain --list</c>: which of the
/// article's errors or common causes a message (or a keyword: msoidsvc, TrustModelData, CNAME...) is, its
/// causes and fix, and which generated file applies it (computed in memory from the policy files, default
/// policies.yaml when present; nothing is written). Exit 0 on a match, 2 when nothing matches (with the
/// entries that share a word with the message, or saying that none does).</summary>
internal static class ExplainCommand
{
    public static Command Create(CommandOutput console)
    {
        // Zero or more words, joined: an unquoted message is the same query as the quoted one.
        var message = new Argument<string[]>("MESSAGE") { Description = "The error message users see, English or French, whole or in part, or a keyword (msoidsvc, TrustModelData, CNAME, ADFS...); quotes are optional.", Arity = ArgumentArity.ZeroOrMore };
        CommonOptions.RefuseUnknownOptions(message);
        var list = new Option<bool>("--list") { Description = "Print the article's error messages and common causes." };
        var policies = new Option<string[]>("--policy") { Description = $"Policy files to find the generated fix in (default: {CliApp.DefaultPolicyFile} if present).", AllowMultipleArgumentsPerToken = true };
        var output = CommonOptions.Out();
        var command = new Command("explain", "Say which fix an error message needs, and which generated file applies it.") { message, list, policies, output };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(list))
            {
                foreach (var entry in ErrorCatalog.Entries)
                {
                    console.Out.WriteLine($"{entry.Id,-31} {entry.English}");
                    console.Out.WriteLine($"{"",-31} {entry.French}");
                }

                return ExitCodes.Success;
            }

            var text = string.Join(' ', parsed.GetValue(message) ?? []);
            if (string.IsNullOrWhiteSpace(text))
            {
                return console.UsageError("give the error message, or --list");
            }

            var matches = ErrorMatcher.Match(text);
            if (matches.Count == 0)
            {
                return NoMatch(text, console);
            }

            var files = parsed.GetValue(policies) is { Length: > 0 } given ? given : File.Exists(CliApp.DefaultPolicyFile) ? [CliApp.DefaultPolicyFile] : [];
            GeneratedTree? tree = null;
            if (files.Length > 0)
            {
                var diagnostics = new DiagnosticBag();
                tree = Generator.Build(files, null, diagnostics);
                if (console.Report(diagnostics) || tree is null)
                {
                    return ExitCodes.InvalidInput;
                }
            }

            var outDirectory = parsed.GetValue(output)!;
            var tenantPolicies = tree?.Policies.ToDictionary(p => p.Name, StringComparer.Ordinal);
            foreach (var entry in matches)
            {
                console.Out.WriteLine($"{entry.English}");
                console.Out.WriteLine($"({entry.French})");
                console.Out.WriteLine("Causes:");
                foreach (var cause in entry.Causes)
                {
                    console.Out.WriteLine($"  - {cause}");
                }

                console.Out.WriteLine($"Fix: {entry.Fix}");
                if (!entry.Checks.IsEmpty)
                {
                    console.Out.WriteLine($"Check it live: sfbpolicygen verify --only {string.Join(',', entry.Checks)} (README, \"verify\").");
                }

                if (tree is not null && tenantPolicies is not null)
                {
                    var failures = new DiagnosticBag();
                    if (!OutputStage.ForEachTenant(tree, tenant => PrintArtifacts(entry, tenantPolicies[tenant.Name], tenant, outDirectory, console), failures))
                    {
                        // A template that failed while rendering (exit 2, as generate).
                        console.Report(failures);
                        return ExitCodes.InvalidInput;
                    }
                }
                else if (!entry.Artifacts.IsEmpty)
                {
                    console.Out.WriteLine($"Generated files: {string.Join(", ", entry.Artifacts.Select(k => k.Shown))} (give --policy FILE to see their paths).");
                }

                console.Out.WriteLine();
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Exit 2, with the entries that share a word with the message, or saying that none does.</summary>
    private static int NoMatch(string text, CommandOutput console)
    {
        var closest = ErrorMatcher.Closest(text);
        if (closest.Count == 0)
        {
            return console.UsageError($"no error of the article matches \"{FreeText.Shown(text)}\", and no entry shares a word with it; 'sfbpolicygen explain --list' lists them all");
        }

        var code = console.UsageError($"no error of the article matches \"{FreeText.Shown(text)}\"; the entries that share words with it:");
        foreach (var close in closest)
        {
            console.Hint($"  {close.Entry.English} / {close.Entry.French} (shares: {string.Join(", ", close.Shared)})");
        }

        return code;
    }

    private static void PrintArtifacts(ErrorEntry entry, TenantPolicy policy, GeneratedTenant tenant, string outDirectory, CommandOutput console)
    {
        // The DNS entries are about the sip CNAME: each tenant is told its own record, from its
        // policy (the catalogue's fix gives both editions' targets), and a tenant whose profile
        // publishes none is not sent to files that do not carry it (issue 21).
        if (entry.Artifacts.Contains(DnsKinds.Zone) && policy.Dns is { } dns)
        {
            if (dns.RecordAt("sip") is not { } sip)
            {
                console.Out.WriteLine($"Not for tenant {tenant.Name}: its profile ({dns.Profile.YamlName()}) publishes no sip record, so this error is not its DNS unless its users still sign in to Skype for Business (then choose another dns.profile).");
                return;
            }

            console.Out.WriteLine($"Tenant {tenant.Name} publishes sip CNAME {sip.AbsoluteTarget} (dns.profile {dns.Profile.YamlName()}).");
        }

        var paths = tenant.Artifacts.Where(a => entry.Artifacts.Contains(a.Artifact.Kind)).Select(a => Path.Combine(outDirectory, a.Path)).Order(StringComparer.Ordinal).ToList();
        if (paths.Count > 0)
        {
            // The paths come from the policy, in memory: only those on disk are "generated".
            foreach (var (onDisk, heading) in new[] { (true, $"Generated for tenant {tenant.Name}:"), (false, $"Not in {outDirectory} yet for tenant {tenant.Name} (generate writes them):") })
            {
                var these = paths.Where(p => File.Exists(p) == onDisk).ToList();
                if (these.Count > 0)
                {
                    console.Out.WriteLine(heading);
                    these.ForEach(p => console.Out.WriteLine($"  {p}"));
                }
            }
        }
        else if (entry.WhenMissing is not null)
        {
            console.Out.WriteLine($"Not generated for tenant {tenant.Name}: {entry.WhenMissing} in its policy file.");
        }
    }
}
