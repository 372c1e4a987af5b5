using System.Text;
using System.Xml.Linq;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Golden;

/// <summary>The checkers used on every golden artifact must be able to fail; these feed them broken
/// input and expect a refusal.</summary>
public class OracleTests
{
    /// <summary>The sample's .admx and one of its .adml files (out/contoso/PolicyDefinitions).</summary>
    public static TheoryData<string> SampleFiles => ["SfbPolicyGen-contoso.admx", "en-US/SfbPolicyGen-contoso.adml"];

    private static XDocument Sample(string file) => AdmxSchema.Load(File.ReadAllBytes(Path.Combine([RepoPaths.Root, "out", "contoso", "PolicyDefinitions", .. file.Split('/')])));

    private static XDocument SampleAdmx() => Sample("SfbPolicyGen-contoso.admx");

    [SkippableFact]
    public void Schema_refuses_an_id_with_a_dash()
    {
        var admx = SampleAdmx();
        admx.Descendants(FormatFacts.AdmxNamespace + "policy").First().SetAttributeValue("name", "Trust-Model");
        Assert.NotEmpty(AdmxSchema.Validate(admx));
    }

    [SkippableFact]
    public void Schema_refuses_elements_out_of_order()
    {
        var admx = SampleAdmx();
        var resources = admx.Root!.Element(FormatFacts.AdmxNamespace + "resources")!;
        resources.Remove();
        admx.Root.Add(resources);
        Assert.NotEmpty(AdmxSchema.Validate(admx));
    }

    [SkippableFact]
    public void Schema_refuses_a_wrong_namespace_reported_only_as_a_warning_by_dotnet()
    {
        var admx = SampleAdmx();
        XNamespace wrong = "urn:wrong";
        foreach (var element in admx.Descendants().ToList())
        {
            element.Name = wrong + element.Name.LocalName;
        }

        Assert.NotEmpty(AdmxSchema.Validate(admx));
    }

    /// <summary>Right structure, wrong namespace: the 2006/08 neighbour of the namespace Group Policy
    /// expects. The check must refuse it whatever namespace the writer itself uses, or a writer moved to
    /// it and re-baselined would pass.</summary>
    [SkippableTheory]
    [MemberData(nameof(SampleFiles))]
    public void Schema_refuses_the_right_structure_in_the_2006_08_namespace(string file)
    {
        XNamespace neighbour = "http://schemas.microsoft.com/GroupPolicy/2006/08/PolicyDefinitions";
        var document = Sample(file);
        foreach (var element in document.Descendants().ToList())
        {
            element.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
            element.Name = neighbour + element.Name.LocalName;
        }

        Assert.NotEmpty(AdmxSchema.Validate(document));
    }

    [SkippableTheory]
    [MemberData(nameof(SampleFiles))]
    public void Schema_accepts_the_sample_as_is(string file)
    {
        var document = Sample(file);
        Assert.Equal(FormatFacts.AdmxNamespace, document.Root!.Name.Namespace);
        Assert.Empty(AdmxSchema.Validate(document));
    }

    [Theory]
    [InlineData("Windows Registry Editor Version 5.00\n\n[K]\n\"a\"=\"b\"\n\n")]
    [InlineData("Windows Registry Editor Version 5.00\r\n[K]\r\n\"a\"=\"b\"\r\n\r\n")]
    [InlineData("Windows Registry Editor Version 5.00\r\n\r\n[K]\r\n\"a\"=\"b\"\r\n")]
    [InlineData("Windows Registry Editor Version 5.00\r\n\r\n[K]\r\n\"a\"=\"b\\n\"\r\n\r\n")]
    [InlineData("Windows Registry Editor Version 5.00\r\n\r\n[K]\r\n\"b\"=\"1\"\r\n\"a\"=\"2\"\r\n\r\n")]
    [InlineData("Windows Registry Editor Version 5.00\r\n\r\n[K]\r\n\"a\"=\"un\"quoted\"\r\n\r\n")]
    public void Strict_reg_reader_refuses_non_canonical_files(string text)
    {
        var bytes = new UnicodeEncoding(false, true).GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();
        Assert.Throws<FormatException>(() => StrictRegReader.Parse(bytes));
    }

    [Fact]
    public void Strict_reg_reader_refuses_a_file_without_bom() =>
        Assert.Throws<FormatException>(() => StrictRegReader.Parse(Encoding.Unicode.GetBytes("Windows Registry Editor Version 5.00\r\n\r\n")));

    [Theory]
    [InlineData("$ORIGIN a.example.\n$TTL 60\nsip 60 IN CNAME relative.target\n")]
    [InlineData("$ORIGIN a.example.\n$TTL 60\nsip 1h IN CNAME t.example.\n")]
    [InlineData("$TTL 60\nsip 60 IN CNAME t.example.\n")]
    public void Zone_reader_refuses_relative_targets_unit_ttls_and_missing_origin(string text) =>
        Assert.Throws<FormatException>(() => ZoneReader.Parse(text));

    [Theory]
    [InlineData("PReh\u0001\0\0\0")]
    [InlineData("PReg\u0002\0\0\0")]
    public void Strict_pol_reader_refuses_a_wrong_header(string header) =>
        Assert.Throws<FormatException>(() => StrictPolReader.Parse(Encoding.Latin1.GetBytes(header)));

    [Theory]
    [InlineData("[K\0;V\0:")]       // wrong delimiter after the value name
    [InlineData("[HKLM\\K\0;V\0;")] // a hive in the key
    [InlineData("[K;V\0;")]          // a delimiter inside the key
    public void Strict_pol_reader_refuses_broken_entries(string entry)
    {
        var bytes = "PReg\u0001\0\0\0"u8.ToArray().Concat(Encoding.Unicode.GetBytes(entry)).Concat(new byte[] { 1, 0, 0, 0, (byte)';', 0, 2, 0, 0, 0, (byte)';', 0, 0, 0, (byte)']', 0 }).ToArray();
        Assert.Throws<FormatException>(() => StrictPolReader.Parse(bytes));
    }

    [Fact]
    public void Strict_pol_reader_refuses_a_truncated_entry() =>
        Assert.Throws<FormatException>(() => StrictPolReader.Parse([.. "PReg\u0001\0\0\0"u8, .. Encoding.Unicode.GetBytes("[K\0;V")]));

    [Fact]
    public void Strict_pol_reader_refuses_a_size_past_the_end()
    {
        var bytes = "PReg\u0001\0\0\0"u8.ToArray().Concat(Encoding.Unicode.GetBytes("[K\0;V\0;")).Concat(new byte[] { 1, 0, 0, 0, (byte)';', 0, 99, 0, 0, 0, (byte)';', 0, 0, 0, (byte)']', 0 }).ToArray();
        Assert.Throws<FormatException>(() => StrictPolReader.Parse(bytes));
    }

    [Fact]
    public void Strict_pol_reader_reads_a_well_formed_entry()
    {
        var bytes = "PReg\u0001\0\0\0"u8.ToArray().Concat(Encoding.Unicode.GetBytes("[K\0;V\0;")).Concat(new byte[] { 1, 0, 0, 0, (byte)';', 0, 4, 0, 0, 0, (byte)';', 0, (byte)'x', 0, 0, 0, (byte)']', 0 }).ToArray();
        Assert.Equal("K V 1 x", string.Join(' ', StrictPolReader.Parse(bytes).Select(e => $"{e.Key} {e.Value} {e.Type} {e.Text}")));
    }

    [Theory]
    [InlineData("dn: CN=a\r\nchangetype: modify\r\nreplace: x\r\nx: TRUE\r\n-\r\n")]            // no closing blank line
    [InlineData("dn: CN=a\nchangetype: modify\nreplace: x\nx: TRUE\n-\n\n")]                      // LF
    [InlineData("dn: CN=José\r\nchangetype: modify\r\nreplace: x\r\nx: TRUE\r\n-\r\n\r\n")] // non-ASCII not in base64
    [InlineData("dn: CN=a\r\nchangetype: add\r\nreplace: x\r\nx: TRUE\r\n-\r\n\r\n")]      // not a modify
    [InlineData("dn: CN=a\r\nchangetype: modify\r\nreplace: x\r\ny: TRUE\r\n-\r\n\r\n")]   // another attribute's line
    public void Strict_ldif_reader_refuses_what_the_writer_must_not_write(string text) =>
        Assert.Throws<FormatException>(() => StrictLdifReader.Parse(Encoding.UTF8.GetBytes(text)));
}
