using System.CommandLine;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Cli;

/// <summary><c>generate [FILE...] [--out DIR] [--templates DIR]</c>: writes the artifacts. On any error
/// nothing in the output folder changes.</summary>
internal static class GenerateCommand
{
    public static Command Create(CommandOutput console)
    {
        var files = CommonOptions.Files();
        var output = CommonOptions.Out();
        var templates = CommonOptions.Templates();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors and warnings." };
        var command = new Command("generate", "Write the artifacts of each tenant into the output folder.") { files, output, templates, quiet };
        command.SetAction(parsed =>
        {
            var outDirectory = parsed.GetValue(output)!;
            var templatesDirectory = parsed.GetValue(templates);
            if (!CommonOptions.CheckTemplatesFolder(templatesDirectory, console))
            {
                return ExitCodes.InvalidInput;
            }

            var diagnostics = new DiagnosticBag();
            var inputs = CommonOptions.FilesOrDefault(parsed.GetValue(files));
            var isQuiet = parsed.GetValue(quiet);
            WriteSummary summary;
            GeneratedTree? tree;
            using (Progress.After(TimeSpan.FromSeconds(1), console, isQuiet, $"generating {inputs.Length} policy file(s) into {outDirectory}"))
            {
                tree = Generator.Build(inputs, templatesDirectory, diagnostics);
                if (console.Report(parsed, diagnostics) || tree is null)
                {
                    return ExitCodes.InvalidInput;
                }

                summary = OutputFolder.Write(outDirectory, tree, () => console.Error.WriteLine($"sfbpolicygen: another run is writing {outDirectory}; waiting for it (at most {OutputFolder.LockTimeout.TotalSeconds:0} s)..."));
            }

            foreach (var kept in summary.Kept)
            {
                console.Error.WriteLine($"sfbpolicygen: warning: kept {Path.Combine(outDirectory, kept)}: generate no longer produces it, but it changed since generate wrote it; delete it by hand if it is not needed");
            }

            if (isQuiet)
            {
                return ExitCodes.Success;
            }

            console.Out.WriteLine($"{inputs.Length} policy file(s), {tree.Tenants.Count} tenant(s) ({string.Join(", ", tree.Tenants)}) → {outDirectory}: "
                + $"{console.Colour($"{summary.Written} written", summary.Written > 0 ? 32 : 2)}, {summary.Unchanged} unchanged, {console.Colour($"{summary.Removed} removed", summary.Removed > 0 ? 33 : 2)}.");
            foreach (var guide in tree.Files.Where(f => f.Format.ManifestName == "guide").Select(f => f.Path))
            {
                console.Out.WriteLine($"  guide: {Path.Combine(outDirectory, guide)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
