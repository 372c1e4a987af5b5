using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace SfbPolicyGen.Tests.Support;

/// <summary>Reads a <c>--report junit</c> file as a CI would: strictly (no DTD, XML 1.0 characters checked),
/// validated against the Jenkins xUnit plugin's junit-10.xsd (Fixtures/junit/README.md), warnings counted
/// as errors; and checks the bytes the tool promises (docs/REPORTS.md, "Bytes").</summary>
public static class JUnitSchema
{
    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet();
        using (var reader = XmlReader.Create(Path.Combine(RepoPaths.Root, "tests", "SfbPolicyGen.Tests", "Fixtures", "junit", "junit-10.xsd")))
        {
            set.Add(null, reader);
        }

        set.Compile();
        return set;
    });

    /// <summary>The problems the schema finds in <paramref name="bytes"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(byte[] bytes)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value, DtdProcessing = DtdProcessing.Prohibit, CheckCharacters = true };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    /// <summary>The report at <paramref name="path"/>, after asserting that it is valid and that its bytes
    /// are UTF-8 without a byte order mark, LF only, ending in a line end, with no time, timestamp or host name.</summary>
    public static XDocument Load(string path)
    {
        Assert.True(File.Exists(path), $"no report at {path}");
        var bytes = File.ReadAllBytes(path);
        var problems = Validate(bytes);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "the report starts with a byte order mark");
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Equal((byte)'\n', bytes[^1]);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<testsuites ", text, StringComparison.Ordinal);
        foreach (var attribute in new[] { " time=", " timestamp=", " hostname=" })
        {
            Assert.DoesNotContain(attribute, text, StringComparison.Ordinal);
        }

        return XDocument.Parse(text, LoadOptions.None);
    }
}
