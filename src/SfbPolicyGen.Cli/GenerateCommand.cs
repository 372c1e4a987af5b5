using System.CommandLine;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Output;
using SfbPolicyGen.Plan;

namespace SfbPolicyGen.Cli;

/// <summary><c>generate [FILE...] [--out DIR] [--templates DIR] [--prune] [--force] [--plan FILE]</c>:
/// writes the artifacts. On any error nothing in the output folder changes.</summary>
internal static class GenerateCommand
{
    public static Command Create(CommandOutput console)
    {
        var options = new GenerationOptions("generate removes their files", signs: true);
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors and warnings." };
        var force = new Option<bool>("--force")
        {
            Description = "Write even when a tenant's change removes more of its DNS records, trusted domains or clients than its safety thresholds allow (safety.maxRemovedPercent).",
        };
        var plan = new Option<string?>("--plan")
        {
            Description = "A plan saved by 'plan --save FILE': write only when this run is exactly the one it reviewed (same policy files, options and output folder); otherwise change nothing.",
            HelpName = "FILE",
        };
        var command = new Command("generate", "Write the artifacts of each tenant into the output folder.") { quiet, force, plan };
        options.AddTo(command);
        command.SetAction(parsed =>
        {
            var outDirectory = parsed.GetValue(options.Out)!;
            var isQuiet = parsed.GetValue(quiet);
            WriteSummary? summary;
            GeneratedTree tree;
            var failures = new DiagnosticBag();
            using (Progress.After(TimeSpan.FromSeconds(1), console, isQuiet, $"generating into {outDirectory}"))
            {
                var (built, exitCode) = options.Build(parsed, console);
                if (built is null)
                {
                    return exitCode;
                }

                SavedPlan? reviewed = null;
                if (parsed.GetValue(plan) is { } planFile)
                {
                    var diagnostics = new DiagnosticBag();
                    reviewed = SavedPlan.Read(planFile, diagnostics);
                    if (console.Report(diagnostics) || reviewed is null)
                    {
                        return ExitCodes.InvalidInput;
                    }
                }

                tree = built;

                // Ctrl-C stops the run while it only stages (the default would end the process there and
                // leave the staging folder for 'git add -A'); once files move, it finishes them.
                using var stop = new CancellationTokenSource();
                ConsoleCancelEventHandler onCtrlC = (_, e) =>
                {
                    e.Cancel = true;
                    stop.Cancel();
                };
                Console.CancelKeyPress += onCtrlC;
                try
                {
                    summary = OutputStage.Write(
                        outDirectory,
                        tree,
                        new WriteOptions(
                            Prune: parsed.GetValue(options.Prune),
                            Force: parsed.GetValue(force),
                            Plan: reviewed,
                            OnWait: () => console.Hint($"sfbpolicygen: another run is writing {outDirectory}; waiting for it (at most {OutputFolder.LockTimeout.TotalSeconds:0} s)..."),
                            Stop: stop.Token,
                            Hooks: TestHooks.FromEnvironment()),
                        failures);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    console.Error.WriteLine($"sfbpolicygen: stopped (Ctrl-C) before changing anything in {outDirectory}; nothing was lost: run generate again to write it.");
                    return ExitCodes.Stopped;
                }
                finally
                {
                    Console.CancelKeyPress -= onCtrlC;
                }
            }

            // Reported once the progress line is erased: a template that failed, a refused run (exit 2).
            if (summary is null)
            {
                console.Report(failures);

                // A failure at no place of the input (a time-stamping authority that gave no token,
                // SFB085) is the run's, not the input's.
                return failures.Sorted().Any(d => d.File is null) ? ExitCodes.IoOrInternalError : ExitCodes.InvalidInput;
            }

            console.OverwroteEditedFiles(outDirectory, summary.Overwritten);
            foreach (var kept in summary.Kept)
            {
                console.KeptEditedFile(Path.Combine(outDirectory, kept));
            }

            if (isQuiet)
            {
                return ExitCodes.Success;
            }

            console.Out.WriteLine($"{tree.Sources.Count} policy file(s), {tree.Tenants.Count} tenant(s) ({Names.Few(tree.Tenants)}) → {outDirectory}: "
                + $"{console.Colour($"{summary.Written} written", summary.Written > 0 ? 32 : 2)}, {summary.Unchanged} unchanged, {console.Colour($"{summary.Removed} removed", summary.Removed > 0 ? 33 : 2)}.");
            var guides = summary.Artifacts.Where(a => a.Kind == TenantKinds.Guide).OrderBy(a => a.Path, StringComparer.Ordinal).ToList();
            if (tree.Tenants.Count <= Names.Shown)
            {
                foreach (var guide in guides)
                {
                    console.Out.WriteLine($"  guide: {Path.Combine(outDirectory, guide.Path)}");
                }
            }
            else
            {
                console.Out.WriteLine($"  guides: README.md (and one per other language) in each of the {tree.Tenants.Count} tenant folders");
            }

            if (summary.Pruned.Count > 0)
            {
                console.Out.WriteLine($"  pruned: {summary.Pruned.Count} tenant folder(s) no policy file defines ({Names.Few(summary.Pruned)})");
            }

            if (summary.LeftAlone.Count > 0)
            {
                console.Out.WriteLine($"  left alone: {summary.LeftAlone.Count} other tenant folder(s) of {outDirectory} ({Names.Few(summary.LeftAlone)}); --prune removes those no policy file defines");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
