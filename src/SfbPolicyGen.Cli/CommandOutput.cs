using System.CommandLine;
using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Cli;

/// <summary>Where commands print: results to stdout; every problem to stderr, through one printer in the
/// format asked for with --diagnostics-format (an option of every command), so a CI annotates a usage
/// error or an unwritable folder as it annotates a policy file's error. In JSON and SARIF, and whenever
/// --diagnostics-file is given, every diagnostic of the run, from whatever stage, waits for
/// <see cref="Finish"/>: a reader of stderr (or of the file) gets one document.</summary>
internal sealed class CommandOutput(TextWriter stdout, TextWriter stderr, bool interactive)
{
    private DiagnosticsFormat _format = DiagnosticsFormat.Msbuild;
    private bool _warningsAsErrors;
    private string? _diagnosticsFile;
    private readonly List<Diagnostic> _pending = [];

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    public bool Interactive { get; } = interactive;

    /// <summary><paramref name="text"/> in an ANSI colour (32 green, 33 yellow, 2 dim) at a terminal; as is otherwise.</summary>
    public string Colour(string text, int code) => Interactive ? $"\u001b[{code}m{text}\u001b[0m" : text;

    public Option<string> DiagnosticsFormatOption { get; } = new Option<string>("--diagnostics-format")
    {
        Description = "How to print errors and warnings: msbuild (file(line,col): error SFBnnn: ...), github (workflow annotations), json or sarif (a SARIF 2.1.0 log, even for a clean run).",
        DefaultValueFactory = _ => "msbuild",
        Recursive = true,
    }.AcceptOnlyFromAmong("msbuild", "github", "json", "sarif");

    public Option<string> DiagnosticsFileOption { get; } = new("--diagnostics-file")
    {
        Description = "Write the errors and warnings, in the --diagnostics-format, to this file (created or replaced) instead of stderr.",
        HelpName = "FILE",
        Recursive = true,
    };

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
            "sarif" => DiagnosticsFormat.Sarif,
            _ => DiagnosticsFormat.Msbuild,
        };
        _warningsAsErrors = ValidValue(parsed, WarningsAsErrorsOption);
        _diagnosticsFile = ValidValue(parsed, DiagnosticsFileOption);
    }

    /// <summary>The option's value, or the default when it does not convert. Its own errors do not say
    /// so in every case: --help and --version clear the parser's errors about other options
    /// (ClearsParseErrors), and reading such a value throws ('--diagnostics-format text --help' was a
    /// stack trace).</summary>
    private static T? ValidValue<T>(ParseResult parsed, Option<T> option)
    {
        if (parsed.GetResult(option) is not { } result)
        {
            return default;
        }

        try
        {
            return result.Errors.Any() ? default : result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    /// <summary>Prints the diagnostics; true when the run must stop with exit 2 (an error, or a warning
    /// under --warnings-as-errors).</summary>
    public bool Report(DiagnosticBag diagnostics)
    {
        var printed = DiagnosticPrinter.Apply(diagnostics.Sorted(), _warningsAsErrors);
        Print(printed);
        return printed.Any(d => d.Severity == Severity.Error);
    }

    /// <summary>Whether diagnostics wait for <see cref="Finish"/> rather than print as they come.</summary>
    private bool Deferred => _format is DiagnosticsFormat.Json or DiagnosticsFormat.Sarif || _diagnosticsFile is not null;

    /// <summary>Writes what waited (the JSON document if any, the SARIF log always, everything when
    /// --diagnostics-file is given) to stderr or the file; called once, as the run ends. Returns the exit
    /// code, 3 when the file cannot be written (SFB081, then the document on stderr).</summary>
    public int Finish(int exitCode)
    {
        if (_diagnosticsFile is { } path)
        {
            try
            {
                File.WriteAllText(path, Document(exitCode), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                _pending.Clear();
                return exitCode;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                _diagnosticsFile = null;
                if (!Deferred)
                {
                    DiagnosticPrinter.Print(_pending, _format, Error);
                    _pending.Clear();
                }

                exitCode = FileSystemError($"cannot write --diagnostics-file '{path}': {ex.Message}");
            }
        }

        Error.Write(Document(exitCode));
        _pending.Clear();
        return exitCode;
    }

    private string Document(int exitCode)
    {
        if (_format == DiagnosticsFormat.Sarif)
        {
            return SarifLog.Write(_pending, exitCode, Environment.CurrentDirectory);
        }

        // Nothing to print in any text format: return before the StringWriter, whose culture would load
        // ICU in a run that needs none (--version; docs/PERFORMANCE.md, "Start-up (issue 25)").
        if (_pending.Count == 0)
        {
            return "";
        }

        using var text = new StringWriter { NewLine = "\n" };
        DiagnosticPrinter.Print(_pending, _format, text);
        return text.ToString();
    }

    private void Print(IReadOnlyList<Diagnostic> diagnostics)
    {
        if (Deferred)
        {
            _pending.AddRange(diagnostics);
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

    /// <summary>Whether stderr is for people: not when it carries a JSON or SARIF document, whose reader
    /// gets the diagnostics alone.</summary>
    public bool ForPeople => _format is DiagnosticsFormat.Msbuild or DiagnosticsFormat.Github || _diagnosticsFile is not null;

    /// <summary>A line of advice after errors, for people only: a JSON or SARIF reader gets the diagnostics alone.</summary>
    public void Hint(string text)
    {
        if (ForPeople)
        {
            Error.WriteLine(text);
        }
    }
}
