using System.CommandLine;
using System.Text;
using System.Text.Json;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Plan;
using SfbPolicyGen.Reports;

namespace SfbPolicyGen.Cli;

/// <summary><c>plan [FILE...] [--out DIR] [--format text|markdown|json] [--save FILE] [--report junit FILE]</c>: what generate
/// would change in DIR, in the domain's words, and which tenants it would refuse without --force; writes
/// nothing but the saved plan and the report. Exit 0 when nothing would change, 1 when something would. Markdown is a
/// table per tenant, for a pull-request comment (as octoDNS's Markdown plan). --save writes the JSON plan
/// with the run's checksum (<see cref="Output.RunChecksum"/>), which generate --plan checks.</summary>
internal static class PlanCommand
{
    public static Command Create(CommandOutput console)
    {
        var options = new GenerationOptions("plan lists what generate --prune would remove", signs: false);
        var format = new Option<string>("--format") { Description = "text, markdown (a pull-request comment) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown", "json");
        var save = new Option<string?>("--save")
        {
            Description = "Also write the plan as JSON to FILE, with a checksum of what generate would write; 'generate --plan FILE' then writes only that.",
            HelpName = "FILE",
        };
        var report = new ReportOption();
        var command = new Command("plan", "Say what generate would change in the output folder, in the domain's words.") { format, save, report.Option };
        options.AddTo(command);
        command.SetAction(parsed =>
        {
            var (tree, exitCode) = options.Build(parsed, console);
            if (tree is null)
            {
                return exitCode;
            }

            var outDirectory = parsed.GetValue(options.Out)!;
            var saveTo = parsed.GetValue(save);
            var failures = new DiagnosticBag();
            if (OutputStage.Plan(outDirectory, tree, parsed.GetValue(options.Prune), checksum: saveTo is not null, failures) is not { } plan)
            {
                console.Report(failures);
                return ExitCodes.InvalidInput;
            }

            var rerun = options.GenerateCommandLine(parsed);
            var saved = saveTo is null ? null : new Saved(saveTo, $"{rerun} --plan {Formats.ShellText.Word(saveTo)}");
            if (saved is not null)
            {
                using var file = new StreamWriter(saved.File, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                Json(file, plan, saved);
            }

            switch (parsed.GetValue(format))
            {
                case "markdown":
                    Markdown(console.Out, plan, outDirectory, rerun, saved);
                    break;
                case "json":
                    Json(console.Out, plan, saved);
                    break;
                default:
                    Text(console.Out, plan, outDirectory, rerun, saved);
                    break;
            }

            report.Write(parsed, "plan", () => JUnitSuites.OfPlan(plan, tree.Tenants));
            return plan.Changes.Count == 0 ? ExitCodes.Success : ExitCodes.Differences;
        });
        return command;
    }

    /// <summary>Where --save wrote the plan, and the command that applies exactly it.</summary>
    private sealed record Saved(string File, string Generate);

    /// <summary>What generate would refuse without --force, one line per tenant and kind.</summary>
    private static IEnumerable<string> RefusalNotes(PlanResult plan) =>
        plan.Refusals.Select(r => $"note: generate would refuse tenant '{r.Tenant.Name}': it {r.Text}; once this plan is checked, run generate with --force.");

    private static string SavedNote(PlanResult plan, Saved saved, string outDirectory) =>
        $"Plan saved to {saved.File} (checksum {plan.Checksum}): '{saved.Generate}' applies exactly this plan, and refuses once the policy files, the options or {outDirectory} change.";

    private static string Summary(PlanResult plan, string outDirectory, string rerun)
    {
        var changes = plan.Changes;
        var others = plan.LeftAlone.Count == 0 ? "" : $" ({plan.LeftAlone.Count} other tenant folder(s) left alone: {Names.Few(plan.LeftAlone)})";
        return changes.Count == 0
            ? $"No changes: {outDirectory} is what the policy files give{others}."
            : $"{changes.Count} change(s) in {changes.Select(c => c.Tenant).Distinct().Count()} tenant(s) of {outDirectory}{others}; run '{rerun}' to apply them.";
    }

    /// <summary>Where the previous state came from, when it is not the facts the last run kept.</summary>
    private static string? BaselineNote(PlanBaseline baseline, string outDirectory) => baseline switch
    {
        PlanBaseline.ArtifactsOfAnOlderManifest => $"note: {outDirectory} was written by a version that kept no facts in its manifest; the previous state was read back from its files.",
        PlanBaseline.ArtifactsOfAnInterruptedRun => $"note: the last run into {outDirectory} stopped while writing; the previous state was read back from its files.",
        PlanBaseline.Empty or PlanBaseline.Facts => null,
    };

    /// <summary>Passed on to <paramref name="output"/> tenant by tenant: a fresh plan of a thousand tenants
    /// is megabytes of text, which one string (and the builder before it) would hold twice over; one
    /// write per tenant, not per line, since the console's writer flushes on every write.</summary>
    private static void Text(TextWriter output, PlanResult plan, string outDirectory, string rerun, Saved? saved)
    {
        var changes = plan.Changes;
        var text = new StringBuilder();
        foreach (var tenant in changes.GroupBy(c => c.Tenant))
        {
            text.Append(tenant.Key).Append('\n');
            foreach (var change in tenant)
            {
                text.Append("  ").Append(change.AreaText).Append(": ").Append(change.Text).Append('\n');
            }

            WriteOut(output, text);
        }

        if (BaselineNote(plan.Baseline, outDirectory) is { } note)
        {
            text.Append(note).Append('\n');
        }

        foreach (var refusal in RefusalNotes(plan))
        {
            text.Append(refusal).Append('\n');
        }

        text.Append(Summary(plan, outDirectory, rerun)).Append('\n');
        if (saved is not null)
        {
            text.Append(SavedNote(plan, saved, outDirectory)).Append('\n');
        }

        WriteOut(output, text);
    }

    /// <summary>Tenant by tenant, as <see cref="Text"/>.</summary>
    private static void Markdown(TextWriter output, PlanResult plan, string outDirectory, string rerun, Saved? saved)
    {
        var changes = plan.Changes;
        var text = new StringBuilder("## SfbPolicyGen plan\n\n");
        foreach (var tenant in changes.GroupBy(c => c.Tenant))
        {
            text.Append("### ").Append(MarkdownText.Escape(tenant.Key)).Append("\n\n| Area | Change |\n|---|---|\n");
            foreach (var change in tenant)
            {
                text.Append("| ").Append(MarkdownText.Escape(change.AreaText)).Append(" | ").Append(MarkdownText.Escape(change.Text)).Append(" |\n");
            }

            WriteOut(output, text.Append('\n'));
        }

        if (BaselineNote(plan.Baseline, outDirectory) is { } note)
        {
            text.Append("> ").Append(MarkdownText.Escape(note)).Append("\n\n");
        }

        foreach (var refusal in RefusalNotes(plan))
        {
            text.Append("> **").Append(MarkdownText.Escape(refusal)).Append("**\n\n");
        }

        text.Append(MarkdownText.Escape(Summary(plan, outDirectory, rerun))).Append('\n');
        if (saved is not null)
        {
            text.Append('\n').Append(MarkdownText.Escape(SavedNote(plan, saved, outDirectory))).Append('\n');
        }

        WriteOut(output, text);
    }

    private static void WriteOut(TextWriter output, StringBuilder text)
    {
        output.Write(text);
        text.Clear();
    }

    /// <summary><c>{"previousState", "leftAlone": [tenant], "refusals": [...], "changes": [{"tenant", "area", "action", ...}]}</c>:
    /// each change with the fields its area has (of: the area of what is left in place; client, domain,
    /// entry, record {name, type, data, ttl}, manage, gpo, user, userKind, searchBase, filter, application,
    /// key, from, to, path), for a program; "text" is the line a person reads. "refusals":
    /// <c>[{"tenant", "kind": "dnsRecords"|"trustedDomains"|"clients", "removed", "existing", "maxRemovedPercent", "minExisting", "text"}]</c>,
    /// what generate would refuse without --force. Saved (--save), the plan starts with
    /// <c>"format", "version", "checksum", "generate"</c> (<see cref="SavedPlan"/>), and so does the JSON printed beside it.</summary>
    private static void Json(TextWriter output, PlanResult plan, Saved? saved)
    {
        JsonOutput.WriteTo(output, indented: true, (json, pieceDone) => Json(json, plan, saved, pieceDone));
        output.Write('\n');
    }

    private static void Json(Utf8JsonWriter json, PlanResult plan, Saved? saved, Action pieceDone)
    {
        static void Field(Utf8JsonWriter json, string name, string? value)
        {
            if (value is not null)
            {
                json.WriteString(name, value);
            }
        }

        json.WriteStartObject();
        if (saved is not null)
        {
            json.WriteString("format", SavedPlan.Format);
            json.WriteNumber("version", SavedPlan.Version);
            json.WriteString("checksum", plan.Checksum);
            json.WriteString("generate", saved.Generate);
        }

        json.WriteString("previousState", plan.Baseline switch
        {
            PlanBaseline.Empty => "none",
            PlanBaseline.Facts => "manifest",
            PlanBaseline.ArtifactsOfAnOlderManifest or PlanBaseline.ArtifactsOfAnInterruptedRun => "artifacts",
        });
        json.WriteStartArray("leftAlone");
        foreach (var tenant in plan.LeftAlone)
        {
            json.WriteStringValue(tenant);
        }

        json.WriteEndArray();
        json.WriteStartArray("refusals");
        foreach (var refusal in plan.Refusals)
        {
            json.WriteStartObject();
            json.WriteString("tenant", refusal.Tenant.Name);
            json.WriteString("kind", Removal.JsonName(refusal.Kind));
            json.WriteNumber("removed", refusal.Removed);
            json.WriteNumber("existing", refusal.Existing);
            json.WriteNumber("maxRemovedPercent", refusal.Safety.MaxRemovedPercent);
            json.WriteNumber("minExisting", refusal.Safety.MinExisting);
            json.WriteString("text", refusal.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("changes");
        foreach (var change in plan.Changes)
        {
            json.WriteStartObject();
            json.WriteString("tenant", change.Tenant);
            json.WriteString("area", change.AreaName);
            json.WriteString("action", change.ActionName);
            Field(json, "of", change.OfName);
            Field(json, "client", change.Client);
            Field(json, "domain", change.Domain);
            Field(json, "entry", change.Entry);
            if (change.Record is { } record)
            {
                json.WriteStartObject("record");
                json.WriteString("name", record.Name);
                json.WriteString("type", record.Type);
                json.WriteString("data", record.Data);
                json.WriteNumber("ttl", record.Ttl);
                json.WriteEndObject();
            }

            Field(json, "manage", change.ManagedName);
            Field(json, "gpo", change.Gpo);
            Field(json, "user", change.User);
            Field(json, "userKind", change.UserKindName);
            Field(json, "searchBase", change.SearchBase);
            Field(json, "filter", change.Filter);
            Field(json, "application", change.Application);
            Field(json, "key", change.Key);
            Field(json, "from", change.From);
            Field(json, "to", change.To);
            Field(json, "path", change.Path);
            json.WriteString("text", $"{change.AreaText}: {change.Text}");
            json.WriteEndObject();
            pieceDone();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
