using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>YamlDotNet's syntax errors in plain words: what is wrong where the diagnostic points, and
/// what to write instead. One row per message met (YamlDotNet 18.1.0's texts, trailing '.' removed;
/// each row has a test in YamlSyntaxMessageTests); any other message is shown as YamlDotNet wrote it.</summary>
internal static class YamlSyntaxMessages
{
    public const string TabIndentation = "a tab in the indentation: indent with spaces, not tabs (YAML allows no tab there)";

    private static readonly Dictionary<string, Func<char?, string>> Table = new(StringComparer.Ordinal)
    {
        // Scanner.FetchNextToken throws this one without a position; the reader points at the tab.
        ["While scanning a mapping, found invalid tab as indentation"] = _ => TabIndentation,
        ["While scanning a plain scalar, found a tab character that violate indentation"] = _ => TabIndentation,
        ["While scanning for the next token, found character that cannot start any token"] = c => c switch
        {
            '\t' => TabIndentation,
            null => "a value cannot start here: put it in quotes",
            _ => $"a value cannot start with '{FreeText.Shown(c.Value.ToString())}' (YAML reserves it): put the value in quotes",
        },
        ["While parsing a block mapping, did not find expected key"] =
            _ => "this line does not continue the mapping above it: check its indentation (the keys of one mapping start in the same column) and look for a stray character",
        ["While parsing a block collection, did not find expected '-' indicator"] =
            _ => "this line does not continue the list above it: check its indentation (the entries of one list start with '- ' in the same column)",
        ["While scanning a plain scalar value, found invalid mapping"] = _ => ColonInValue,
        ["While scanning a multiline plain scalar, found invalid mapping"] = _ => ColonInValue,
        ["While parsing a flow mapping, did not find expected ',' or '}'"] = _ => UnclosedFlow('{', '}'),
        ["While parsing a flow mapping,  did not find expected ',' or '}'"] = _ => UnclosedFlow('{', '}'),
        ["While parsing a flow sequence, did not find expected ',' or ']'"] = _ => UnclosedFlow('[', ']'),
        ["While scanning a quoted scalar, found unexpected end of stream"] = _ => "this quoted value is never closed: add the closing quote",
        ["While scanning a quoted scalar, found unexpected document indicator"] = _ => "this quoted value is never closed before a '---' or '...' line: add the closing quote",
        ["While scanning a multi-line double-quoted scalar, found wrong indentation"] = _ => "this quoted value runs on to the next lines: add the closing quote on its line",
        ["While scanning a quoted scalar, found unknown escape character"] =
            _ => "an unknown escape ('\\' and a letter) in a double-quoted value: write a backslash as '\\\\', or put the value in single quotes",
        ["While scanning an anchor or alias, found value containing disallowed: []{},"] =
            _ => "'*' and '&' start an alias or an anchor: put a value that starts with them in quotes",
        ["While scanning a version directive, did not find preceding <document end>"] = _ => Directive,
        ["While parsing a node, did not find expected node content"] = _ => "a value is missing here",
        ["Did not find expected <document end>"] = _ => "more text after the value that ends here: look for a stray character, or put the whole value in quotes",
        ["Mapping keys are not allowed in this context"] = _ => "'? ' starts a complex key, which a policy file never needs: put a value that starts with '?' in quotes",
        ["Block sequence entries are not allowed in this context"] =
            _ => "a list entry ('- ') cannot start here: start the list on the line below its key, or put a value that starts with '- ' in quotes",
    };

    private const string ColonInValue = "': ' inside a value: put the value in quotes, or check the indentation of this line";

    private const string Directive = "a line that starts with '%' is a YAML directive: put the value in quotes";

    /// <summary>The messages this table words anew, for the test that reaches each one.</summary>
    public static IEnumerable<string> Known => Table.Keys;

    /// <param name="message">YamlDotNet's innermost message.</param>
    /// <param name="at">The character where the error is reported, if any.</param>
    public static string Plain(string message, char? at) => Table.TryGetValue(message, out var plain) ? plain(at) : message;

    private static string UnclosedFlow(char open, char close) =>
        $"expected ',' or '{close}' here: a '{open}' before it is not closed, or two of its entries have no ',' between them";
}
