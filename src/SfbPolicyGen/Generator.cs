using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;
using SfbPolicyGen.Writers;

namespace SfbPolicyGen;

/// <summary>The policy files a run read, and the tenants they define (none when any has an error).</summary>
public sealed record LoadedPolicies(IReadOnlyList<string> Files, IReadOnlyList<TenantPolicy> Tenants);

/// <summary>The whole flow, one direction: files → load and validate each → check across files →
/// templates → writers → an encoded tree in memory. Nothing here touches the output folder.</summary>
public static class Generator
{
    /// <summary>Policy files larger than this are refused before parsing (a policy file is a few KB).</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <param name="inputs">Files, folders and patterns, as the command line gives them (<see cref="PolicyFiles"/>).</param>
    public static LoadedPolicies LoadAll(IReadOnlyList<string> inputs, DiagnosticBag diagnostics)
    {
        var files = PolicyFiles.Expand(inputs, diagnostics);
        var tenants = new List<TenantPolicy>();
        foreach (var file in files)
        {
            if (new FileInfo(file).Length > MaxFileBytes)
            {
                diagnostics.Error(DiagnosticCodes.FileTooLarge, SourceSpan.StartOf(file), $"the file is larger than {MaxFileBytes / (1024 * 1024)} MiB; a policy file is a few kilobytes");
                continue;
            }

            if (PolicyLoader.Load(file, File.ReadAllBytes(file), diagnostics) is { } tenant)
            {
                tenants.Add(tenant);
            }
        }

        foreach (var group in tenants.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var again in group.Skip(1))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateTenant, again.NameAt,
                    $"tenant '{again.Name}' is also defined in {first.SourceFile} (line {first.NameAt.Line}); each tenant names its own output folder");
            }
        }

        return new LoadedPolicies(files, diagnostics.HasErrors ? [] : tenants);
    }

    /// <returns>The tree to write, or null when any diagnostic is an error.</returns>
    public static GeneratedTree? Build(IReadOnlyList<string> inputs, string? templatesDirectory, DiagnosticBag diagnostics)
    {
        var loaded = LoadAll(inputs, diagnostics);
        if (diagnostics.HasErrors)
        {
            return null;
        }

        var templates = TemplateSet.Load(templatesDirectory, diagnostics);
        if (templates is null)
        {
            return null;
        }

        try
        {
            return new GeneratedTree(loaded.Files, loaded.Tenants.Select(t => (t, ArtifactPipeline.Write(t, templates))));
        }
        catch (TemplateRenderException ex)
        {
            TemplateSet.ReportError(diagnostics, ex.At, ex.Message);
            return null;
        }
    }
}
