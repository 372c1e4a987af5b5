using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using YamlDotNet.Core;

namespace SfbPolicyGen.Tests.Loading;

/// <summary>YAML syntax errors (SFB004) at their real place, in plain words: one case per row of
/// YamlSyntaxMessages, with YamlDotNet's own text pinned, so an upgrade that rewords a message names
/// the stale row instead of printing raw text unnoticed.</summary>
public class YamlSyntaxMessageTests
{
    private const string Head = "tenant: {name: t}\ndomains: [t.example]\n";
    private const string Tab = "a tab in the indentation: indent with spaces, not tabs (YAML allows no tab there)";
    private const string NotTheMapping = "this line does not continue the mapping above it: check its indentation (the keys of one mapping start in the same column) and look for a stray character";
    private const string ColonInValue = "': ' inside a value: put the value in quotes, or check the indentation of this line";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "tenant:\n\tname: t\ndomains: [t.example]\n", "While scanning a mapping, found invalid tab as indentation", $"(2,1): {Tab}" },
        { "tenant:\n  displayName: a\n\tb\n  name: t\ndomains: [t.example]\n", "While scanning a plain scalar, found a tab character that violate indentation", $"(3,1): {Tab}" },
        { Head + "  \tdns: {ttl: 300}\n", "While parsing a block mapping, did not find expected key", $"(3,3): {Tab}" },
        { Head + "@contoso: 1\n", "While scanning for the next token, found character that cannot start any token", "(3,1): a value cannot start with '@' (YAML reserves it): put the value in quotes" },
        { "tenant:\n  name: t\n domains: [t.example]\n", "While parsing a block mapping, did not find expected key", $"(3,2): {NotTheMapping}" },
        { "tenant: {name: t}\ndomains:\n  - a.example\n  b.example\n", "While parsing a block collection, did not find expected '-' indicator", "(4,3): this line does not continue the list above it: check its indentation (the entries of one list start with '- ' in the same column)" },
        { Head + "gpo: name: Sign-in\n", "While scanning a plain scalar value, found invalid mapping", $"(3,10): {ColonInValue}" },
        { Head + "gpo:\n  name:\n    Sign-in\n    GPO: x\n", "While scanning a multiline plain scalar, found invalid mapping", $"(6,8): {ColonInValue}" },
        { Head + "proxy: {kind: tmg\n", "While parsing a flow mapping, did not find expected ',' or '}'", "(4,1): expected ',' or '}' here: a '{' before it is not closed, or two of its entries have no ',' between them" },
        { "tenant: {name: t}\ndomains: {t.example]\n", "While parsing a flow mapping,  did not find expected ',' or '}'", "(2,20): expected ',' or '}' here: a '{' before it is not closed, or two of its entries have no ',' between them" },
        { "tenant: {name: t}\ndomains: [t.example}\n", "While parsing a flow sequence, did not find expected ',' or ']'", "(2,20): expected ',' or ']' here: a '[' before it is not closed, or two of its entries have no ',' between them" },
        { Head + "gpo:\n  name: \"Sign-in\n", "While scanning a quoted scalar, found unexpected end of stream", "(4,9): this quoted value is never closed: add the closing quote" },
        { Head + "gpo:\n  name: \"Sign-in\n---\n\"\n", "While scanning a quoted scalar, found unexpected document indicator", "(4,9): this quoted value is never closed before a '---' or '...' line: add the closing quote" },
        { "tenant: {name: \"t}\ndomains: [t.example]\n", "While scanning a multi-line double-quoted scalar, found wrong indentation", "(1,16): this quoted value runs on to the next lines: add the closing quote on its line" },
        { Head + "gpo: {name: \"C:\\Temp\"}\n", "While scanning a quoted scalar, found unknown escape character", "(3,13): an unknown escape ('\\' and a letter) in a double-quoted value: write a backslash as '\\\\', or put the value in single quotes" },
        { Head + "gpo:\n  name: *\n", "While scanning an anchor or alias, found value containing disallowed: []{},", "(4,9): '*' and '&' start an alias or an anchor: put a value that starts with them in quotes" },
        { Head + "%YAML 1.2\n", "While scanning a version directive, did not find preceding <document end>", "(3,1): a line that starts with '%' is a YAML directive: put the value in quotes" },
        { "tenant: {name: t}\ndomains: [,]\n", "While parsing a node, did not find expected node content", "(2,11): a value is missing here" },
        { "{tenant: {name: t}}, domains\n", "Did not find expected <document end>", "(1,20): more text after the value that ends here: look for a stray character, or put the whole value in quotes" },
        { Head + "gpo: ? x\n", "Mapping keys are not allowed in this context", "(3,6): '? ' starts a complex key, which a policy file never needs: put a value that starts with '?' in quotes" },
        { "tenant: {name: t}\ndomains: - t.example\n", "Block sequence entries are not allowed in this context", "(2,10): a list entry ('- ') cannot start here: start the list on the line below its key, or put a value that starts with '- ' in quotes" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_syntax_error_is_at_its_place_in_plain_words(string yaml, string yamlDotNet, string expected)
    {
        Assert.Equal(yamlDotNet, YamlDotNetMessage(yaml));
        var diagnostic = Assert.Single(Read(yaml));
        Assert.Equal(("SFB004", expected), (diagnostic.Code, $"({diagnostic.Line},{diagnostic.Column}): {diagnostic.Message}"));
    }

    [Fact]
    public void Every_row_of_the_table_has_a_case() =>
        Assert.Equal(
            YamlSyntaxMessages.Known.Order(StringComparer.Ordinal),
            Cases.Select(c => (string)c[1]).Distinct().Order(StringComparer.Ordinal));

    [Fact]
    public void A_message_the_table_does_not_know_is_shown_as_yamldotnet_wrote_it()
    {
        var diagnostic = Assert.Single(Read(Head + "gpo: |0\n  x\n"));
        Assert.Equal("(3,6): While scanning a block scalar, found an indentation indicator equal to 0", $"({diagnostic.Line},{diagnostic.Column}): {diagnostic.Message}");
    }

    private static IReadOnlyList<Diagnostic> Read(string yaml)
    {
        var diagnostics = new DiagnosticBag();
        Assert.Null(YamlDocumentReader.Read("p.yaml", Encoding.UTF8.GetBytes(yaml), diagnostics));
        return diagnostics.Sorted();
    }

    /// <summary>What YamlDotNet says of <paramref name="yaml"/>, asked directly: its innermost message.</summary>
    private static string YamlDotNetMessage(string yaml)
    {
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext())
            {
            }
        }
        catch (YamlException ex)
        {
            Exception inner = ex;
            while (inner.InnerException is not null)
            {
                inner = inner.InnerException;
            }

            return inner.Message.TrimEnd('.');
        }

        return "(no error)";
    }
}
