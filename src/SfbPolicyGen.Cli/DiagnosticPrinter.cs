using SfbPolicyGen.Diagnostics;

namespace SfbPolicyGen.Cli;

internal enum DiagnosticsFormat
{
    /// <summary><c>policies.yaml(4,5): error SFB021: ...</c>: what MSBuild, VS Code and Azure Pipelines annotate.</summary>
    Msbuild,

    /// <summary>GitHub Actions workflow commands: <c>::error file=policies.yaml,line=4,col=5,title=SFB021::...</c>.</summary>
    Github,

    /// <summary>One JSON document: <c>{"diagnostics":[{"severity","code","file","line","column","message"}]}</c>.</summary>
    Json,

    /// <summary>One SARIF 2.1.0 log per run, even a clean one (<see cref="SarifLog"/>): what GitHub code scanning uploads.</summary>
    Sarif,
}

/// <summary>Prints diagnostics in the format CI asked for. Warnings count as errors with
/// --warnings-as-errors (then printed as errors, so annotations match the exit code).</summary>
internal static class DiagnosticPrinter
{
    public static void Print(IReadOnlyList<Diagnostic> diagnostics, DiagnosticsFormat format, TextWriter writer)
    {
        switch (format)
        {
            case DiagnosticsFormat.Github:
                foreach (var d in diagnostics)
                {
                    // Workflow command escaping (actions/toolkit, command.ts): data escapes % CR LF;
                    // property values also ':' and ','.
                    var place = d.File is null ? "" : $"file={Property(d.File)},line={d.Line},col={d.Column},";
                    writer.WriteLine($"::{d.SeverityName} {place}title={d.Code}::{Data(d.Message)}");
                }

                break;
            case DiagnosticsFormat.Json:
                if (diagnostics.Count > 0)
                {
                    writer.WriteLine(Json(diagnostics));
                }

                break;
            default:
                foreach (var d in diagnostics)
                {
                    writer.WriteLine(d.ToString());
                }

                break;
        }
    }

    /// <summary>Turns warnings into errors when asked; returns the list to print.</summary>
    public static IReadOnlyList<Diagnostic> Apply(IReadOnlyList<Diagnostic> diagnostics, bool warningsAsErrors) =>
        warningsAsErrors ? [.. diagnostics.Select(d => d with { Severity = Severity.Error })] : diagnostics;

    private static string Data(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string value) =>
        Data(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Json(IReadOnlyList<Diagnostic> diagnostics) => JsonOutput.Write(indented: false, json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("diagnostics");
        foreach (var d in diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("severity", d.SeverityName);
            json.WriteString("code", d.Code);
            if (d.File is not null)
            {
                json.WriteString("file", d.File);
                json.WriteNumber("line", d.Line);
                json.WriteNumber("column", d.Column);
            }

            json.WriteString("message", d.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });
}
