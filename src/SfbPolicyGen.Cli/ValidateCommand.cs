using System.CommandLine;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Formats;

namespace SfbPolicyGen.Cli;

/// <summary><c>validate [FILE...]</c>: load and validate only; exit 0 or 2.</summary>
internal static class ValidateCommand
{
    public static Command Create(CommandOutput console)
    {
        var files = CommonOptions.Files();
        var command = new Command("validate", "Check the policy files; write nothing.") { files };
        command.SetAction(parsed =>
        {
            var diagnostics = new DiagnosticBag();
            if (CommonOptions.Inputs(parsed, files, console) is not { } inputs)
            {
                return ExitCodes.InvalidInput;
            }

            var loaded = Generator.LoadAll(inputs, diagnostics);
            if (console.Report(diagnostics))
            {
                return ExitCodes.InvalidInput;
            }

            console.Out.WriteLine($"{loaded.Files.Count} policy file(s) valid: {Names.Few([.. loaded.Tenants.Select(t => t.Name)])}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
