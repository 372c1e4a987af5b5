using System.Net;
using System.Net.Sockets;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;
using SfbPolicyGen.Schema;
using SfbPolicyGen.Verification;

namespace SfbPolicyGen.Import;

/// <summary>What import is asked, its command line checked (import's command refuses the rest).</summary>
/// <param name="Sources">.reg exports, Registry.pol files, GPO backup folders and zone files.</param>
/// <param name="Tenant">The tenant of a new file (null: from the first domain).</param>
/// <param name="Server">The DNS server to transfer each of <paramref name="Domains"/> from; with none,
/// the domains are taken as they are.</param>
/// <param name="Domains">The --domain names, normalised.</param>
public sealed record ImportRequest(IReadOnlyList<string> Sources, string? Tenant, DnsServerAddress? Server, IReadOnlyList<string> Domains);

/// <summary>Where a stage of import stopped before writing anything (nothing is written after any error).</summary>
/// <param name="Problem">What to tell a person: a usage error (<see cref="IsUsage"/>) or a DNS server that
/// cannot be read.</param>
public sealed record ImportStop(string Problem, bool IsUsage);

/// <summary>A new policy file import is about to write: its text, already loaded and checked to give back
/// what was read (<see cref="Diagnostics"/>: the loader's warnings).</summary>
public sealed record PreparedPolicyFile(string Path, byte[] Bytes, DiagnosticBag Diagnostics);

/// <param name="SchemaWritten">The schema was missing beside the file and is written now.</param>
/// <param name="StaleSchema">The schema beside it, as shown to a person, when it is another version's
/// (left as it is).</param>
public sealed record WrittenPolicyFile(bool SchemaWritten, string? StaleSchema);

/// <summary>Import's application service: reads what is deployed (<see cref="ImportSources"/>, zone
/// transfers), maps it (<see cref="ImportMapper"/>), and writes a new policy file or adds to one
/// (<see cref="PolicyFileEditor"/>). A stage at a time, so that the command prints each stage's
/// diagnostics and findings before the next runs, and nothing is written after any error.</summary>
public static class ImportService
{
    /// <summary>Per zone transfer: a zone import reads is a few records.</summary>
    private static readonly TimeSpan TransferTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Reads every source, then transfers each --domain from --server.</summary>
    /// <returns>What was read, and the sources it came from (the files given, then the transfers); or
    /// where it stopped: the sources' diagnostics, shown by <paramref name="report"/>, which returns true to
    /// stop (an error, or a warning under --warnings-as-errors), or a server that cannot be read.</returns>
    public static async Task<(ImportFindings? Findings, IReadOnlyList<string> Read, ImportStop? Stop)> ReadAsync(
        ImportRequest request, Func<DiagnosticBag, bool> report, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        var findings = new ImportFindings();
        ImportSources.Read(request.Sources, findings, diagnostics);
        if (report(diagnostics))
        {
            return (null, [], null);
        }

        var transferred = new List<string>();
        if (request.Server is { } address)
        {
            try
            {
                var endpoint = await EndpointAsync(address, cancellationToken).ConfigureAwait(false);
                foreach (var domain in request.Domains)
                {
                    var zone = await ZoneTransfer.TransferAsync(endpoint, address.ToString(), domain, TransferTimeout, cancellationToken).ConfigureAwait(false);
                    findings.Zones.Add(zone);
                    transferred.Add(zone.Source);
                }
            }
            catch (ZoneTransferException ex)
            {
                return (null, [], new ImportStop(ex.Message, IsUsage: false));
            }
        }

        return (findings, [.. request.Sources, .. transferred], null);
    }

    /// <summary>The policy the findings give (<see cref="ImportMapper.Map"/>).</summary>
    /// <param name="newFile">A new policy file is written (not --into, where the file keeps its own domains).</param>
    /// <returns>Null after errors in <paramref name="diagnostics"/>, or with a usage problem (a new file
    /// with no SIP domain).</returns>
    public static (ImportedPolicy? Imported, ImportStop? Stop) Map(ImportRequest request, ImportFindings findings, bool newFile, DiagnosticBag diagnostics)
    {
        var named = request.Server is null ? request.Domains.Select(d => new Sourced<string>(d, Origin.OnCommandLine("--domain"))).ToList() : [];
        var imported = ImportMapper.Map(findings, named, request.Tenant, diagnostics);
        if (imported is null || diagnostics.HasErrors || !imported.Domains.IsEmpty || !newFile)
        {
            return (imported, null);
        }

        var entries = imported.Trust?.Value.Select(v => v.Value).Where(v => !TrustListMerger.MicrosoftDefaults.Contains(v)).ToList() ?? [];
        return (imported, new ImportStop(
            "no SIP domain: give the zone files of the tenant's domains, --server with --domain, or --domain D" + (entries.Count > 0 ? $" (the deployed value lists {Names.Few(entries)})" : ""),
            IsUsage: true));
    }

    /// <summary>A new policy file, rendered and loaded back before anything is written: it must give back
    /// what was read (a bug otherwise, not the user's input).</summary>
    public static PreparedPolicyFile Prepare(string path, ImportedPolicy imported, IReadOnlyList<string> sources)
    {
        var text = ImportedPolicyWriter.Render(path, imported, sources);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var diagnostics = new DiagnosticBag();
        var policy = PolicyLoader.Load(path, bytes, diagnostics);
        var wrong = policy is null ? string.Join("; ", diagnostics.Sorted())
            : ImportedPolicyCheck.Missing(policy, imported) ?? ImportedPolicyCheck.ValueDiffers(policy, imported) ?? ImportedPolicyCheck.Changes(policy, imported);
        return wrong is null
            ? new PreparedPolicyFile(path, bytes, diagnostics)
            : throw new InvalidOperationException("the policy file import writes does not give back what it read: " + wrong);
    }

    /// <summary>Writes a prepared file (never over one: it is created new), and the schema beside it when
    /// it is missing: the file's schema line names it relative to the file.</summary>
    public static WrittenPolicyFile Write(PreparedPolicyFile prepared)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(prepared.Path))!;
        Directory.CreateDirectory(folder);
        using (var file = new FileStream(prepared.Path, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(prepared.Bytes);
        }

        var schema = PolicySchema.Text();
        var schemaPath = Path.Combine(folder, PolicyFileTemplate.SchemaFileName);
        if (!File.Exists(schemaPath))
        {
            File.WriteAllText(schemaPath, schema);
            return new WrittenPolicyFile(SchemaWritten: true, null);
        }

        return File.ReadAllText(schemaPath) == schema
            ? new WrittenPolicyFile(SchemaWritten: false, null)
            : new WrittenPolicyFile(SchemaWritten: false, Path.Combine(Path.GetDirectoryName(prepared.Path) ?? "", PolicyFileTemplate.SchemaFileName));
    }

    /// <summary>--into: the file with the additions (<see cref="PolicyFileEditor.Add"/>), not yet written.</summary>
    /// <returns>Null after errors in <paramref name="diagnostics"/>, or with a usage problem (a file too large to read).</returns>
    public static (PolicyFileEdit? Edit, ImportStop? Stop) PrepareEdit(string file, ImportedPolicy imported, DiagnosticBag diagnostics) =>
        new FileInfo(file).Length > Generator.MaxFileBytes
            ? (null, new ImportStop($"--into {file}: the file is larger than {Generator.MaxFileBytes / (1024 * 1024)} MiB", IsUsage: true))
            : (PolicyFileEditor.Add(file, File.ReadAllBytes(file), imported, diagnostics), null);

    /// <summary>Writes an edit in one rename, so that the file is its old or its new text at any moment.</summary>
    public static void Apply(string file, PolicyFileEdit edit)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, $".{Path.GetFileName(file)}.sfbpolicygen-import");
        File.WriteAllText(temporary, edit.Text);
        File.Move(temporary, file, overwrite: true);
    }

    private static async Task<IPEndPoint> EndpointAsync(DnsServerAddress address, CancellationToken cancellationToken)
    {
        try
        {
            var resolved = await address.ResolveAsync(cancellationToken).ConfigureAwait(false);
            return resolved.Length > 0 ? new IPEndPoint(resolved[0], address.Port) : throw new ZoneTransferException($"the server name '{address.Host}' has no address");
        }
        catch (SocketException ex)
        {
            throw new ZoneTransferException(address.CannotResolve(ex));
        }
    }
}
