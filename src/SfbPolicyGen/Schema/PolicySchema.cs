using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Schema;

/// <summary>The JSON Schema (draft 2020-12) of policies.yaml, built from the loader's own key tables
/// and Model's name tables and limits (a domain name may carry one trailing dot, hence its maximum + 1), so that an editor (yaml-language-server) completes and checks what the tool
/// accepts. The loader stays the authority: it also checks what a schema cannot say (names normalise
/// to valid punycode, a DN's escapes, entries unique after normalisation). Committed as
/// policies.schema.json; <c>sfbpolicygen schema</c> prints it; a test keeps the two equal.</summary>
public static class PolicySchema
{
    public static string Text()
    {
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };
        return Build().ToJsonString(options) + "\n";
    }

    private static JsonObject Build()
    {
        var domainList = Array(Ref("domainName"));
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "SfbPolicyGen policies.yaml",
            ["description"] = "One Skype for Business tenant: its domains, its clients' TrustModelData, its proxy, its DNS. See README.md, 'policies.yaml reference'.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = Strings("tenant", "domains"),
            ["properties"] = Properties(PolicyLoader.RootKeys, new()
            {
                ["tenant"] = Object(PolicyLoader.TenantKeys, ["name"], new()
                {
                    ["name"] = Describe(new JsonObject { ["type"] = "string", ["pattern"] = $"^[a-z0-9][a-z0-9-]{{0,{Identifiers.MaxTenantNameLength - 1}}}$" }, $"1-{Identifiers.MaxTenantNameLength} of a-z 0-9 '-', not starting with '-'; names the output folder out/<name>/."),
                    ["displayName"] = Describe(Text(FreeText.MaxDisplayNameLength), "Shown in the Group Policy editor and the guide (default: tenant.name)."),
                }, "The tenant."),
                ["domains"] = Describe(WithMinItems(domainList.DeepClone(), 1), "The tenant's SIP domains; normalised (trimmed, lowercased, trailing dot dropped, punycode)."),
                ["trustModelData"] = Object(PolicyLoader.TrustKeys, [], new()
                {
                    ["clients"] = Describe(Unique(Array(Enum(TrustClient.Names.Names))), "Clients whose policy key gets TrustModelData (default [communicator])."),
                    ["existing"] = Describe(domainList.DeepClone(), "What the deployed value already holds: kept first, in this order (add, do not replace)."),
                    ["keepMicrosoftDefaults"] = Describe(Boolean(), "Keep lync.com, outlook.com, lync.glbdns.microsoft.com, microsoftonline.com (default true)."),
                    ["add"] = Describe(domainList.DeepClone(), "Further trusted domains besides 'domains'."),
                }, "The TrustModelData value ('Cannot verify that the server is trusted')."),
                ["proxy"] = Object(PolicyLoader.ProxyKeys, [], new()
                {
                    ["kind"] = Describe(Enum(ProxyKindNames.Table.Names), "tmg, other or none (default none)."),
                    ["applications"] = Describe(Array(Object(PolicyLoader.ApplicationKeys, ["name"], new()
                    {
                        ["name"] = Describe(new JsonObject { ["type"] = "string", ["pattern"] = $"^[A-Za-z0-9_.-]{{1,{Identifiers.MaxApplicationNameLength}}}$" }, "Executable name without .exe (default msoidsvc)."),
                        ["disable"] = Describe(IntegerEnum(ProxyApplication.SwitchValues.Values), "TMG client Disable (default 0)."),
                        ["disableEx"] = Describe(IntegerEnum(ProxyApplication.SwitchValues.Values), "TMG client DisableEx (default 0)."),
                    }, null)), "Application rules (default: the article's msoidsvc rule)."),
                }, "The proxy in front of clients ('Sign-in address not found')."),
                ["dns"] = Object(PolicyLoader.DnsKeys, [], new()
                {
                    ["profile"] = Describe(Enum(DnsProfileNames.Table.Names), "troubleshooting (default; the article's sip CNAME), skype-online or teams-only."),
                    ["cloud"] = Describe(Enum(DnsCloudNames.Table.Names), "worldwide (default), germany or 21vianet."),
                    ["ttl"] = Describe(new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = int.MaxValue }, $"Seconds, no unit (default {DnsPolicy.DefaultTtl})."),
                    ["sipTarget"] = Describe(Ref("domainName"), "Overrides the sip CNAME target."),
                    ["lyncdiscover"] = Describe(Boolean(), "skype-online only: publish lyncdiscover (default true; false for hybrid tenants)."),
                    ["updateServer"] = Describe(new JsonObject { ["type"] = "string", ["minLength"] = 1 }, "HOST[:PORT] of the primary server the RFC 2136 messages (dns/nsupdate/) send to (default: none; the operator gives it)."),
                    ["manage"] = Describe(Unique(Array(OwnerName())), "Names whose Microsoft records this tool takes over though it did not publish them, so that the DNS files replace or remove them: sip, lyncdiscover, _sip._tls, _sipfederationtls._tcp, alone (every domain) or as NAME.DOMAIN (default: none)."),
                    ["keep"] = Describe(Unique(Array(OwnerName())), "Names every DNS file leaves as they are (a hybrid tenant's on-premises sip, say), alone or as NAME.DOMAIN (default: none)."),
                }, "DNS records ('The server is temporarily unavailable')."),
                ["admx"] = Object(PolicyLoader.AdmxKeys, [], new()
                {
                    ["namespace"] = Describe(new JsonObject { ["type"] = "string", ["pattern"] = $"^(?![Mm][Ii][Cc][Rr][Oo][Ss][Oo][Ff][Tt]\\.)[A-Za-z][A-Za-z0-9._-]{{0,{Identifiers.MaxAdmxNamespaceLength - 1}}}$" }, "Target namespace, unique in the central store (default SfbPolicyGen.Tenants.<name>)."),
                    ["prefix"] = Describe(new JsonObject { ["type"] = "string", ["pattern"] = $"^[A-Za-z][A-Za-z0-9_]{{0,{Identifiers.MaxAdmxPrefixLength - 1}}}$" }, "Target prefix (default sfb_<name>)."),
                    ["languages"] = Describe(WithMinItems(Unique(Array(Enum(Languages.Names.Names))), 1), "ADML languages (default [en-US, fr-FR])."),
                }, "The ADMX/ADML templates."),
                ["gpo"] = Object(PolicyLoader.GpoKeys, [], new()
                {
                    ["name"] = Describe(Text(GpoPolicy.MaxNameLength), "The GPO the gpo script creates or updates (default 'Skype for Business sign-in (<name>)')."),
                }, "The GPO script."),
                ["activeDirectory"] = AnyOfRequired(Object(PolicyLoader.ActiveDirectoryKeys, [], new()
                {
                    ["users"] = Describe(WithMinItems(Array(new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = DirectoryNames.MaxDistinguishedNameLength }), 1), "Users to SIP-enable: a UPN (has '@'), a distinguished name (has '='), or a sAMAccountName."),
                    ["searchBase"] = Describe(new JsonObject { ["type"] = "string", ["minLength"] = 3, ["maxLength"] = DirectoryNames.MaxDistinguishedNameLength, ["pattern"] = "=" }, "Also every user under this DN that 'filter' selects."),
                    ["filter"] = Describe(new JsonObject { ["type"] = "string", ["maxLength"] = DirectoryNames.MaxFilterLength, ["pattern"] = "^\\(.*\\)$" }, $"LDAP filter, with searchBase (default {ActiveDirectoryPolicy.DefaultFilter})."),
                }, "'User is not SIP enabled': users whose msRTCSIP-UserEnabled is set TRUE."), "users", "searchBase"),
                ["clientCleanup"] = Describe(Boolean(), "Opt-in client clean-up script (default false); it can delete all of a user's private keys."),
                ["retired"] = Object(PolicyLoader.RetiredKeys, [], new()
                {
                    ["domains"] = Describe(domainList.DeepClone(), "Domains deployed before that must go: removed from each computer's TrustModelData by the appender, their Skype records removed by the DNS Server script. Not in domains, existing or add."),
                    ["clients"] = Describe(Unique(Array(Enum(TrustClient.Names.Names))), "Clients whose TrustModelData this tool set and must take away: removed from the GPO, deleted by the .reg and Registry.pol, the tenant's entries removed by the appender. Not in trustModelData.clients."),
                }, "What earlier versions of this policy deployed and the deploy scripts take away."),
                ["safety"] = Object(PolicyLoader.SafetyKeys, [], new()
                {
                    ["maxRemovedPercent"] = Describe(new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = 100 }, $"generate refuses, unless --force, a change that removes more than this percentage of the DNS records, the trusted domains or the clients the tenant deployed, each kind counted apart (default {SafetyPolicy.DefaultMaxRemovedPercent})."),
                    ["minExisting"] = Describe(new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = int.MaxValue }, $"A kind of which the tenant deployed fewer items is never refused (default {SafetyPolicy.DefaultMinExisting})."),
                }, "Safety thresholds of generate: a large removal needs --force (README, 'Safety thresholds')."),
            }),
            ["$defs"] = new JsonObject
            {
                // Labels without the characters of a URL, an address or a port; a top-level label that is
                // not all digits (so no IPv4 address either, RFC 3696 section 2): DomainName's rules an
                // editor can check.
                ["domainName"] = Describe(
                    new JsonObject { ["type"] = "string", ["minLength"] = 3, ["maxLength"] = DomainName.MaxLength + 1, ["pattern"] = "^\\s*([^\\s.:/@\\[\\]]+\\.)+[^\\s.:/@\\[\\]]*[^\\s.:/@\\[\\]0-9][^\\s.:/@\\[\\]]*\\.?\\s*$" },
                    "A domain name with at least two labels, not an IP address or a URL (give the host name only); IDN allowed (converted to punycode)."),
            },
        };
    }

    private static JsonObject Properties(string[] keys, Dictionary<string, JsonNode> properties)
    {
        // The loader's key table decides which keys exist and in what order.
        var result = new JsonObject();
        foreach (var key in keys)
        {
            result[key] = properties[key];
        }

        return result;
    }

    private static JsonObject Object(string[] keys, string[] required, Dictionary<string, JsonNode> properties, string? description)
    {
        var result = new JsonObject { ["type"] = "object", ["additionalProperties"] = false };
        if (required.Length > 0)
        {
            result["required"] = Strings(required);
        }

        result["properties"] = Properties(keys, properties);
        return description is null ? result : Describe(result, description);
    }

    private static JsonObject AnyOfRequired(JsonObject node, params string[] keys)
    {
        node["anyOf"] = new JsonArray([.. keys.Select(k => (JsonNode)new JsonObject { ["required"] = Strings(k) })]);
        return node;
    }

    private static JsonObject Describe(JsonNode node, string description)
    {
        var result = (JsonObject)node;
        result["description"] = description;
        return result;
    }

    private static JsonObject Text(int maxLength) => new() { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = maxLength };

    private static JsonObject Boolean() => new() { ["type"] = "boolean" };

    /// <summary>An entry of dns.manage or dns.keep (<see cref="DnsNameScope.Parse"/>): one of the names,
    /// in any case, alone or followed by a domain.</summary>
    private static JsonObject OwnerName()
    {
        static string AnyCase(string name) => string.Concat(name.Select(c => char.IsAsciiLetter(c) ? $"[{char.ToUpperInvariant(c)}{c}]" : c == '.' ? "\\." : c.ToString()));
        return new JsonObject { ["type"] = "string", ["pattern"] = $"^\\s*(?:{string.Join("|", DnsRecordSet.OwnerNames.Select(AnyCase))})(?:\\..+)?\\s*$" };
    }

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/$defs/{name}" };

    private static JsonObject Array(JsonNode items) => new() { ["type"] = "array", ["items"] = items };

    private static JsonObject Unique(JsonObject array)
    {
        array["uniqueItems"] = true;
        return array;
    }

    private static JsonObject WithMinItems(JsonNode array, int min)
    {
        var result = (JsonObject)array;
        result["minItems"] = min;
        return result;
    }

    private static JsonObject Enum(IEnumerable<string> values) => new() { ["type"] = "string", ["enum"] = Strings([.. values]) };

    private static JsonObject IntegerEnum(IEnumerable<int> values) => new() { ["type"] = "integer", ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };

    private static JsonArray Strings(params string[] values) => new([.. values.Select(v => (JsonNode)v)]);
}
