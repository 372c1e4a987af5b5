using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

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
        try
        {
            return Run(args, console);
        }
        finally
        {
            console.Finish();
        }
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
            console.WarningsAsErrorsOption,
            GenerateCommand.Create(console),
            CheckCommand.Create(console),
            PlanCommand.Create(console),
            ValidateCommand.Create(console),
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

/// <summary>What the nearest name is to a word the command line does not know: System.CommandLine's typo
/// suggestions (its own are printed only by its default error action, which this tool replaces with
/// one diagnostic per error), with the distance rule of the policy file's suggestions.</summary>
internal static class Typos
{
    public static string Unknown(string word, Command command)
    {
        var isOption = word.StartsWith('-');
        var names = isOption ? OptionNames(command) : command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));
        var nearest = Loading.Suggestions.DidYouMean(word, names);
        return isOption
            ? $"unknown option '{FreeText.Shown(word)}'{nearest}"
            : command.Subcommands.Count > 0
                ? $"unknown command '{FreeText.Shown(word)}'{nearest}"
                : $"unexpected argument '{FreeText.Shown(word)}'{nearest}";
    }

    /// <summary>The options of the command and those its parents pass down (--diagnostics-format).</summary>
    private static IEnumerable<string> OptionNames(Command command)
    {
        IEnumerable<Option> options = command.Options;
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            options = options.Concat(parent.Options.Where(o => o.Recursive));
        }

        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name));
    }
}

/// <summary>The arguments and options several commands share.</summary>
internal static class CommonOptions
{
    public static Argument<string[]> Files()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = $"Policy files, one tenant each (default: {CliApp.DefaultPolicyFile}).",
            Arity = ArgumentArity.ZeroOrMore,
        };

        // An unknown option would otherwise be taken for a file name.
        RefuseUnknownOptions(files);
        return files;
    }

    /// <summary>Makes a word that starts with '-' in <paramref name="words"/> an unknown option (with the
    /// nearest one), where the parser would take it for a value of the argument.</summary>
    public static void RefuseUnknownOptions(Argument<string[]> words) =>
        words.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                result.AddError(result.Parent is CommandResult command ? Typos.Unknown(token.Value, command.Command) : $"unknown option '{FreeText.Shown(token.Value)}'");
            }
        });

    /// <summary>The --domain values of init and import: each normalised (DomainName.Normalize), repeats
    /// dropped, in the order given, with the text as typed; false with the usage error of the first that
    /// is not a domain name.</summary>
    public static bool TryDomains(IEnumerable<string> given, out List<(string Name, string Typed)> domains, out string error)
    {
        domains = [];
        foreach (var raw in given)
        {
            if (DomainName.Normalize(raw, out var why) is not { } name)
            {
                error = $"--domain '{FreeText.Shown(raw)}' is not a valid domain name: {why}";
                return false;
            }

            if (!domains.Exists(d => d.Name == name))
            {
                domains.Add((name, raw));
            }
        }

        error = "";
        return true;
    }

    /// <summary>The usage error of a --tenant that is not a tenant name (init, import).</summary>
    public static string NotATenantName(string name) =>
        $"--tenant '{FreeText.Shown(name)}': use 1-{Identifiers.MaxTenantNameLength} of a-z, 0-9 and '-', not starting with '-'";

    public static Option<string> Out() => new("--out")
    {
        Description = "The output folder.", // help adds [default: out]
        DefaultValueFactory = _ => CliApp.DefaultOutDirectory,
    };

    /// <summary>The inputs of the command line, or policies.yaml when none is given; null (after saying
    /// how to start) when none is given and there is no policies.yaml here: a first run is then a
    /// question of where to begin, not a missing file.</summary>
    public static string[]? Inputs(ParseResult parsed, Argument<string[]> files, CommandOutput console)
    {
        if (parsed.GetValue(files) is { Length: > 0 } given)
        {
            return given;
        }

        if (File.Exists(CliApp.DefaultPolicyFile))
        {
            return [CliApp.DefaultPolicyFile];
        }

        console.UsageError($"no policy file given and no {CliApp.DefaultPolicyFile} here: run 'sfbpolicygen init' to write one, or give policy files, folders or patterns (sfbpolicygen {parsed.CommandResult.Command.Name} tenants/)");
        return null;
    }
}

/// <summary>What generate, check and plan share: policy files (files, folders, patterns), an output
/// folder, template overrides and --prune; their one preamble (templates folder checked, files loaded,
/// validated, diagnostics printed; the tenants are rendered as the output stage streams them); and the command line that repeats the run.</summary>
internal sealed class GenerationOptions
{
    public Argument<string[]> Files { get; } = CommonOptions.Files();

    public Option<string> Out { get; } = CommonOptions.Out();

    public Option<string?> Templates { get; } = new("--templates")
    {
        Description = "A folder of Scriban templates overriding the built-in ones by file name.",
    };

    /// <param name="pruneDoes">What --prune does to those folders, in the command's own terms.</param>
    public GenerationOptions(string pruneDoes) =>
        Prune = new("--prune") { Description = $"Also act on the tenant folders of the output folder that no policy file of this run defines ({pruneDoes})." };

    public Option<bool> Prune { get; }

    public void AddTo(Command command)
    {
        command.Arguments.Add(Files);
        command.Options.Add(Out);
        command.Options.Add(Templates);
        command.Options.Add(Prune);
    }

    /// <returns>The tree, or the exit code to stop with (the problems already printed).</returns>
    public (Output.GeneratedTree? Tree, int ExitCode) Build(ParseResult parsed, CommandOutput console)
    {
        var templates = parsed.GetValue(Templates);
        if (templates is not null && !Directory.Exists(templates))
        {
            return (null, console.UsageError($"the templates folder '{FreeText.Shown(templates)}' does not exist"));
        }

        if (CommonOptions.Inputs(parsed, Files, console) is not { } inputs)
        {
            return (null, ExitCodes.InvalidInput);
        }

        var diagnostics = new DiagnosticBag();
        var tree = Generator.Build(inputs, templates, diagnostics);
        return console.Report(diagnostics) || tree is null ? (null, ExitCodes.InvalidInput) : (tree, ExitCodes.Success);
    }

    /// <summary>The generate command that applies what check or plan found: the same inputs, --out,
    /// --templates and --prune as given, quoted for a POSIX shell where needed.</summary>
    public string GenerateCommandLine(ParseResult parsed)
    {
        var words = new List<string> { "sfbpolicygen", "generate" };
        words.AddRange(parsed.GetValue(Files) ?? []);
        foreach (var (option, value) in new (Option Option, string? Value)[] { (Out, parsed.GetValue(Out)), (Templates, parsed.GetValue(Templates)) })
        {
            if (parsed.GetResult(option) is { Implicit: false } && value is not null)
            {
                words.Add(option.Name);
                words.Add(value);
            }
        }

        if (parsed.GetValue(Prune))
        {
            words.Add(Prune.Name);
        }

        return string.Join(' ', words.Select(Formats.ShellText.Word));
    }
}
