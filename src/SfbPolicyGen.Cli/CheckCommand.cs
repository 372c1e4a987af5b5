using System.CommandLine;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Cli;

/// <summary><c>check [FILE...] [--out DIR]</c>: writes nothing; exit 1 and a unified diff per file when
/// the folder differs from what generate would write.</summary>
internal static class CheckCommand
{
    public static Command Create(CommandOutput console)
    {
        var options = new GenerationOptions();
        var command = new Command("check", "Compare the output folder with what generate would write; change nothing.");
        options.AddTo(command);
        command.SetAction(parsed =>
        {
            var (tree, exitCode) = options.Build(parsed, console);
            if (tree is null)
            {
                return exitCode;
            }

            var outDirectory = parsed.GetValue(options.Out)!;
            var differences = OutputFolder.Compare(outDirectory, tree);
            foreach (var difference in differences)
            {
                console.Out.WriteLine(difference.Kind switch
                {
                    DifferenceKind.Missing => $"missing: {difference.Path}",
                    DifferenceKind.Extra => $"extra: {difference.Path} (generate would remove it)",
                    DifferenceKind.Changed => $"changed: {difference.Path}",
                });
                if (difference.UnifiedDiff is not null)
                {
                    console.Out.WriteLine(difference.UnifiedDiff.TrimEnd('\n'));
                }
            }

            console.Out.WriteLine(differences.Count == 0
                ? $"{outDirectory} is up to date ({tree.Files.Count} files)."
                : $"{outDirectory} differs from the policy files in {differences.Count} file(s); run 'sfbpolicygen generate'.");
            return differences.Count == 0 ? ExitCodes.Success : ExitCodes.Differences;
        });
        return command;
    }
}
