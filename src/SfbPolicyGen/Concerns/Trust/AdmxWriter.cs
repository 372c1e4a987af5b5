using System.Text;
using System.Xml;
using System.Xml.Linq;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;

namespace SfbPolicyGen.Concerns.Trust;

/// <summary>ADMX + one ADML per language for TrustModelData (docs/ADMX.md).
/// Determinism: elements and attributes in the schema's order, written in a fixed order; policies in
/// the fixed client order; languages in ordinal order; no dates, GUIDs or versions but the fixed
/// revision "1.0". Both files are built from one list of ids, so every $(string.X) and
/// $(presentation.X) the ADMX references exists in every ADML.</summary>
internal static class AdmxWriter
{
    /// <summary>What real .admx/.adml files declare (the XSD's own targetNamespace differs; see admx-schema/README.md).</summary>
    public static readonly XNamespace Ns = "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions";

    /// <summary>The text element's schema default; raised when the merged list is longer.</summary>
    public const int DefaultMaxLength = 1023;

    private const string CategoryId = "SfbSignIn";

    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext _)
    {
        var policies = tenant.TrustModelData.Clients.Select(c => new PolicyIds(c)).ToList();
        yield return new Artifact(tenant.Name, TrustKinds.Admx, TrustKinds.Admx.PathOf(tenant.Name, tenant.Admx.FileName), Serialize(BuildAdmx(tenant, policies), TrustKinds.Admx.Format));
        foreach (var language in tenant.Admx.Languages)
        {
            yield return new Artifact(
                tenant.Name,
                TrustKinds.Adml,
                TrustKinds.Adml.PathOf(tenant.Name, language, tenant.Admx.FileName),
                Serialize(BuildAdml(tenant, policies, AdmxStrings.For(language)), TrustKinds.Adml.Format),
                Language: language);
        }
    }

    /// <summary>The smallest 2^n - 1 at least as long as the value, never below the schema default.</summary>
    public static int MaxLengthFor(string value)
    {
        var max = DefaultMaxLength;
        while (max < value.Length)
        {
            max = (max * 2) + 1;
        }

        return max;
    }

    /// <summary>
    /// <code>
    /// &lt;policyDefinitions revision="1.0" schemaVersion="1.0"&gt;
    ///   &lt;policyNamespaces&gt;&lt;target prefix="sfb_contoso" namespace="SfbPolicyGen.Tenants.contoso" /&gt;&lt;/policyNamespaces&gt;
    ///   &lt;resources minRequiredRevision="1.0" /&gt;
    ///   &lt;supportedOn&gt;&lt;definitions&gt;&lt;definition name="SUPPORTED_communicator" displayName="$(string.SUPPORTED_communicator)" /&gt;...
    ///   &lt;categories&gt;&lt;category name="SfbSignIn" displayName="$(string.SfbSignIn)" /&gt;&lt;/categories&gt;
    ///   &lt;policies&gt;&lt;policy name="TrustModelData_communicator" class="Machine" ... key="Software\Policies\Microsoft\Communicator"&gt;
    ///     &lt;parentCategory ref="SfbSignIn" /&gt;&lt;supportedOn ref="SUPPORTED_communicator" /&gt;
    ///     &lt;elements&gt;&lt;text id="TrustModelData" valueName="TrustModelData" required="true" maxLength="1023" /&gt;&lt;/elements&gt;
    /// </code>
    /// No <c>using</c> namespaces: nothing here references another file, and Intune refuses unused ones.
    /// </summary>
    private static XElement BuildAdmx(TenantPolicy tenant, List<PolicyIds> policies) =>
        new(Ns + "policyDefinitions",
            new XAttribute("revision", "1.0"),
            new XAttribute("schemaVersion", "1.0"),
            new XElement(Ns + "policyNamespaces",
                new XElement(Ns + "target", new XAttribute("prefix", tenant.Admx.Prefix), new XAttribute("namespace", tenant.Admx.Namespace))),
            new XElement(Ns + "resources", new XAttribute("minRequiredRevision", "1.0")),
            new XElement(Ns + "supportedOn",
                new XElement(Ns + "definitions",
                    policies.Select(p => new XElement(Ns + "definition", new XAttribute("name", p.Supported), new XAttribute("displayName", StringRef(p.Supported)))))),
            new XElement(Ns + "categories",
                new XElement(Ns + "category", new XAttribute("name", CategoryId), new XAttribute("displayName", StringRef(CategoryId)))),
            new XElement(Ns + "policies",
                policies.Select(p => new XElement(Ns + "policy",
                    new XAttribute("name", p.Policy),
                    new XAttribute("class", "Machine"),
                    new XAttribute("displayName", StringRef(p.Policy)),
                    new XAttribute("explainText", StringRef(p.Explain)),
                    new XAttribute("presentation", $"$(presentation.{p.Policy})"),
                    new XAttribute("key", p.Client.PolicyKey),
                    new XElement(Ns + "parentCategory", new XAttribute("ref", CategoryId)),
                    new XElement(Ns + "supportedOn", new XAttribute("ref", p.Supported)),
                    new XElement(Ns + "elements",
                        new XElement(Ns + "text",
                            new XAttribute("id", TrustClient.ValueName),
                            new XAttribute("valueName", TrustClient.ValueName),
                            new XAttribute("required", "true"),
                            new XAttribute("maxLength", MaxLengthFor(tenant.TrustModelData.RegistryValue))))))));

    /// <summary>
    /// <code>
    /// &lt;policyDefinitionResources revision="1.0" schemaVersion="1.0"&gt;
    ///   &lt;displayName&gt;...&lt;/displayName&gt;&lt;description&gt;...&lt;/description&gt;
    ///   &lt;resources&gt;&lt;stringTable&gt;&lt;string id="SfbSignIn"&gt;...&lt;/string&gt;...&lt;/stringTable&gt;
    ///     &lt;presentationTable&gt;&lt;presentation id="TrustModelData_communicator"&gt;
    ///       &lt;textBox refId="TrustModelData"&gt;&lt;label&gt;...&lt;/label&gt;&lt;defaultValue&gt;lync.com,...&lt;/defaultValue&gt;&lt;/textBox&gt;
    /// </code>
    /// </summary>
    private static XElement BuildAdml(TenantPolicy tenant, List<PolicyIds> policies, AdmxStrings strings) =>
        new(Ns + "policyDefinitionResources",
            new XAttribute("revision", "1.0"),
            new XAttribute("schemaVersion", "1.0"),
            new XElement(Ns + "displayName", strings.Category(tenant.DisplayName)),
            new XElement(Ns + "description", $"SfbPolicyGen: TrustModelData ({tenant.Name})"),
            new XElement(Ns + "resources",
                new XElement(Ns + "stringTable",
                    LocalizedString(CategoryId, strings.Category(tenant.DisplayName)),
                    policies.SelectMany(p => new[]
                    {
                        LocalizedString(p.Policy, strings.PolicyName(p.Client)),
                        LocalizedString(p.Explain, strings.Explain(p.Client, tenant)),
                        LocalizedString(p.Supported, p.Client.Product),
                    })),
                new XElement(Ns + "presentationTable",
                    policies.Select(p => new XElement(Ns + "presentation",
                        new XAttribute("id", p.Policy),
                        new XElement(Ns + "textBox",
                            new XAttribute("refId", TrustClient.ValueName),
                            new XElement(Ns + "label", strings.Label),
                            new XElement(Ns + "defaultValue", tenant.TrustModelData.RegistryValue)))))));

    private static XElement LocalizedString(string id, string text) => new(Ns + "string", new XAttribute("id", id), text);

    private static string StringRef(string id) => $"$(string.{id})";

    /// <summary>Two-space indent; the declaration names the encoding the format table gives.</summary>
    private static string Serialize(XElement root, ArtifactFormat format)
    {
        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            OmitXmlDeclaration = true,
        };
        var builder = new StringBuilder().Append("<?xml version=\"1.0\" encoding=\"" + format.XmlEncodingName + "\"?>\n");
        using (var writer = XmlWriter.Create(builder, settings))
        {
            root.WriteTo(writer);
        }

        return builder.Append('\n').ToString();
    }

    /// <summary>The ids of one client's policy: letters, digits and '_' only (schema itemName).</summary>
    private sealed record PolicyIds(TrustClient Client)
    {
        public string Policy => $"TrustModelData_{Client.Id}";

        public string Explain => $"{Policy}_Explain";

        public string Supported => $"SUPPORTED_{Client.Id}";
    }
}
