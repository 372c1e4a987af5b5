using System.CommandLine;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Cli;

/// <summary>What the nearest name is to a word the command line does not know: System.CommandLine's typo
/// suggestions (its own are printed only by its default error action, which this tool replaces with
/// one diagnostic per error), with the distance rule of the policy file's suggestions.</summary>
internal static class Typos
{
    public static string Unknown(string word, Command command)
    {
        var isOption = word.StartsWith('-');
        var names = isOption ? OptionNames(command) : command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));
        var nearest = Diagnostics.Suggestions.DidYouMean(word, names);
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
