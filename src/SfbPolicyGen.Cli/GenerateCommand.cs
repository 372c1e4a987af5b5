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
        var command = new Command("generate", "Write the artifacts of each tenant into the output folder.") { files, output, templates };
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
            var tree = Generator.Build(inputs, templatesDirectory, diagnostics);
            if (console.Report(parsed, diagnostics) || tree is null)
            {
                return ExitCodes.InvalidInput;
            }

            var summary = OutputFolder.Write(outDirectory, tree);
            console.Out.WriteLine($"{inputs.Length} policy file(s) → {outDirectory}: {summary.Written} written, {summary.Unchanged} unchanged, {summary.Removed} removed.");
            foreach (var guide in tree.Files.Where(f => f.Format.ManifestName == "guide").Select(f => f.Path))
            {
                console.Out.WriteLine($"  guide: {Path.Combine(outDirectory, guide)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
