using SfbPolicyGen.Concerns.Proxy;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>proxy: the gateway in front of the clients, and the TMG client rules that let the Sign-in
/// Assistant through it ("Sign-in address not found").</summary>
public static partial class PolicyLoader
{
    private static ProxySection ReadProxy(SectionReader root)
    {
        var proxy = root.Section(ProxyKeys.Proxy);
        var applications = proxy.UniqueList(
            "applications",
            ReadApplication,
            keyOf: application => application.Name,
            StringComparer.OrdinalIgnoreCase,
            listedTwice: (_, application, first) => $"application '{application.Name}' is listed twice (first at line {first.Line}); TMG section names are not case-sensitive",
            ifEmpty: "list at least one application, or leave the key out for the seed's msoidsvc rule");
        return new ProxySection(proxy.Choice("kind", ProxyKindNames.Table), applications);
    }

    /// <summary>One entry of proxy.applications, placed at its name: a duplicate is pointed there.</summary>
    private static Field<ProxyApplication> ReadApplication(ValueReader entry)
    {
        var application = entry.Section(ProxyKeys.Application.Names);
        if (application.State != FieldState.Valid)
        {
            return new(application.State, null!, entry.At);
        }

        application.Require("each entry of 'proxy.applications' needs a 'name' (the executable name without .exe, e.g. msoidsvc)", "name");
        var name = ApplicationName(application["name"]);
        var disable = application.Choice("disable", ProxyApplication.SwitchValues);
        var disableEx = application.Choice("disableEx", ProxyApplication.SwitchValues);
        return name.IsValid && !disable.IsInvalid && !disableEx.IsInvalid
            ? Field.Valid(new ProxyApplication(name.Value, disable.Or(0), disableEx.Or(0)), name.At)
            : Field.Invalid<ProxyApplication>(name.At);
    }

    /// <summary>SFB027: a TMG client section name is the executable name without ".exe"; "*" may only
    /// hold the DontRemoteOutbound* keys (TMG SDK, IFPCClientSettingsSection::Name), so it is refused.</summary>
    private static Field<string> ApplicationName(ValueReader value) => value.Scalar().Then(raw =>
    {
        var name = raw.Trim();
        var error = name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? $"write the executable name without .exe ('{FreeText.Shown(name[..^4])}')"
            : name == "*" ? "the '*' section may only hold DontRemoteOutboundTcpPorts/DontRemoteOutboundUdpPorts, not Disable/DisableEx"
            : name.Length is 0 or > Identifiers.MaxApplicationNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') || name[0] == '.'
                ? $"use 1-{Identifiers.MaxApplicationNameLength} of A-Z, a-z, 0-9, '_', '-' and '.', not starting with '.'"
            : null;
        return error is null
            ? Field.Valid(name, value.At)
            : value.Refuse<string>(DiagnosticCodes.InvalidApplicationName, $"application name '{FreeText.Shown(name)}' is refused: {error}");
    });
}

internal sealed record ProxySection(Field<ProxyKind> Kind, ListField<ProxyApplication> Applications)
{
    public ProxyKind KindOrDefault => Kind.Or(ProxyKind.None);

    /// <summary>Without applications, a proxy other than none gets the seed article's msoidsvc rule.</summary>
    public ProxyPolicy ToPolicy() => KindOrDefault == ProxyKind.None
        ? new ProxyPolicy(ProxyKind.None, [])
        : new ProxyPolicy(KindOrDefault, Applications.IsWritten ? [.. Applications.Values] : [ProxyApplication.SeedRule]);
}
