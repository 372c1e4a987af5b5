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
        var parsed = BuildRootCommand(console, CommandsToBuild(args)).Parse(args);
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

    /// <summary>The whole tree, or with <paramref name="forArgs"/> the tree a run of that command line parses
    /// (see <see cref="CommandsToBuild"/>).</summary>
    public static Command BuildRootCommand(TextWriter stdout, TextWriter stderr, bool interactive = false, IReadOnlyList<string>? forArgs = null) =>
        BuildRootCommand(new CommandOutput(stdout, stderr, interactive), forArgs is null ? static _ => true : CommandsToBuild(forArgs));

    /// <summary>Every command, by the name people type, with what builds it. The tree the parser gets
    /// holds them all, but only the ones the command line names are built in full (their options,
    /// descriptions and the data those read, such as every concern's checks); the others are a bare
    /// name, enough to refuse or correct a mistyped word (docs/PERFORMANCE.md, "Start-up (issue 25)":
    /// building every command was a third of the pages <c>--version</c> touched).</summary>
    internal static readonly (string Name, Func<CommandOutput, Command> Create)[] Commands =
    [
        ("generate", GenerateCommand.Create),
        ("check", CheckCommand.Create),
        ("plan", PlanCommand.Create),
        ("validate", ValidateCommand.Create),
        ("verify", VerifyCommand.Create),
        ("verify-dns", VerifyDnsCommand.Create),
        ("explain", ExplainCommand.Create),
        ("init", InitCommand.Create),
        ("import", ImportCommand.Create),
        ("schema", SchemaCommand.Create),
    ];

    /// <summary>Which commands to build in full for this command line: those it names (a word equal to
    /// a command's name, wherever it stands: building one too many only costs time), or all of them
    /// when help may be printed (it lists every command with its description and arguments) or a
    /// response file (<c>@FILE</c>) may name the command.</summary>
    internal static Func<string, bool> CommandsToBuild(IReadOnlyList<string> args)
    {
        foreach (var arg in args)
        {
            if (arg is "help" or "--help" or "-h" or "-?" or "/h" or "/?" || arg.StartsWith('@'))
            {
                return static _ => true;
            }
        }

        return name =>
        {
            foreach (var arg in args)
            {
                if (string.Equals(arg, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        };
    }

    /// <summary>The root is a command named sfbpolicygen rather than a RootCommand, whose name is the
    /// running executable's (SfbPolicyGen.Cli under dotnet run): help and usage lines name the tool as
    /// people install and type it.</summary>
    private static Command BuildRootCommand(CommandOutput console, Func<string, bool> buildInFull)
    {
        var root = new Command("sfbpolicygen", "SfbPolicyGen: turns policies.yaml into the artifacts that fix Skype for Business Online sign-in errors.")
        {
            // Where help may be printed, System.CommandLine's own options (help lists them last, in this
            // order); elsewhere, options with their names and behaviour that load no ICU (VersionFlag).
            buildInFull("help") ? new HelpOption() : HelpStandIn(),
            buildInFull("help") ? new VersionOption() : VersionFlag.Create(),
            console.DiagnosticsFormatOption,
            console.DiagnosticsFileOption,
            console.WarningsAsErrorsOption,
        };
        foreach (var (name, create) in Commands)
        {
            root.Subcommands.Add(buildInFull(name) ? create(console) : new Command(name));
        }

        root.Subcommands.Add(HelpCommand(root, console));
        return root;
    }

    /// <summary>Where the command line cannot ask for help, the help option's names without System.CommandLine's
    /// <see cref="HelpOption"/>, whose constructor reads its description through a ResourceManager (which
    /// loads ICU: see <see cref="VersionFlag"/>). It never matches there; it is there so that '--hlep' is
    /// still answered with '--help'.</summary>
    private static Option<bool> HelpStandIn() =>
        new("--help", "-h", "/h", "-?", "/?") { Recursive = true, Arity = ArgumentArity.Zero };

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
