using System.CommandLine;
using SfbPolicyGen.Schema;

namespace SfbPolicyGen.Cli;

/// <summary><c>schema</c>: prints the JSON Schema of policies.yaml (committed as policies.schema.json).</summary>
internal static class SchemaCommand
{
    public static Command Create(CommandOutput console)
    {
        var command = new Command("schema", "Print the JSON Schema of policies.yaml (for editors: yaml-language-server).");
        command.SetAction(_ =>
        {
            console.Out.Write(PolicySchema.Text());
            return ExitCodes.Success;
        });
        return command;
    }
}
