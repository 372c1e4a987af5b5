using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Cli;

/// <summary>The arguments and options several commands share.</summary>
internal static class CommonOptions
{
    public static Argument<string[]> Files()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = $"Policy files, one tenant each (default: {CliApp.DefaultPolicyFile}).",
            Arity = ArgumentArity.ZeroOrMore,

            // The words as they are: System.CommandLine's own conversion to string[] builds the array
            // through reflection (Array.CreateInstance), which a Native AOT start pays in type loading on
            // every run (docs/PERFORMANCE.md, "Start-up (issue 25)").
            CustomParser = static result => [.. result.Tokens.Select(token => token.Value)],
        };

        // An unknown option would otherwise be taken for a file name.
        RefuseUnknownOptions(files);
        return files;
    }

    /// <summary>verify-dns's and verify's --timeout: seconds to wait for each DNS answer, 1-60, default 3.</summary>
    public static Option<int> DnsTimeout() => new("--timeout")
    {
        Description = "Seconds to wait for each answer (1-60).",
        DefaultValueFactory = _ => 3,

        // Parsed here rather than by the parser, whose error for 'abc' names System.Int32.
        CustomParser = result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 60)
            {
                return seconds;
            }

            result.AddError($"--timeout must be a whole number of seconds from 1 to 60, not '{FreeText.Shown(result.Tokens.Count > 0 ? result.Tokens[0].Value : "")}'");
            return 0;
        },
    };

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
