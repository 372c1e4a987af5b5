using System.CommandLine;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;
using SfbPolicyGen.Reports;

namespace SfbPolicyGen.Cli;

/// <summary><c>--report FORMAT FILE</c> of check, plan and verify: a report of the run written besides what
/// the command prints, for a CI's test tab (docs/REPORTS.md, "What a test case is"). The format word is
/// there so that other formats can come; today it is <c>junit</c>. An unknown word is a usage error (SFB080)
/// with the nearest format. The command prints and exits as without the option; the report is written
/// once the command has its result, never on bad input (exit 2).</summary>
internal sealed class ReportOption
{
    private static readonly string[] Formats = ["junit"];

    public Option<string[]> Option { get; } = new("--report")
    {
        Description = "Also write a report of the run to FILE: 'junit FILE' writes JUnit XML, which Azure DevOps (PublishTestResults@2) and GitLab (artifacts:reports:junit) show as test results.",
        HelpName = "FORMAT FILE",
        Arity = new ArgumentArity(2, 2),
        AllowMultipleArgumentsPerToken = true,
    };

    public ReportOption() =>
        Option.Validators.Add(result =>
        {
            if (result.Tokens is [var format, ..] && !Formats.Contains(format.Value, StringComparer.Ordinal))
            {
                result.AddError($"--report: '{FreeText.Shown(format.Value)}' is not a report format{Suggestions.DidYouMean(format.Value, Formats)} (formats: {string.Join(", ", Formats)})");
            }
        });

    /// <summary>Writes the JUnit report when the command line asks for one: <c>&lt;testsuites name="sfbpolicygen COMMAND"&gt;</c>.</summary>
    public void Write(ParseResult parsed, string command, Func<IReadOnlyList<TestSuiteResult>> suites)
    {
        if (parsed.GetValue(Option) is not [_, var file])
        {
            return;
        }

        using var stream = new MemoryStream();
        JUnitReport.Write(stream, $"sfbpolicygen {command}", command, suites());

        // A CI names a results folder that may not exist yet (the tests of a job that ran none).
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllBytes(file, stream.ToArray());
    }
}
