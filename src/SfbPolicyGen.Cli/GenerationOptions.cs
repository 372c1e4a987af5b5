using System.CommandLine;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Cli;

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
    /// <param name="signs">Whether the command signs scripts (generate) or only expects them signed (check, plan).</param>
    public GenerationOptions(string pruneDoes, bool signs)
    {
        Prune = new("--prune") { Description = $"Also act on the tenant folders of the output folder that no policy file of this run defines ({pruneDoes})." };
        Signing = new SigningOptions(signs);
    }

    public Option<bool> Prune { get; }

    public SigningOptions Signing { get; }

    /// <summary>The time-stamping authority generate asks, held for the run (one HTTP client).</summary>
    public SfbPolicyGen.Signing.TimestampClient? Timestamp { get; private set; }

    public void AddTo(Command command)
    {
        command.Arguments.Add(Files);
        command.Options.Add(Out);
        command.Options.Add(Templates);
        command.Options.Add(Prune);
        Signing.AddTo(command);
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

        // The certificate is checked before anything is read or written (SFB084).
        if (!Signing.TryLoad(parsed, console, out var signer, out var timestamp))
        {
            return (null, ExitCodes.InvalidInput);
        }

        Timestamp = timestamp;
        var diagnostics = new DiagnosticBag();
        var tree = Generator.Build(inputs, templates, diagnostics);
        return console.Report(diagnostics) || tree is null ? (null, ExitCodes.InvalidInput) : (signer is null ? tree : tree.SignedBy(signer), ExitCodes.Success);
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

        words.AddRange(Signing.Words(parsed));

        return string.Join(' ', words.Select(Formats.ShellText.Word));
    }
}
