using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace SfbPolicyGen.Tests.Support;

/// <summary>Validates ADMX/ADML against ../shared/admx-schema. Real files use the 2006/07 namespace,
/// the XSD another one, so a copy is moved to the XSD's namespace first; warnings count as errors,
/// because .NET reports an element in an unknown namespace only as a warning (admx-schema/README.md).
/// Only the 2006/07 namespace, written here (<see cref="FormatFacts.AdmxNamespace"/>), is moved, never
/// whatever namespace the writer used: a file in any other namespace stays there and is refused.</summary>
public static class AdmxSchema
{
    public static readonly XNamespace XsdNamespace = "http://www.microsoft.com/GroupPolicy/PolicyDefinitions";

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add(null, RepoPaths.SharedFile("admx-schema", "PolicyDefinitionFiles.xsd"));
        set.Compile();
        return set;
    });

    public static IReadOnlyList<string> Validate(XDocument document)
    {
        var copy = new XDocument(document);
        foreach (var element in copy.Descendants())
        {
            if (element.Name.Namespace == FormatFacts.AdmxNamespace)
            {
                element.Name = XsdNamespace + element.Name.LocalName;
            }

            element.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
        }

        // XDocument.Validate cannot report warnings; a validating reader with ReportValidationWarnings can.
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(copy.ToString(SaveOptions.DisableFormatting)), settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    /// <summary>Loads with line info and strict XML checks (no DTD).</summary>
    public static XDocument Load(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, CheckCharacters = true });
        return XDocument.Load(reader, LoadOptions.SetLineInfo);
    }
}
