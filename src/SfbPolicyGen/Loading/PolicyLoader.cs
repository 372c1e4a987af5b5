using System.Collections.Immutable;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>policies.yaml → <see cref="TenantPolicy"/>: the shape checked key by key, every name
/// normalised then validated, defaults applied. Every problem is reported; a file with errors
/// yields no model.</summary>
public sealed partial class PolicyLoader
{
    internal static readonly string[] RootKeys = ["tenant", "domains", "trustModelData", "proxy", "dns", "admx", "gpo", "activeDirectory", "clientCleanup"];
    internal static readonly string[] TenantKeys = ["name", "displayName"];
    internal static readonly string[] TrustKeys = ["clients", "existing", "keepMicrosoftDefaults", "add"];
    internal static readonly string[] ProxyKeys = ["kind", "applications"];
    internal static readonly string[] ApplicationKeys = ["name", "disable", "disableEx"];
    internal static readonly string[] DnsKeys = ["profile", "cloud", "ttl", "sipTarget", "lyncdiscover"];
    internal static readonly string[] AdmxKeys = ["namespace", "prefix", "languages"];
    internal static readonly string[] GpoKeys = ["name"];

    public const int LowTtlWarning = 300;

    private readonly DiagnosticBag _diagnostics;
    private readonly string _file;

    private PolicyLoader(string file, DiagnosticBag diagnostics)
    {
        _file = file;
        _diagnostics = diagnostics;
    }

    /// <summary>Loads one file's bytes. <paramref name="file"/> is the name diagnostics show.</summary>
    public static TenantPolicy? Load(string file, ReadOnlySpan<byte> bytes, DiagnosticBag diagnostics)
    {
        // A bag of its own: whether this file has errors must not depend on the files before it.
        var local = new DiagnosticBag();
        var root = YamlDocumentReader.Read(file, bytes, local);
        var policy = root is null ? null : new PolicyLoader(file, local).Bind(root);
        diagnostics.AddRange(local);
        return local.HasErrors ? null : policy;
    }

    private TenantPolicy? Bind(YamlMapping rootNode)
    {
        var root = new MappingReader(rootNode, "", RootKeys, _diagnostics);

        var (name, nameAt, displayName) = ReadTenant(root);
        var domains = ReadNameList(root, "domains", required: true);
        var trust = ReadTrustModelData(root["trustModelData"], domains);
        var proxy = ReadProxy(root["proxy"]);
        var dns = ReadDns(root["dns"]);
        var admx = ReadAdmx(root["admx"], name);
        var gpoName = ReadGpoName(root["gpo"]);
        var activeDirectory = ReadActiveDirectory(root["activeDirectory"]);
        var clientCleanup = Bool(root["clientCleanup"], "clientCleanup") ?? false;

        if (_diagnostics.HasErrors || name is null || trust is null || proxy is null || dns is null || admx is null)
        {
            return null;
        }

        var gpo = new GpoPolicy(gpoName ?? GpoPolicy.DefaultName(name));
        return new TenantPolicy(_file, nameAt, name, displayName ?? name, domains.Select(d => d.Name).ToImmutableArray(), trust, proxy, dns, admx, gpo, activeDirectory, clientCleanup);
    }

    private (string? Name, SourceSpan NameAt, string? DisplayName) ReadTenant(MappingReader root)
    {
        if (Mapping(root["tenant"], "tenant") is not { } node)
        {
            if (root["tenant"] is null)
            {
                _diagnostics.Error(DiagnosticCodes.MissingKey, root.PositionOf("tenant"), "'tenant' is required (tenant: { name: contoso })");
            }

            return (null, root.Start, null);
        }

        var tenant = new MappingReader(node, "tenant", TenantKeys, _diagnostics);
        string? name = null;
        if (tenant["name"] is null)
        {
            _diagnostics.Error(DiagnosticCodes.MissingKey, tenant.PositionOf("name"), "'tenant.name' is required");
        }
        else if (Scalar(tenant["name"], "tenant.name") is { } nameNode)
        {
            name = nameNode.Value;
            if (!Identifiers.IsTenantName(name))
            {
                _diagnostics.Error(DiagnosticCodes.InvalidTenantName, nameNode.Start,
                    $"'tenant.name' is '{Shown(name)}': use 1-{Identifiers.MaxTenantNameLength} of a-z, 0-9 and '-', not starting with '-' (it names the output folder)");
                name = null;
            }
        }

        string? displayName = null;
        if (Scalar(tenant["displayName"], "tenant.displayName") is { } displayNode)
        {
            displayName = displayNode.Value.Trim();
            if (FreeText.Validate(displayName, FreeText.MaxDisplayNameLength) is { } error)
            {
                _diagnostics.Error(DiagnosticCodes.InvalidText, displayNode.Start, $"'tenant.displayName' is refused: {error}");
                displayName = null;
            }
        }

        return (name, tenant.PositionOf("name"), displayName);
    }

    private TrustModelDataPolicy? ReadTrustModelData(YamlNode? node, IReadOnlyList<(string Name, SourceSpan At)> domains)
    {
        var section = Mapping(node, "trustModelData") is { } mapping
            ? new MappingReader(mapping, "trustModelData", TrustKeys, _diagnostics)
            : null;

        var clients = ImmutableArray.Create(TrustClient.Communicator);
        if (section is not null && Sequence(section["clients"], "trustModelData.clients") is { } clientNodes)
        {
            var chosen = new List<TrustClient>();
            foreach (var item in clientNodes.Items)
            {
                var client = ChoiceOf(item, "trustModelData.clients", TrustClient.Names);
                if (client is null)
                {
                    continue;
                }

                if (chosen.Contains(client))
                {
                    _diagnostics.Error(DiagnosticCodes.DuplicateEntry, item.Start, $"client '{client.Id}' is listed twice in 'trustModelData.clients'");
                }
                else
                {
                    chosen.Add(client);
                }
            }

            if (clientNodes.Items.Count == 0)
            {
                _diagnostics.Error(DiagnosticCodes.EmptyList, clientNodes.Start, "'trustModelData.clients' is empty: list at least one of communicator, lync2013, skype2016, or leave the key out");
            }

            clients = [.. chosen.OrderBy(c => c.Order)];
        }

        var existing = section is null ? [] : ReadNameList(section, "existing", required: false, "trustModelData");
        var add = section is null ? [] : ReadNameList(section, "add", required: false, "trustModelData");
        var keepDefaults = section is null || (Bool(section["keepMicrosoftDefaults"], "trustModelData.keepMicrosoftDefaults") ?? true);
        if (!keepDefaults)
        {
            _diagnostics.Warning(DiagnosticCodes.MicrosoftDefaultsDropped, section!.PositionOf("keepMicrosoftDefaults"),
                $"keepMicrosoftDefaults is false: clients will stop trusting {string.Join(", ", TrustListMerger.MicrosoftDefaults)} unless the existing value lists them");
        }

        var domainNames = domains.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, at) in add.Where(a => domainNames.Contains(a.Name)))
        {
            _diagnostics.Warning(DiagnosticCodes.DomainListedTwice, at, $"'{name}' is already in 'domains'; listing it in 'trustModelData.add' changes nothing");
        }

        var value = TrustListMerger.Merge(existing.Select(e => e.Name), keepDefaults, domains.Select(d => d.Name), add.Select(a => a.Name));
        return new TrustModelDataPolicy(clients, [.. existing.Select(e => e.Name)], keepDefaults, [.. add.Select(a => a.Name)], value);
    }

    private ProxyPolicy? ReadProxy(YamlNode? node)
    {
        if (Mapping(node, "proxy") is not { } mapping)
        {
            return new ProxyPolicy(ProxyKind.None, []);
        }

        var section = new MappingReader(mapping, "proxy", ProxyKeys, _diagnostics);
        var kind = section["kind"] is null ? ProxyKind.None : Choice(section["kind"], "proxy.kind", ProxyKindNames.Table);
        if (Sequence(section["applications"], "proxy.applications") is not { } list)
        {
            return kind is { } chosen ? new ProxyPolicy(chosen, chosen == ProxyKind.None ? [] : [ProxyApplication.SeedRule]) : null;
        }

        if (kind == ProxyKind.None)
        {
            _diagnostics.Warning(DiagnosticCodes.SettingHasNoEffect, list.Start, "'proxy.applications' has no effect while 'proxy.kind' is none");
        }

        if (list.Items.Count == 0)
        {
            _diagnostics.Error(DiagnosticCodes.EmptyList, list.Start, "'proxy.applications' is empty: list at least one application, or leave the key out for the seed's msoidsvc rule");
        }

        var applications = new List<ProxyApplication>();
        var firstLine = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in list.Items)
        {
            if (Mapping(item, "proxy.applications[]") is not { } appNode)
            {
                continue;
            }

            var app = new MappingReader(appNode, "proxy.applications[]", ApplicationKeys, _diagnostics);
            var name = ApplicationName(app);
            var disable = app["disable"] is null ? 0 : Choice(app["disable"], "proxy.applications[].disable", ProxyApplication.SwitchValues);
            var disableEx = app["disableEx"] is null ? 0 : Choice(app["disableEx"], "proxy.applications[].disableEx", ProxyApplication.SwitchValues);
            if (name is null || disable is not { } d || disableEx is not { } dx)
            {
                continue;
            }

            if (firstLine.TryGetValue(name, out var line))
            {
                _diagnostics.Error(DiagnosticCodes.DuplicateEntry, app.PositionOf("name"), $"application '{name}' is listed twice (first at line {line}); TMG section names are not case-sensitive");
                continue;
            }

            firstLine[name] = app.PositionOf("name").Line;
            applications.Add(new ProxyApplication(name, d, dx));
        }

        return kind is { } k ? new ProxyPolicy(k, kind == ProxyKind.None ? [] : [.. applications]) : null;
    }

    /// <summary>A TMG client section name is the executable name without ".exe"; "*" may only hold
    /// the DontRemoteOutbound* keys (TMG SDK, IFPCClientSettingsSection::Name), so it is refused here.</summary>
    private string? ApplicationName(MappingReader app)
    {
        if (app["name"] is null)
        {
            _diagnostics.Error(DiagnosticCodes.MissingKey, app.PositionOf("name"), "each entry of 'proxy.applications' needs a 'name' (the executable name without .exe, e.g. msoidsvc)");
            return null;
        }

        if (Scalar(app["name"], "proxy.applications[].name") is not { } node)
        {
            return null;
        }

        var name = node.Value.Trim();
        string? error = null;
        if (name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            error = $"write the executable name without .exe ('{Shown(name[..^4])}')";
        }
        else if (name == "*")
        {
            error = "the '*' section may only hold DontRemoteOutboundTcpPorts/DontRemoteOutboundUdpPorts, not Disable/DisableEx";
        }
        else if (name.Length is 0 or > Identifiers.MaxApplicationNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') || name[0] == '.')
        {
            error = $"use 1-{Identifiers.MaxApplicationNameLength} of A-Z, a-z, 0-9, '_', '-' and '.', not starting with '.'";
        }

        if (error is not null)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidApplicationName, node.Start, $"application name '{Shown(name)}' is refused: {error}");
            return null;
        }

        return name;
    }

    private DnsPolicy? ReadDns(YamlNode? node)
    {
        var section = Mapping(node, "dns") is { } mapping ? new MappingReader(mapping, "dns", DnsKeys, _diagnostics) : null;
        var profile = section?["profile"] is null ? DnsProfile.Troubleshooting : Choice(section["profile"], "dns.profile", DnsProfileNames.Table);
        var cloud = section?["cloud"] is null ? DnsCloud.Worldwide : Choice(section["cloud"], "dns.cloud", DnsCloudNames.Table);
        var ttl = section?["ttl"] is null ? DnsPolicy.DefaultTtl : Int(section["ttl"], "dns.ttl", 1, int.MaxValue);
        var lyncdiscover = section?["lyncdiscover"] is null || (Bool(section["lyncdiscover"], "dns.lyncdiscover") ?? true);
        string? sipTarget = null;
        if (section?["sipTarget"] is { } sipNode && Scalar(sipNode, "dns.sipTarget") is { } sipScalar)
        {
            sipTarget = Name(sipScalar, "dns.sipTarget");
        }

        if (profile is not { } p || cloud is not { } c || ttl is not { } t || (section?["sipTarget"] is not null && sipTarget is null))
        {
            return null;
        }

        if (t < LowTtlWarning)
        {
            _diagnostics.Warning(DiagnosticCodes.LowTtl, section!.PositionOf("ttl"), $"a TTL of {t} s is low; Microsoft documents 3600");
        }

        if (p == DnsProfile.TeamsOnly && sipTarget is not null)
        {
            _diagnostics.Warning(DiagnosticCodes.SettingHasNoEffect, section!.PositionOf("sipTarget"), "'dns.sipTarget' has no effect with the teams-only profile (it publishes no sip record)");
        }

        if (p == DnsProfile.Troubleshooting && section?["cloud"] is not null)
        {
            _diagnostics.Warning(DiagnosticCodes.SettingHasNoEffect, section.PositionOf("cloud"), "'dns.cloud' has no effect with the troubleshooting profile: its sip target is the article's value unless 'dns.sipTarget' sets one");
        }

        // DOMAIN.md section 6: for hybrid tenants the public lyncdiscover record changes how Microsoft
        // provisions the tenant, so publishing it must be a choice someone wrote down.
        if (p == DnsProfile.SkypeOnline && section!["lyncdiscover"] is null)
        {
            _diagnostics.Warning(DiagnosticCodes.ImplicitLyncdiscover, section.PositionOf("profile"),
                "the skype-online profile publishes lyncdiscover by default; in a hybrid deployment that record changes how Microsoft provisions the tenant: set 'dns.lyncdiscover' to true or false");
        }

        if (p != DnsProfile.SkypeOnline && section?["lyncdiscover"] is not null)
        {
            _diagnostics.Warning(DiagnosticCodes.SettingHasNoEffect, section.PositionOf("lyncdiscover"), "'dns.lyncdiscover' only applies to the skype-online profile");
        }

        var sip = sipTarget ?? (p == DnsProfile.Troubleshooting ? DnsCloudTargets.SeedSipTarget : DnsCloudTargets.For(c).SipDir);
        return new DnsPolicy(p, c, t, sip, lyncdiscover, DnsRecordSet.For(p, c, t, sip, lyncdiscover));
    }

    /// <summary>gpo.name: free text that reaches a PowerShell string, so the free-text rules apply.</summary>
    private string? ReadGpoName(YamlNode? node)
    {
        if (Mapping(node, "gpo") is not { } mapping || Scalar(new MappingReader(mapping, "gpo", GpoKeys, _diagnostics)["name"], "gpo.name") is not { } nameNode)
        {
            return null;
        }

        var name = nameNode.Value.Trim();
        if (FreeText.Validate(name, GpoPolicy.MaxNameLength) is { } error)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidText, nameNode.Start, $"'gpo.name' is refused: {error}");
            return null;
        }

        return name;
    }

    private AdmxPolicy? ReadAdmx(YamlNode? node, string? tenant)
    {
        var section = Mapping(node, "admx") is { } mapping ? new MappingReader(mapping, "admx", AdmxKeys, _diagnostics) : null;
        var ns = Identifier(section, "namespace", Identifiers.IsAdmxNamespace, $"use letters, digits, '.', '_' and '-', starting with a letter, at most {Identifiers.MaxAdmxNamespaceLength} characters, and not a Microsoft namespace");
        var prefix = Identifier(section, "prefix", Identifiers.IsAdmxPrefix, $"use 1-{Identifiers.MaxAdmxPrefixLength} of A-Z, a-z, 0-9 and '_', starting with a letter (the ADMX schema's itemName)");

        var languages = new List<string>();
        if (section is not null && Sequence(section["languages"], "admx.languages") is { } list)
        {
            foreach (var item in list.Items)
            {
                if (ChoiceOf(item, "admx.languages", Languages.Names) is not { } language)
                {
                    continue;
                }

                if (languages.Contains(language))
                {
                    _diagnostics.Error(DiagnosticCodes.DuplicateEntry, item.Start, $"language '{language}' is listed twice in 'admx.languages'");
                }
                else
                {
                    languages.Add(language);
                }
            }

            if (list.Items.Count == 0)
            {
                _diagnostics.Error(DiagnosticCodes.EmptyList, list.Start, $"'admx.languages' is empty: list at least one of {string.Join(", ", Languages.Supported)}");
            }
            else if (languages.Count == list.Items.Count && !languages.Contains(Languages.English))
            {
                _diagnostics.Warning(DiagnosticCodes.NoEnglishResources, list.Start, "no en-US resources: the Group Policy editor falls back to en-US (fallbackCulture) when the admin's language is missing");
            }
        }
        else
        {
            languages.AddRange(Languages.Supported);
        }

        if (tenant is null || (section?["namespace"] is not null && ns is null) || (section?["prefix"] is not null && prefix is null))
        {
            return null;
        }

        return new AdmxPolicy(
            ns ?? $"SfbPolicyGen.Tenants.{tenant}",
            prefix ?? $"sfb_{tenant.Replace('-', '_')}",
            [.. languages.Order(StringComparer.Ordinal)],
            $"SfbPolicyGen-{tenant}");
    }

    private string? Identifier(MappingReader? section, string key, Func<string, bool> isValid, string rule)
    {
        if (section is null || Scalar(section[key], $"admx.{key}") is not { } node)
        {
            return null;
        }

        if (!isValid(node.Value))
        {
            _diagnostics.Error(DiagnosticCodes.InvalidAdmxIdentifier, node.Start, $"'admx.{key}' is '{Shown(node.Value)}': {rule}");
            return null;
        }

        return node.Value;
    }

    /// <summary>A list of host names, each normalised; two entries that normalise alike are an error.</summary>
    private List<(string Name, SourceSpan At)> ReadNameList(MappingReader section, string key, bool required, string parent = "")
    {
        var path = MappingReader.Join(parent, key);
        var result = new List<(string Name, SourceSpan At)>();
        if (section[key] is null)
        {
            if (required)
            {
                _diagnostics.Error(DiagnosticCodes.MissingKey, section.PositionOf(key), $"'{path}' is required: list the tenant's SIP domains (domains: [contoso.com])");
            }

            return result;
        }

        if (Sequence(section[key], path) is not { } list)
        {
            return result;
        }

        if (required && list.Items.Count == 0)
        {
            _diagnostics.Error(DiagnosticCodes.EmptyList, list.Start, $"'{path}' is empty: list at least one domain");
        }

        var firstAt = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            if (Scalar(item, $"{path}[]") is not { } scalar || Name(scalar, path) is not { } name)
            {
                continue;
            }

            if (!firstAt.TryAdd(name, scalar.Start))
            {
                _diagnostics.Error(DiagnosticCodes.DuplicateEntry, scalar.Start,
                    $"'{Shown(scalar.Value)}' is listed twice in '{path}' (as '{name}', first at line {firstAt[name].Line})");
                continue;
            }

            result.Add((name, scalar.Start));
        }

        return result;
    }

    private string? Name(YamlScalar scalar, string path)
    {
        var name = DomainName.Normalize(scalar.Value, out var error);
        if (name is null)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidDomainName, scalar.Start, $"'{Shown(scalar.Value)}' in '{path}' is not a valid domain name: {error}");
        }

        return name;
    }

    private YamlMapping? Mapping(YamlNode? node, string path) => Expect<YamlMapping>(node, path, "a mapping");

    private YamlSequence? Sequence(YamlNode? node, string path) => Expect<YamlSequence>(node, path, "a list");

    private YamlScalar? Scalar(YamlNode? node, string path)
    {
        var scalar = Expect<YamlScalar>(node, path, "a value");
        return scalar is { IsNull: true } ? null : scalar;
    }

    private T? Expect<T>(YamlNode? node, string path, string expected)
        where T : YamlNode
    {
        if (node is null or YamlScalar { IsNull: true })
        {
            return null;
        }

        if (node is T typed)
        {
            return typed;
        }

        _diagnostics.Error(DiagnosticCodes.WrongType, node.Start, $"'{path}' must be {expected}, found {node.KindName}");
        return null;
    }

    private T? Choice<T>(YamlNode? node, string path, NameTable<T> choices)
        where T : struct =>
        ChoiceIndex(node, path, choices.Names) is { } i ? choices.Values[i] : null;

    private T? ChoiceOf<T>(YamlNode? node, string path, NameTable<T> choices)
        where T : class =>
        ChoiceIndex(node, path, choices.Names) is { } i ? choices.Values[i] : null;

    private int? ChoiceIndex(YamlNode? node, string path, IReadOnlyList<string> names)
    {
        if (Scalar(node, path) is not { } scalar)
        {
            return null;
        }

        var index = names.ToList().IndexOf(scalar.Value);
        if (index < 0)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidChoice, scalar.Start,
                $"'{Shown(scalar.Value)}' is not a valid '{path}'{Suggestions.DidYouMean(scalar.Value, names)} (one of: {string.Join(", ", names)})");
            return null;
        }

        return index;
    }

    private int? Int(YamlNode? node, string path, int min, int max)
    {
        if (Scalar(node, path) is not { } scalar)
        {
            return null;
        }

        if (!scalar.IsPlain || scalar.Value.Length == 0 || !scalar.Value.All(char.IsAsciiDigit) || !int.TryParse(scalar.Value, out var value) || value < min || value > max)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidNumber, scalar.Start, $"'{path}' must be a whole number from {min} to {max} (seconds, no unit), found '{Shown(scalar.Value)}'");
            return null;
        }

        return value;
    }

    private bool? Bool(YamlNode? node, string path)
    {
        if (Scalar(node, path) is not { } scalar)
        {
            return null;
        }

        if (scalar.IsPlain && scalar.Value is "true" or "True" or "TRUE")
        {
            return true;
        }

        if (scalar.IsPlain && scalar.Value is "false" or "False" or "FALSE")
        {
            return false;
        }

        _diagnostics.Error(DiagnosticCodes.WrongType, scalar.Start, $"'{path}' must be true or false, found '{Shown(scalar.Value)}'");
        return null;
    }

    /// <summary>A value quoted back in a message: control characters made visible, long values cut.</summary>
    private static string Shown(string value)
    {
        var visible = string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        return visible.Length > 80 ? visible[..77] + "..." : visible;
    }
}
