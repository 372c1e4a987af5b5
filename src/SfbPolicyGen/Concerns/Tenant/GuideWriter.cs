using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;
using SfbPolicyGen.Writers;
using static SfbPolicyGen.Templates.ScriptModel;

namespace SfbPolicyGen.Concerns;

/// <summary>The deployment guide of a tenant, one per ADMX language (README.md in English): what each
/// generated file is, where it goes, in what order. Each row comes from its kind's <see cref="GuideRow"/>,
/// each step's number from <see cref="ConcernRegistry.Steps"/>, and each concern adds what its section
/// says (<see cref="Concern.GuideModel"/>). Free text (the display name, the policy file's path) is
/// Markdown-escaped; everything else is a validated name or a fixed text.
/// Determinism: rows in step order, then the ways to set the value before the optional templates, then
/// ordinal path. A row of files deployed together (<see cref="GuideRow.ByFolder"/>) names their folder.
/// The commands name the policy file as <see cref="TenantPolicy.SourcePath"/> gives it, never an absolute path.</summary>
internal static class GuideWriter
{
    private static readonly Localized<Func<int, StepRole, string>> StepCell = new(
        (step, role) => role switch
        {
            StepRole.Deploy => $"{step}",
            StepRole.PickOne => $"{step}, pick one",
            StepRole.Optional => $"{step}, optional",
        },
        (step, role) => role switch
        {
            StepRole.Deploy => $"{step}",
            StepRole.PickOne => $"{step}, au choix",
            StepRole.Optional => $"{step}, facultatif",
        });

    private static readonly Localized<string> ServerPlaceholder = new("<that server>", "<ce serveur>");

    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        // The same rows, in the same order, in every language's guide: sorted once.
        var registry = context.Registry;
        var files = context.Written
            .Where(a => a.Kind.Guide is not null)
            .Select(a => (Artifact: a, Row: a.Kind.Guide!, Step: registry.StepOf(a.Kind), Path: RowPath(tenant.Name, a)))
            .DistinctBy(f => f.Path)
            .OrderBy(f => f.Step)
            .ThenBy(f => f.Row.Role)
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .ToArray();
        var argument = ShellText.Word(tenant.SourcePath);
        var steps = Record([.. registry.Steps.Select(s => (s.Name, (object?)s.Number))]);
        foreach (var language in tenant.Admx.Languages)
        {
            var model = Record(
            [
                ("tenant", tenant.Name),
                ("display_name", MarkdownText.Escape(tenant.DisplayName)),
                ("source", MarkdownText.Code(tenant.SourcePath)),
                ("generate_command", MarkdownText.Code($"sfbpolicygen generate {argument}")),
                ("verify_command", MarkdownText.Code($"sfbpolicygen verify-dns {argument} --server {ServerPlaceholder.For(language)}")),
                ("steps", steps),
                ("domains", string.Join(", ", tenant.Domains.Select(GuideText.Domain))),
                ("retired_domains", string.Join(", ", tenant.Retired.Domains.Select(GuideText.Domain))),
                ("retired_clients", string.Join(", ", tenant.Retired.Clients.Select(c => MarkdownText.Code(c.Id)))),
                ("files", Projected(files.Length, i => FileRow(tenant, files[i].Artifact, files[i].Row, files[i].Step, files[i].Path, language))),
                .. registry.Concerns.Where(c => c.GuideModel is not null).SelectMany(c => c.GuideModel!(tenant, language)),
            ]);
            var template = language == Languages.French ? TemplateSet.GuideFrench : TemplateSet.GuideEnglish;
            yield return new Artifact(tenant.Name, TenantKinds.Guide, TenantKinds.GuidePath(tenant.Name, language), context.Templates.Render(template, model), Language: language);
        }
    }

    /// <summary>The path a row shows, relative to the tenant: the file's, or its folder's.</summary>
    private static string RowPath(string tenant, Artifact file)
    {
        var path = ArtifactKind.RelativeToTenant(tenant, file.Path);
        return file.Kind.Guide!.ByFolder ? path[..(path.LastIndexOf('/') + 1)] : path;
    }

    /// <summary>One row of the table of files: made as the template reads it (a tenant of 10,000 domains
    /// has 10,000 rows).</summary>
    private static Scriban.Runtime.ScriptObject FileRow(TenantPolicy tenant, Artifact file, GuideRow row, int step, string path, string language) => Record(
        ("step", StepCell.For(language)(step, row.Role)),
        ("name", MarkdownText.Escape(path)),
        ("link", path),
        ("what", row.What.For(language)(file, tenant)),
        ("where", row.Where.For(language)));
}
