using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Reflection;

namespace SfbPolicyGen.Cli;

/// <summary><c>--version</c>, as System.CommandLine's <see cref="VersionOption"/> behaves (the informational
/// version, alone on the command line, even when the rest would not parse), but without its constructor,
/// which reads the option's description through a ResourceManager: that first resource lookup resolves the
/// neutral culture, which loads ICU (three libraries) and reads assembly metadata, about a fifth of the
/// pages <c>--version</c> touched (docs/PERFORMANCE.md, "Start-up (issue 25)").</summary>
internal static class VersionFlag
{
    public const string Name = "--version";

    /// <summary>What <c>--version</c> prints, and what the SARIF log names as the tool's version.</summary>
    public static string Text { get; } =
        typeof(VersionFlag).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionFlag).Assembly.GetName().Version?.ToString() ?? "";

    public static Option<bool> Create()
    {
        var option = new Option<bool>(Name) { Description = "Show version information", Arity = ArgumentArity.Zero, Action = new PrintVersion() };
        option.Validators.Add(static result =>
        {
            if (!result.Implicit && result.Parent is CommandResult parent && parent.Children.Any(other => other != result && other is not OptionResult { Implicit: true }))
            {
                result.AddError($"{result.IdentifierToken?.Value ?? Name} option cannot be combined with other arguments."); // System.CommandLine's words
            }
        });
        return option;
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Text);
            return ExitCodes.Success;
        }
    }
}
