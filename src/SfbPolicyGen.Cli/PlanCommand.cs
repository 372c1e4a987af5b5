using System.CommandLine;
using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Plan;

namespace SfbPolicyGen.Cli;

/// <summary><c>plan [FILE...] [--out DIR] [--format text|markdown|json]</c>: what generate would change in
/// DIR, in the domain's words; writes nothing. Exit 0 when nothing would change, 1 when something would.
/// Markdown is a table per tenant, for a pull-request comment (as octoDNS's Markdown plan).</summary>
internal static class PlanCommand
{
    public static Command Create(CommandOutput console)
    {
        var files = CommonOptions.Files();
        var output = CommonOptions.Out();
        var templates = CommonOptions.Templates();
        var format = new Option<string>("--format") { Description = "text, markdown (a pull-request comment) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown", "json");
        var command = new Command("plan", "Say what generate would change in the output folder, in the domain's words.") { files, output, templates, format };
        command.SetAction(parsed =>
        {
            var templatesDirectory = parsed.GetValue(templates);
            if (!CommonOptions.CheckTemplatesFolder(templatesDirectory, console))
            {
                return ExitCodes.InvalidInput;
            }

            var diagnostics = new DiagnosticBag();
            var tree = Generator.Build(CommonOptions.FilesOrDefault(parsed.GetValue(files)), templatesDirectory, diagnostics);
            if (console.Report(parsed, diagnostics) || tree is null)
            {
                return ExitCodes.InvalidInput;
            }

            var outDirectory = parsed.GetValue(output)!;
            var changes = Planner.Compute(outDirectory, tree);
            console.Out.Write(parsed.GetValue(format) switch
            {
                "markdown" => Markdown(changes, outDirectory),
                "json" => Json(changes),
                _ => Text(changes, outDirectory),
            });
            return changes.Count == 0 ? ExitCodes.Success : ExitCodes.Differences;
        });
        return command;
    }

    private static string Summary(IReadOnlyList<PlanChange> changes, string outDirectory) => changes.Count == 0
        ? $"No changes: {outDirectory} is what the policy files give."
        : $"{changes.Count} change(s) in {changes.Select(c => c.Tenant).Distinct().Count()} tenant(s) of {outDirectory}; run 'sfbpolicygen generate' to apply them.";

    private static string Text(IReadOnlyList<PlanChange> changes, string outDirectory)
    {
        var text = new StringBuilder();
        foreach (var tenant in changes.GroupBy(c => c.Tenant))
        {
            text.Append(tenant.Key).Append('\n');
            foreach (var change in tenant)
            {
                text.Append("  ").Append(change.Area).Append(": ").Append(change.Text).Append('\n');
            }
        }

        return text.Append(Summary(changes, outDirectory)).Append('\n').ToString();
    }

    private static string Markdown(IReadOnlyList<PlanChange> changes, string outDirectory)
    {
        var text = new StringBuilder("## SfbPolicyGen plan\n\n");
        foreach (var tenant in changes.GroupBy(c => c.Tenant))
        {
            text.Append("### ").Append(MarkdownText.Escape(tenant.Key)).Append("\n\n| Area | Change |\n|---|---|\n");
            foreach (var change in tenant)
            {
                text.Append("| ").Append(MarkdownText.Escape(change.Area)).Append(" | ").Append(MarkdownText.Escape(change.Text)).Append(" |\n");
            }

            text.Append('\n');
        }

        return text.Append(MarkdownText.Escape(Summary(changes, outDirectory))).Append('\n').ToString();
    }

    private static string Json(IReadOnlyList<PlanChange> changes) => JsonOutput.Write(indented: true, json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("changes");
        foreach (var change in changes)
        {
            json.WriteStartObject();
            json.WriteString("tenant", change.Tenant);
            json.WriteString("area", change.Area);
            json.WriteString("change", change.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }) + "\n";
}
