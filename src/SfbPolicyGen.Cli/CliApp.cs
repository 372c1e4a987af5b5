using System.CommandLine;
using SfbPolicyGen.Diagnostics;

namespace SfbPolicyGen.Cli;

/// <summary>The command tree, built by a factory that tests call in-process with their own writers.
/// One top-level catch turns I/O failures and bugs into one line and exit 3, never a stack trace.</summary>
public static class CliApp
{
    public const string DefaultPolicyFile = "policies.yaml";
    public const string DefaultOutDirectory = "out";

    /// <param name="interactive">A person at a terminal: colour and progress lines are welcome.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false)
    {
        var root = BuildRootCommand(stdout, stderr, interactive);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"sfbpolicygen: error: {error.Message}");
            }

            stderr.WriteLine("Run 'sfbpolicygen --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"sfbpolicygen: error: {ex.Message}");
            return ExitCodes.IoOrInternalError;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && Environment.GetEnvironmentVariable("SFB_DEBUG") is null)
        {
            stderr.WriteLine($"sfbpolicygen: internal error ({ex.GetType().Name}): {ex.Message}. Please report it with the policy file that caused it.");
            return ExitCodes.IoOrInternalError;
        }
    }

    public static RootCommand BuildRootCommand(TextWriter stdout, TextWriter stderr, bool interactive = false)
    {
        var console = new CommandOutput(stdout, stderr, interactive);
        var root = new RootCommand("SfbPolicyGen: turns policies.yaml into the artifacts that fix Skype for Business Online sign-in errors.")
        {
            console.DiagnosticsFormatOption,
            console.WarningsAsErrorsOption,
            GenerateCommand.Create(console),
            CheckCommand.Create(console),
            PlanCommand.Create(console),
            ValidateCommand.Create(console),
            VerifyDnsCommand.Create(console),
            ExplainCommand.Create(console),
            InitCommand.Create(console),
            SchemaCommand.Create(console),
        };
        return root;
    }
}

/// <summary>Where commands print: results to stdout, diagnostics to stderr in the format asked for
/// with --diagnostics-format (options of every command).</summary>
public sealed class CommandOutput(TextWriter stdout, TextWriter stderr, bool interactive)
{
    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    public bool Interactive { get; } = interactive;

    /// <summary><paramref name="text"/> in an ANSI colour (32 green, 33 yellow, 2 dim) at a terminal; as is otherwise.</summary>
    public string Colour(string text, int code) => Interactive ? $"\u001b[{code}m{text}\u001b[0m" : text;

    public Option<string> DiagnosticsFormatOption { get; } = new Option<string>("--diagnostics-format")
    {
        Description = "How to print errors and warnings: msbuild (file(line,col): error SFBnnn: ...), github (workflow annotations) or json.",
        DefaultValueFactory = _ => "msbuild",
        Recursive = true,
    }.AcceptOnlyFromAmong("msbuild", "github", "json");

    public Option<bool> WarningsAsErrorsOption { get; } = new("--warnings-as-errors")
    {
        Description = "Treat warnings as errors (exit 2).",
        Recursive = true,
    };

    /// <summary>Prints the diagnostics; true when the run must stop with exit 2 (an error, or a warning
    /// under --warnings-as-errors).</summary>
    public bool Report(ParseResult parsed, DiagnosticBag diagnostics)
    {
        var printed = DiagnosticPrinter.Apply(diagnostics.Sorted(), parsed.GetValue(WarningsAsErrorsOption));
        var format = parsed.GetValue(DiagnosticsFormatOption) switch
        {
            "github" => DiagnosticsFormat.Github,
            "json" => DiagnosticsFormat.Json,
            _ => DiagnosticsFormat.Msbuild,
        };
        DiagnosticPrinter.Print(printed, format, Error);
        return printed.Any(d => d.Severity == Severity.Error);
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
        files.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                result.AddError($"unknown option '{token.Value}'");
            }
        });
        return files;
    }

    public static Option<string> Out() => new("--out")
    {
        Description = $"The output folder (default: {CliApp.DefaultOutDirectory}).",
        DefaultValueFactory = _ => CliApp.DefaultOutDirectory,
    };

    public static Option<string?> Templates() => new("--templates")
    {
        Description = "A folder of Scriban templates overriding the built-in ones by file name.",
    };

    public static string[] FilesOrDefault(string[]? files) => files is { Length: > 0 } ? files : [CliApp.DefaultPolicyFile];

    /// <summary>A missing --templates folder is a usage error, said before any work.</summary>
    public static bool CheckTemplatesFolder(string? templates, CommandOutput console)
    {
        if (templates is null || Directory.Exists(templates))
        {
            return true;
        }

        console.Error.WriteLine($"sfbpolicygen: error: the templates folder '{templates}' does not exist");
        return false;
    }
}
