using System.CommandLine;
using System.CommandLine.Help;
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
        var parsed = BuildRootCommand(console).Parse(args);
        console.Configure(parsed);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                console.UsageError(OneLine(error.Message));
            }

            console.Hint("Run 'sfbpolicygen --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Output.GenerationFailedException ex)
        {
            // Templates render while the output stage runs; a failure is invalid input like any other.
            console.Report(ex.Diagnostics);
            return ExitCodes.InvalidInput;
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

    /// <summary>System.CommandLine lists the choices of an option on tab-indented lines of their own;
    /// a diagnostic is one line.</summary>
    private static string OneLine(string message) =>
        message.Replace(":\n\t", ": ", StringComparison.Ordinal).Replace("\n\t", ", ", StringComparison.Ordinal);

    public static Command BuildRootCommand(TextWriter stdout, TextWriter stderr, bool interactive = false) =>
        BuildRootCommand(new CommandOutput(stdout, stderr, interactive));

    /// <summary>The root is a command named sfbpolicygen rather than a RootCommand, whose name is the
    /// running executable's (SfbPolicyGen.Cli under dotnet run): help and usage lines name the tool as
    /// people install and type it.</summary>
    private static Command BuildRootCommand(CommandOutput console) =>
        new("sfbpolicygen", "SfbPolicyGen: turns policies.yaml into the artifacts that fix Skype for Business Online sign-in errors.")
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
        files.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                result.AddError($"unknown option '{FreeText.Shown(token.Value)}'");
            }
        });
        return files;
    }

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
        Description = $"The output folder (default: {CliApp.DefaultOutDirectory}).",
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

    public Option<bool> Prune { get; } = new("--prune")
    {
        Description = "Also act on the tenant folders of the output folder that no policy file of this run defines (generate removes their files).",
    };

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

        return string.Join(' ', words.Select(ShellQuoted));
    }

    public static string ShellQuoted(string word) => Formats.ShellText.Word(word);
}

/// <summary>Lists of names as a summary shows them: a few, then how many more (a service provider's
/// repository holds thousands of tenants).</summary>
internal static class Names
{
    public const int Shown = 5;

    public static string Few(IReadOnlyList<string> names) =>
        names.Count <= Shown ? string.Join(", ", names) : $"{string.Join(", ", names.Take(Shown))} and {names.Count - Shown} more";
}
