using System.CommandLine;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Cli;

/// <summary>Where commands print: results to stdout; every problem to stderr, through one printer in the
/// format asked for with --diagnostics-format (an option of every command), so a CI annotates a usage
/// error or an unwritable folder as it annotates a policy file's error. In JSON, every diagnostic of the
/// run, from whatever stage, waits for <see cref="Finish"/>: a reader of stderr gets one document.</summary>
internal sealed class CommandOutput(TextWriter stdout, TextWriter stderr, bool interactive)
{
    private DiagnosticsFormat _format = DiagnosticsFormat.Msbuild;
    private bool _warningsAsErrors;
    private readonly List<Diagnostic> _pendingJson = [];

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

    /// <summary>Takes the format from the command line once it is parsed (msbuild when the option itself is wrong).</summary>
    internal void Configure(ParseResult parsed)
    {
        _format = ValidValue(parsed, DiagnosticsFormatOption) switch
        {
            "github" => DiagnosticsFormat.Github,
            "json" => DiagnosticsFormat.Json,
            _ => DiagnosticsFormat.Msbuild,
        };
        _warningsAsErrors = ValidValue(parsed, WarningsAsErrorsOption);
    }

    private static T? ValidValue<T>(ParseResult parsed, Option<T> option) =>
        parsed.GetResult(option) is { } result && result.Errors.Any() ? default : parsed.GetValue(option);

    /// <summary>Prints the diagnostics; true when the run must stop with exit 2 (an error, or a warning
    /// under --warnings-as-errors).</summary>
    public bool Report(DiagnosticBag diagnostics)
    {
        var printed = DiagnosticPrinter.Apply(diagnostics.Sorted(), _warningsAsErrors);
        Print(printed);
        return printed.Any(d => d.Severity == Severity.Error);
    }

    /// <summary>Prints the JSON document of the run's diagnostics, if any; called once, as the run ends.</summary>
    public void Finish()
    {
        if (_pendingJson.Count > 0)
        {
            DiagnosticPrinter.Print(_pendingJson, DiagnosticsFormat.Json, Error);
            _pendingJson.Clear();
        }
    }

    private void Print(IReadOnlyList<Diagnostic> diagnostics)
    {
        if (_format == DiagnosticsFormat.Json)
        {
            _pendingJson.AddRange(diagnostics);
        }
        else
        {
            DiagnosticPrinter.Print(diagnostics, _format, Error);
        }
    }

    /// <summary>Prints a problem of the run. Its message may carry what the system said (an I/O error
    /// names a path, a parser quotes a token): the one rule for untrusted text applies to all of it.</summary>
    public void PrintRunError(string code, string message) =>
        Print([Diagnostic.OfRun(code, FreeText.Shown(message, int.MaxValue))]);

    /// <summary>A warning about what the run did to the output folder once it is written (SFB180, SFB181):
    /// too late to stop it, so --warnings-as-errors leaves it a warning and the exit code as it is.</summary>
    private void PrintRunWarning(string code, string message) =>
        Print([Diagnostic.OfRun(code, FreeText.Shown(message, int.MaxValue)) with { Severity = Severity.Warning }]);

    /// <summary>generate replaced files edited by hand since it wrote them (SFB180).</summary>
    public void OverwroteEditedFiles(string outDirectory, IReadOnlyList<string> paths)
    {
        if (paths.Count > 0)
        {
            PrintRunWarning(DiagnosticCodes.OverwroteEditedFiles, $"overwrote {paths.Count} file(s) edited since generate wrote them: {Names.Few([.. paths.Select(p => Path.Combine(outDirectory, p))])}; their edits are gone (git diff shows them if the folder is committed)");
        }
    }

    /// <summary>generate kept a file it no longer produces because it was edited since (SFB181).</summary>
    public void KeptEditedFile(string path) =>
        PrintRunWarning(DiagnosticCodes.KeptEditedFile, $"kept {path}: generate no longer produces it, but it changed since generate wrote it; delete it by hand if it is not needed");

    /// <summary>A wrong command line (SFB080); returns exit code 2.</summary>
    public int UsageError(string message)
    {
        PrintRunError(DiagnosticCodes.InvalidCommandLine, message);
        return ExitCodes.InvalidInput;
    }

    /// <summary>A file or folder that cannot be read or written (SFB081); returns exit code 3.</summary>
    public int FileSystemError(string message)
    {
        PrintRunError(DiagnosticCodes.FileSystemError, message);
        return ExitCodes.IoOrInternalError;
    }

    /// <summary>A signing certificate that cannot sign scripts, or cannot be read (SFB084); returns exit code 2.</summary>
    public int SigningCertificateRefused(string message)
    {
        PrintRunError(DiagnosticCodes.SigningCertificateRefused, $"{message}; nothing was written");
        return ExitCodes.InvalidInput;
    }

    /// <summary>A DNS server that cannot be asked or gives no usable answer (SFB082); returns exit code 3.</summary>
    public int DnsServerError(string message)
    {
        PrintRunError(DiagnosticCodes.DnsServerError, message);
        return ExitCodes.IoOrInternalError;
    }

    /// <summary>verify: no live check got an answer (exit 3), so CI can tell "the tenant is wrong" from "nothing could be asked".</summary>
    public int NothingReachable(string message)
    {
        PrintRunError(DiagnosticCodes.NothingReachable, message);
        return ExitCodes.IoOrInternalError;
    }

    /// <summary>Whether stderr is for people: not in JSON, whose reader gets the diagnostics alone.</summary>
    public bool ForPeople => _format != DiagnosticsFormat.Json;

    /// <summary>A line of advice after errors, for people only: a JSON reader gets the diagnostics alone.</summary>
    public void Hint(string text)
    {
        if (ForPeople)
        {
            Error.WriteLine(text);
        }
    }
}
