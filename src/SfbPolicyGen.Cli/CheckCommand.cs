using System.CommandLine;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Output;
using SfbPolicyGen.Reports;

namespace SfbPolicyGen.Cli;

/// <summary><c>check [FILE...] [--out DIR] [--report junit FILE]</c>: writes nothing but the report; exit 1
/// and a unified diff per file when the folder differs from what generate would write.</summary>
internal static class CheckCommand
{
    public static Command Create(CommandOutput console)
    {
        var options = new GenerationOptions("check compares them too, so the files generate --prune would remove count as differences", signs: false);
        var report = new ReportOption();
        var command = new Command("check", "Compare the output folder with what generate would write; change nothing.") { report.Option };
        options.AddTo(command);
        command.SetAction(parsed =>
        {
            var (tree, exitCode) = options.Build(parsed, console);
            if (tree is null)
            {
                return exitCode;
            }

            var outDirectory = parsed.GetValue(options.Out)!;
            var failures = new DiagnosticBag();
            if (OutputStage.Compare(outDirectory, tree, parsed.GetValue(options.Prune), failures) is not { } comparison)
            {
                console.Report(failures);
                return ExitCodes.InvalidInput;
            }

            var differences = comparison.Differences;
            var leftAlone = comparison.LeftAlone;
            foreach (var difference in differences)
            {
                console.Out.WriteLine(difference.Kind switch
                {
                    DifferenceKind.Missing => $"missing: {difference.Path}",
                    DifferenceKind.Changed => $"changed: {difference.Path}",
                    DifferenceKind.Edited => $"edited: {difference.Path} (differs from what generate wrote; generate would overwrite it)",
                    DifferenceKind.Removed => $"extra: {difference.Path} (generate would remove it)",
                    DifferenceKind.KeptAfterEdit => $"extra: {difference.Path} (edited since generate wrote it; generate would keep it)",
                    DifferenceKind.Stray => $"extra: {difference.Path} (not in manifest.json, so not sfbpolicygen's; generate leaves it)",
                });
                if (difference.UnifiedDiff is not null)
                {
                    console.Out.WriteLine(difference.UnifiedDiff.TrimEnd('\n'));
                }
            }

            var others = leftAlone.Count == 0 ? "" : $"; {leftAlone.Count} other tenant folder(s) not checked ({Names.Few(leftAlone)})";
            // generate leaves what is not its own, and what was edited since it wrote it: only the user
            // can make those go, and "run generate" alone would leave check failing for ever.
            var left = differences.Count(d => d.Kind is DifferenceKind.Stray or DifferenceKind.KeptAfterEdit);
            var advice = left == differences.Count
                ? $"move or delete the {left} extra file(s) that generate leaves"
                : $"run '{options.GenerateCommandLine(parsed)}'" + (left == 0 ? "" : $", and move or delete the {left} extra file(s) that generate leaves");
            console.Out.WriteLine(differences.Count == 0
                ? $"{outDirectory} is up to date ({comparison.Files} files{others})."
                : $"{outDirectory} differs from the policy files in {differences.Count} file(s){others}; {advice}.");
            report.Write(parsed, "check", () => JUnitSuites.OfCheck(comparison));
            return differences.Count == 0 ? ExitCodes.Success : ExitCodes.Differences;
        });
        return command;
    }
}
