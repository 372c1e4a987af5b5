using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using SfbPolicyGen.Diagnostics;

namespace SfbPolicyGen.Cli;

/// <summary>The command tree, built by a factory that tests call in-process with their own writers.
/// One top-level catch turns I/O failures and bugs into one line and exit 3, never a stack trace.</summary>
internal static class CliApp
{
    public const string DefaultPolicyFile = "policies.yaml";
    public const string DefaultOutDirectory = "out";

    /// <param name="interactive">A person at a terminal: colour and progress lines are welcome.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false)
    {
        var console = new CommandOutput(stdout, stderr, interactive);
        int code;
        try
        {
            code = Run(args, console);
        }
        catch
        {
            // Only what SFB_DEBUG lets through, or out of memory: the document still ends the output.
            console.Finish(ExitCodes.IoOrInternalError);
            throw;
        }

        return console.Finish(code);
    }

    private static int Run(string[] args, CommandOutput console)
    {
        var parsed = BuildRootCommand(console).Parse(args);
        console.Configure(parsed);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in UsageErrors(parsed))
            {
                console.UsageError(OneLine(error));
            }

            console.Hint("Run 'sfbpolicygen --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return console.FileSystemError(ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && Environment.GetEnvironmentVariable("SFB_DEBUG") is null)
        {
            console.PrintRunError(DiagnosticCodes.InternalError, $"internal error ({ex.GetType().Name}): {ex.Message}. Please report it with the policy file that caused it.");
            return ExitCodes.IoOrInternalError;
        }
    }

    /// <summary>The parser's errors, a word it matched to nothing said as an unknown command or option with
    /// the nearest name, as System.CommandLine's typo suggestions do ('generat': did you mean 'generate'?).
    /// A command left out because its name was mistyped is that word's error, not one more.</summary>
    private static IEnumerable<string> UsageErrors(ParseResult parsed)
    {
        var unmatched = parsed.UnmatchedTokens;
        foreach (var word in unmatched)
        {
            yield return Typos.Unknown(word, parsed.CommandResult.Command);
        }

        foreach (var error in parsed.Errors)
        {
            var aboutUnmatched = unmatched.Any(word => error.Message.Contains($"'{word}'", StringComparison.Ordinal));
            var missingCommand = unmatched.Count > 0 && error.SymbolResult is CommandResult { Command.Subcommands.Count: > 0 };
            if (!aboutUnmatched && !missingCommand)
            {
                yield return error.Message;
            }
        }
    }

    /// <summary>System.CommandLine lists the choices of an option on tab-indented lines of their own;
    /// a diagnostic is one line.</summary>
    private static string OneLine(string message) =>
        message.Replace(":\n\t", ": ", StringComparison.Ordinal).Replace("\n\t", ", ", StringComparison.Ordinal);

    public static Command BuildRootCommand(TextWriter stdout, TextWriter stderr, bool interactive = false) =>
        BuildRootCommand(new CommandOutput(stdout, stderr, interactive));

    /// <summary>The root is a command named sfbpolicygen rather than a RootCommand, whose name is the
    /// running executable's (SfbPolicyGen.Cli under dotnet run): help and usage lines name the tool as
    /// people install and type it.</summary>
    private static Command BuildRootCommand(CommandOutput console)
    {
        var root = new Command("sfbpolicygen", "SfbPolicyGen: turns policies.yaml into the artifacts that fix Skype for Business Online sign-in errors.")
        {
            new HelpOption(),
            new VersionOption(),
            console.DiagnosticsFormatOption,
            console.DiagnosticsFileOption,
            console.WarningsAsErrorsOption,
            GenerateCommand.Create(console),
            CheckCommand.Create(console),
            PlanCommand.Create(console),
            ValidateCommand.Create(console),
            VerifyCommand.Create(console),
            VerifyDnsCommand.Create(console),
            ExplainCommand.Create(console),
            InitCommand.Create(console),
            ImportCommand.Create(console),
            SchemaCommand.Create(console),
        };
        root.Subcommands.Add(HelpCommand(root, console));
        return root;
    }

    /// <summary><c>help [COMMAND]</c>, as git and dotnet have it: the same as <c>[COMMAND] --help</c>.</summary>
    private static Command HelpCommand(Command root, CommandOutput console)
    {
        var names = new Argument<string[]>("COMMAND") { Description = "The command to describe (default: all of them).", Arity = ArgumentArity.ZeroOrMore };
        var help = new Command("help", "Show help for the tool, or for a command (sfbpolicygen help generate).") { names };
        help.SetAction(parsed =>
        {
            var words = parsed.GetValue(names) ?? [];

            // 'help generat' is the same mistake as 'generat', said the same way ('--help' would hide it).
            var command = root.Parse(words);
            foreach (var word in command.UnmatchedTokens)
            {
                console.UsageError(Typos.Unknown(word, command.CommandResult.Command));
            }

            return command.UnmatchedTokens.Count > 0
                ? ExitCodes.InvalidInput
                : root.Parse([.. words, "--help"]).Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error });
        });
        return help;
    }
}
