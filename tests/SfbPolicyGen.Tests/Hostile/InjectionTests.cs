using System.Management.Automation.Language;
using System.Text;
using System.Xml.Linq;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Output;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Hostile;

/// <summary>Hostile text through every free-text field, read back by each output's own reader (XML,
/// PowerShell's parser, Markdig, the strict LDIF reader): the structure is the same as with a benign
/// value (same elements, statements, blocks, records) and the value comes back exactly. What cannot be
/// escaped (line breaks, NUL, bidi controls; names) is refused at load.</summary>
public sealed class InjectionTests
{
    /// <summary>Accepted and escaped: quotes, backslashes, brackets, separators, PowerShell
    /// expansion and comment syntax, Scriban syntax, XML and Markdown syntax.</summary>
    public static readonly string[] Payloads =
    [
        "O'Brien & \"Co\"",
        @"back\slash\\ end\",
        @"]; [HKEY_LOCAL_MACHINE\Evil] ""x""=""y""",
        "$(Remove-Item -Recurse C:\\) ${env:PATH} $x",
        "`n`r`0 backtick `$(x)",
        "‘smart’ ’quote‘ ‚low‛",
        "#> Remove-Item C:\\ <#",
        "{{ tenant }} {{ for x in y }}{{ end }}",
        "<![CDATA[x]]></string><string id=\"evil\">",
        "--> <!-- & &amp; &#x41;",
        "| a | b |\n".TrimEnd('\n') + " *em* _x_ [l](http://evil.example) <script>",
        "%0A%0D%00 \\n \\u0000",
        "😀 ünïcödé ﻿zero-width",
        new string('x', 100),
    ];

    /// <summary>Refused at load wherever free text goes (and in names).</summary>
    public static readonly string[] Refused = ["line\nbreak", "carriage\rreturn", "nul\0byte", "bidi\u202Eoverride", "line\u2028separator", "tab\there", "escape\u001b[31m"];

    public static TheoryData<string> AcceptedPayloads => [.. Payloads];

    public static TheoryData<string> RefusedPayloads => [.. Refused];

    [SkippableTheory]
    [MemberData(nameof(AcceptedPayloads))]
    public void Display_name_stays_one_xml_text_and_one_markdown_heading(string payload)
    {
        var (baseline, hostile) = Trees($"displayName: {Yaml("Benign")}", $"displayName: {Yaml(payload)}");
        var documents = new List<XDocument>();
        foreach (var kind in new[] { "admx", "adml" })
        {
            foreach (var (path, bytes) in Files(hostile, kind))
            {
                var document = AdmxSchema.Load(bytes);
                Assert.Equal(Shape(AdmxSchema.Load(Files(baseline, kind)[path])), Shape(document));
                documents.Add(document);
                if (kind == "adml")
                {
                    Assert.Contains(document.Descendants(FormatFacts.AdmxNamespace + "string"), s => s.Value.Contains(payload.Trim(), StringComparison.Ordinal));
                }
            }
        }

        foreach (var (path, bytes) in Files(hostile, "guide"))
        {
            var markdown = Markdown.Parse(Encoding.UTF8.GetString(bytes));
            Assert.Equal(BlockShape(Markdown.Parse(Encoding.UTF8.GetString(Files(baseline, "guide")[path]))), BlockShape(markdown));
            var title = markdown.OfType<HeadingBlock>().First();
            Assert.EndsWith(payload.Trim(), PlainText(title.Inline!), StringComparison.Ordinal);
        }

        // Last, so that without ../shared every other check has run before the test is skipped (or
        // failed, under SFB_REQUIRE_CONSUMERS=1); not inside Assert.All, which would turn the skip
        // into a failure.
        foreach (var document in documents)
        {
            Assert.Empty(AdmxSchema.Validate(document));
        }
    }

    [Theory]
    [MemberData(nameof(AcceptedPayloads))]
    public void Gpo_name_stays_one_powershell_string(string payload)
    {
        var (baseline, hostile) = Trees($"gpo: {{name: {Yaml("Benign")}}}", $"gpo: {{name: {Yaml(payload)}}}");
        var (path, bytes) = Files(hostile, "gpo-script").Single();
        var script = Parse(bytes);
        Assert.Equal(Statements(Parse(Files(baseline, "gpo-script")[path])), Statements(script));
        Assert.Equal(payload.Trim(), PowerShellScript.Parse(bytes, path).Constant("gpoName"));
        foreach (var (guidePath, guide) in Files(hostile, "guide"))
        {
            Assert.Equal(BlockShape(Markdown.Parse(Encoding.UTF8.GetString(Files(baseline, "guide")[guidePath]))), BlockShape(Markdown.Parse(Encoding.UTF8.GetString(guide))));
        }
    }

    /// <summary>Distinguished names, escaped as RFC 4514 asks, with every hostile character a DN allows.</summary>
    [Theory]
    [InlineData(@"CN=O'Brien\, \""Co\"" $(Remove-Item C:\\) `n {{ t }},OU=Staff,DC=x,DC=example")]
    [InlineData(@"CN=\#hash\+plus\;semi\<lt\>gt\=eq,OU=]\; [x],DC=x,DC=example")]
    [InlineData(@"CN=José Núñez ‘’,OU=\<![CDATA[,DC=x,DC=example")]
    [InlineData(@"CN=dn: CN\=Admin\0Achangetype: delete,DC=x,DC=example")]
    public void A_distinguished_name_stays_one_ldif_record_and_one_powershell_string(string dn)
    {
        var (baseline, hostile) = Trees("activeDirectory: {users: [\"CN=Benign,DC=x,DC=example\"]}", $"activeDirectory: {{users: [{Yaml(dn)}], searchBase: {Yaml(dn)}}}");
        var record = Assert.Single(StrictLdifReader.Parse(Files(hostile, "ldif").Single().Value));
        Assert.Equal((dn, "replace", "msRTCSIP-UserEnabled", "TRUE"), (record.Dn, record.Operation, record.Attribute, Assert.Single(record.Values)));

        var script = Parse(Files(hostile, "ad-script").Single().Value);
        Assert.Equal(Statements(Parse(Files(baseline, "ad-script").Single().Value)), Statements(script));
        Assert.Contains(script.FindAll(a => a is StringConstantExpressionAst { StringConstantType: StringConstantType.SingleQuoted }, true).Cast<StringConstantExpressionAst>(), s => s.Value == dn);
    }

    [Theory]
    [InlineData("(&(cn=O'Brien$(x)`y`)(description=*]; #>))")]
    [InlineData("(|(cn={{ t }})(cn=‘’))")]
    public void An_ldap_filter_stays_one_powershell_string(string filter)
    {
        var (baseline, hostile) = Trees("activeDirectory: {searchBase: \"DC=x,DC=example\"}", $"activeDirectory: {{searchBase: \"DC=x,DC=example\", filter: {Yaml(filter)}}}");
        var script = Parse(Files(hostile, "ad-script").Single().Value);
        Assert.Equal(Statements(Parse(Files(baseline, "ad-script").Single().Value)), Statements(script));
        Assert.Contains(script.FindAll(a => a is StringConstantExpressionAst, true).Cast<StringConstantExpressionAst>(), s => s.Value == filter);
    }

    [Theory]
    [MemberData(nameof(RefusedPayloads))]
    public void What_cannot_be_escaped_is_refused_in_every_free_text_field(string payload)
    {
        foreach (var field in new[] { $"tenant: {{name: t, displayName: {Yaml(payload)}}}", $"gpo: {{name: {Yaml(payload)}}}", $"activeDirectory: {{users: [{Yaml("CN=" + payload + ",DC=x")}]}}", $"activeDirectory: {{searchBase: \"DC=x\", filter: {Yaml("(cn=" + payload + ")")}}}" })
        {
            var diagnostics = Load(field.StartsWith("tenant", StringComparison.Ordinal) ? $"{field}\ndomains: [t.example]\n" : $"tenant: {{name: t}}\ndomains: [t.example]\n{field}\n");
            Assert.Contains(diagnostics, d => d.Code is "SFB025" or "SFB028" && d.Line >= 1);
        }
    }

    [Theory]
    [InlineData("tenant: {name: \"t/../../etc\"}\ndomains: [t.example]\n", "SFB020")]
    [InlineData("tenant: {name: \"T;rm\"}\ndomains: [t.example]\n", "SFB020")]
    [InlineData("tenant: {name: t}\ndomains: [\"t.example; evil\"]\n", "SFB021")]
    [InlineData("tenant: {name: t}\ndomains: [\"t.example.\\nevil 60 IN A 1.2.3.4\"]\n", "SFB021")]
    [InlineData("tenant: {name: t}\ndomains: [\"t.example\\\"]\"]\n", "SFB021")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\ndns: {sipTarget: \"evil.example. 60 IN A 1.2.3.4\"}\n", "SFB021")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\ntrustModelData: {add: [\"a.example,b.example\"]}\n", "SFB021")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\nproxy: {kind: tmg, applications: [{name: \"msoidsvc]\\n[evil\"}]}\n", "SFB027")]
    public void Names_that_cannot_be_escaped_are_refused(string yaml, string code) =>
        Assert.Contains(Load(yaml), d => d.Code == code);

    [Fact]
    public void A_hostile_policy_file_name_stays_one_markdown_line_in_the_guide()
    {
        var folder = Directory.CreateTempSubdirectory("sfb-name-").FullName;
        try
        {
            var path = Path.Combine(folder, "p`$(x)]*_[l](http:evil).yaml");
            File.WriteAllText(path, "tenant: {name: t}\ndomains: [t.example]\n");
            var tree = Generator.Build([path], null, new DiagnosticBag())!;
            var guide = Markdown.Parse(Encoding.UTF8.GetString(tree.Files.Single(f => f.Path == "t/README.md").Bytes));
            Assert.DoesNotContain(guide.Descendants<LinkInline>(), l => l.Url is not null && l.Url.Contains("evil", StringComparison.Ordinal));
            Assert.Contains(guide.Descendants<ParagraphBlock>(), p => PlainText(p.Inline!).Contains(Path.GetFileName(path), StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Yaml(string value) => YamlText.Quote(value);

    private static IReadOnlyList<Diagnostic> Load(string yaml)
    {
        var diagnostics = new DiagnosticBag();
        Assert.Null(SfbPolicyGen.Loading.PolicyLoader.Load("p.yaml", Encoding.UTF8.GetBytes(yaml), diagnostics));
        return diagnostics.Sorted();
    }

    private static (GeneratedTree Baseline, GeneratedTree Hostile) Trees(string baselineSection, string hostileSection) =>
        (Tree(baselineSection), Tree(hostileSection));

    private static GeneratedTree Tree(string section)
    {
        var folder = Directory.CreateTempSubdirectory("sfb-inject-").FullName;
        try
        {
            var path = Path.Combine(folder, "policies.yaml");
            var tenant = section.StartsWith("displayName", StringComparison.Ordinal) ? $"tenant: {{name: t, {section}}}\n" : $"tenant: {{name: t}}\n{section}\n";
            File.WriteAllText(path, tenant + "domains: [t.example]\nproxy: {kind: tmg}\n");
            var diagnostics = new DiagnosticBag();
            var tree = Generator.Build([path], null, diagnostics);
            Assert.True(tree is not null, string.Join('\n', diagnostics.Sorted()));
            return tree;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>How many files of each kind a tree of <see cref="Tree"/> holds: one tenant, one domain,
    /// the two default languages. Stated here, so that a loop over a kind never checks nothing.</summary>
    private static readonly Dictionary<string, int> CountOfKind = new(StringComparer.Ordinal)
    {
        ["admx"] = 1,
        ["adml"] = 2,
        ["guide"] = 2,
        ["gpo-script"] = 1,
        ["ldif"] = 1,
        ["ad-script"] = 1,
    };

    private static Dictionary<string, byte[]> Files(GeneratedTree tree, string kind)
    {
        var files = tree.Files.Where(f => f.Format.ManifestName == kind).ToDictionary(f => f.Path, f => f.Bytes, StringComparer.Ordinal);
        Assert.True(files.Count == CountOfKind[kind], $"{files.Count} file(s) of kind '{kind}', {CountOfKind[kind]} expected");
        return files;
    }

    private static string Shape(XDocument document) => string.Join(' ', document.Descendants().Select(e => e.Name.LocalName + "[" + string.Join(',', e.Attributes().Select(a => a.Name.LocalName)) + "]"));

    private static string BlockShape(MarkdownDocument document) => string.Join(' ', document.Descendants<Block>().Select(b => b.GetType().Name));

    private static string PlainText(ContainerInline inline) => string.Concat(inline.Descendants<LiteralInline>().Select(l => l.Content.ToString()).Concat(inline.Descendants<CodeInline>().Select(c => c.Content)));

    private static ScriptBlockAst Parse(byte[] bytes)
    {
        var script = PowerShellScript.Parse(bytes, "script");
        Assert.Empty(script.Errors);
        return script.Ast;
    }

    private static string Statements(ScriptBlockAst ast) => string.Join(' ', ast.FindAll(a => a is StatementAst, true).Select(a => a.GetType().Name));
}
