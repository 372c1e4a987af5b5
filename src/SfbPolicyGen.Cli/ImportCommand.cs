using System.CommandLine;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Import;
using SfbPolicyGen.Model;
using SfbPolicyGen.Schema;

namespace SfbPolicyGen.Cli;

/// <summary><c>import SOURCE... [--tenant NAME] [--server HOST[:PORT] --domain D...] [--domain D...] [--out FILE | --into FILE]</c>:
/// reads what is deployed (.reg exports, Registry.pol files, GPO backup folders, zone files, zone
/// transfers) and writes policies.yaml here, or the --out file (never over one), or adds to an existing policy file
/// with --into (a unified diff of what it added). Everything is read, mapped and checked first
/// (Import/); nothing is written after any error. Exit 0, 2 (bad input or a conflict), 3 (a file or
/// a DNS server that cannot be read).</summary>
internal static class ImportCommand
{
    public static Command Create(CommandOutput console)
    {
        var sources = new Argument<string[]>("SOURCE")
        {
            Description = ".reg exports, Registry.pol files, GPO backup folders and zone files, in any mix.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        sources.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                result.AddError($"unknown option '{FreeText.Shown(token.Value)}'");
            }
        });
        var tenant = new Option<string?>("--tenant") { Description = "The tenant name (default: from the first domain, as init does)." };
        var server = new Option<string?>("--server") { Description = "A DNS server to ask for a zone transfer (AXFR) of each --domain, HOST[:PORT]." };
        var domains = new Option<string[]>("--domain") { Description = "A SIP domain: transferred from --server, or else taken as it is; repeat for several.", AllowMultipleArgumentsPerToken = true };
        var into = new Option<string?>("--into") { Description = "Add to this policy file instead of writing policies.yaml here." };
        var output = new Option<string?>("--out") { Description = $"Write this policy file instead of {CliApp.DefaultPolicyFile} here (tenants/NAME.yaml in a folder of tenants; {PolicyFileTemplate.SchemaFileName} beside it when missing)." };
        var command = new Command("import", "Write policies.yaml from what is deployed: .reg exports, Registry.pol, GPO backups, zone files, zone transfers.") { sources, tenant, server, domains, into, output };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var given = parsed.GetValue(sources) ?? [];
            var (tenantName, serverText, intoFile, outFile) = (parsed.GetValue(tenant), parsed.GetValue(server), parsed.GetValue(into), parsed.GetValue(output));
            if (!CommonOptions.TryDomains(parsed.GetValue(domains) ?? [], out var domainList, out var domainError))
            {
                return console.UsageError(domainError);
            }

            var domainNames = domainList.ConvertAll(d => d.Name);

            DnsServerAddress? address = null;
            var problem =
                given.Length == 0 && serverText is null && domainNames.Count == 0 ? "give what to import: .reg exports, Registry.pol files, GPO backup folders, zone files, or --server with --domain"
                : given.Concat([intoFile ?? "", outFile ?? ""]).Any(FreeText.HasUnsafeToShow) ? "a file name holds a control or bidirectional character; it would be written into the policy file's comments"
                : outFile is not null && intoFile is not null ? "--out names a new policy file and --into one to add to: give one of them"
                : tenantName is not null && intoFile is not null ? "--tenant names the tenant of a new file; with --into the file keeps its own"
                : tenantName is not null && !Identifiers.IsTenantName(tenantName) ? CommonOptions.NotATenantName(tenantName)
                : serverText is not null && !DnsServerAddress.TryParse(serverText, out address, out var serverError) ? $"--server: {serverError}"
                : serverText is not null && domainNames.Count == 0 ? "--server needs --domain: the zones to transfer"
                : intoFile is not null && !File.Exists(intoFile) ? $"--into {intoFile}: file not found (import writes a new policies.yaml without --into)"
                : outFile is not null && File.Exists(outFile) ? $"{outFile} exists and import never overwrites it: add to it with --into {outFile}"
                : intoFile is null && outFile is null && File.Exists(CliApp.DefaultPolicyFile) ? $"{CliApp.DefaultPolicyFile} exists here and import never overwrites it: add to it with --into {CliApp.DefaultPolicyFile}, or import in another folder"
                : null;
            if (problem is not null)
            {
                return console.UsageError(problem);
            }

            var request = new ImportRequest(given, tenantName, address, domainNames);
            var (findings, read, readStop) = await ImportService.ReadAsync(request, console.Report, cancellationToken).ConfigureAwait(false);
            if (findings is null)
            {
                return readStop is { } stop ? console.DnsServerError(stop.Problem) : ExitCodes.InvalidInput;
            }

            var diagnostics = new DiagnosticBag();
            var (imported, mapStop) = ImportService.Map(request, findings, newFile: intoFile is null, diagnostics);
            if (console.Report(diagnostics) || imported is null)
            {
                return ExitCodes.InvalidInput;
            }

            if (mapStop is not null)
            {
                return console.UsageError(mapStop.Problem);
            }

            Report(console, imported, newFile: intoFile is null);
            return intoFile is null ? Write(console, outFile ?? CliApp.DefaultPolicyFile, imported, read) : AddInto(console, intoFile, imported);
        });
        return command;
    }

    /// <param name="newFile">The tenant's name is the new file's (with --into, the file keeps its own).</param>
    private static void Report(CommandOutput console, ImportedPolicy imported, bool newFile)
    {
        console.Out.WriteLine("imported:");
        foreach (var (key, value, where) in imported.Values().Where(v => newFile || v.Key != "tenant.name"))
        {
            console.Out.WriteLine($"  {key}: {FreeText.Shown(value, int.MaxValue)}  ({FreeText.Shown(where, int.MaxValue)})");
        }

        if (!imported.Kept.IsEmpty)
        {
            console.Out.WriteLine("kept as they are (dns.keep: the profile does not publish these records, and no DNS file changes them):");
            foreach (var kept in imported.Kept)
            {
                foreach (var record in kept.Records)
                {
                    console.Out.WriteLine($"  {FreeText.Shown(record.At.Shown, int.MaxValue)}: {FreeText.Shown(record.Text, int.MaxValue)} ({FreeText.Shown(kept.Why, int.MaxValue)})");
                }
            }
        }

        if (!imported.Unmapped.IsEmpty)
        {
            console.Out.WriteLine("not imported (no key of policies.yaml holds these records, and no DNS file changes them):");
            foreach (var unmapped in imported.Unmapped)
            {
                console.Out.WriteLine($"  {FreeText.Shown(unmapped.Record.At.Shown, int.MaxValue)}: {FreeText.Shown(unmapped.Record.Text, int.MaxValue)} ({unmapped.Why})");
            }
        }

        foreach (var note in imported.Notes)
        {
            console.Out.WriteLine($"note: {FreeText.Shown(note, int.MaxValue)}");
        }
    }

    /// <summary>A new policy file (policies.yaml here, or --out's), loaded and checked before it is written
    /// (and never over one), and the schema beside it when it is missing: the file's schema line names it
    /// relative to the file.</summary>
    private static int Write(CommandOutput console, string path, ImportedPolicy imported, IReadOnlyList<string> sources)
    {
        var prepared = ImportService.Prepare(path, imported, sources);
        if (console.Report(prepared.Diagnostics))
        {
            return ExitCodes.InvalidInput; // a warning under --warnings-as-errors
        }

        var written = ImportService.Write(prepared);
        if (written.StaleSchema is { } shown)
        {
            console.Out.WriteLine($"note: {shown} is not this version's schema and is left as it is ('sfbpolicygen schema > {shown}' updates it)");
        }

        var schemaNote = written.SchemaWritten ? $" and {PolicyFileTemplate.SchemaFileName}" : "";
        var dns = (imported.Dns is { } d ? $"dns {d.Profile.Value.YamlName()}" : "dns not imported") + (imported.Kept.IsEmpty ? "" : $", {imported.Kept.Length} DNS name(s) kept");
        console.Out.WriteLine($"wrote {path}{schemaNote} (tenant {imported.Tenant}: {imported.Domains.Length} domain(s), {imported.Trust?.Clients.Length ?? 0} client(s) imported, {dns}).");
        console.Out.WriteLine($"next: review it, then run 'sfbpolicygen generate {path}'.");
        return ExitCodes.Success;
    }

    /// <summary>--into: the file with the additions, written in one rename; its diff printed.</summary>
    private static int AddInto(CommandOutput console, string file, ImportedPolicy imported)
    {
        var diagnostics = new DiagnosticBag();
        var (edit, stop) = ImportService.PrepareEdit(file, imported, diagnostics);
        if (console.Report(diagnostics) || edit is null)
        {
            return stop is not null ? console.UsageError(stop.Problem) : ExitCodes.InvalidInput;
        }

        foreach (var note in edit.Notes)
        {
            console.Out.WriteLine($"note: {FreeText.Shown(note, int.MaxValue)}");
        }

        if (edit.Added.Count == 0)
        {
            console.Out.WriteLine($"nothing to add: {file} already holds everything imported.");
            return ExitCodes.Success;
        }

        ImportService.Apply(file, edit);
        console.Out.WriteLine(edit.Diff.TrimEnd('\n'));
        console.Out.WriteLine($"added {edit.Added.Count} value(s) to {file}:");
        foreach (var added in edit.Added)
        {
            console.Out.WriteLine($"  {FreeText.Shown(added, int.MaxValue)}");
        }

        return ExitCodes.Success;
    }
}
