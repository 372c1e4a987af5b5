using System.Globalization;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Plan;

/// <summary>What a plan line is about.</summary>
public enum PlanArea
{
    /// <summary>An entry of a client's TrustModelData (GPO, .reg, Registry.pol).</summary>
    TrustModelData,

    /// <summary>A record of a domain (zone snippet, DNS Server script).</summary>
    Dns,

    /// <summary>A key of a TMG client section.</summary>
    Tmg,

    /// <summary>A client's policy in the ADMX.</summary>
    Admx,

    /// <summary>A user the LDIF enables.</summary>
    ActiveDirectory,

    /// <summary>A retired domain or client: what the scripts take away.</summary>
    Retired,

    /// <summary>What stays deployed on purpose: nothing proves this tool put it there.</summary>
    LeftInPlace,

    /// <summary>A SIP domain that moves between two tenants: its records stay, and change hands.</summary>
    Moved,

    /// <summary>A file of the output folder.</summary>
    Files,
}

public enum PlanAction
{
    Add,
    Remove,
    Change,
    Keep,
}

/// <summary>One change, in fields a program can read (plan --format json) and in the domain's words a
/// reviewer reads (<see cref="AreaText"/>: <see cref="Text"/>, e.g. <c>TrustModelData (skype2016): + contoso.de</c>).
/// Which fields are set depends on the area: Client and Entry for TrustModelData, Domain and Record (and
/// From/To for a TTL) for DNS, Application, Key and From/To for TMG, Client for ADMX, Entry (a DN) for
/// Active Directory, Domain or Client for Retired and Left in place, Path for Files.</summary>
public sealed record PlanChange(string Tenant, PlanArea Area, PlanAction Action)
{
    public string? Client { get; init; }

    public string? Domain { get; init; }

    /// <summary>A trusted domain, a distinguished name, or the new order of a value (joined by ',').</summary>
    public string? Entry { get; init; }

    public RecordFact? Record { get; init; }

    public string? Application { get; init; }

    public string? Key { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public string? Path { get; init; }

    /// <summary>What changes, as the text plan prints it: "TrustModelData (skype2016)", "DNS contoso.com", "TMG"...</summary>
    public string AreaText => Area switch
    {
        PlanArea.TrustModelData => Client is null ? "TrustModelData" : $"TrustModelData ({Client})",
        PlanArea.Dns => $"DNS {Domain}",
        PlanArea.Tmg => "TMG",
        PlanArea.Admx => "ADMX",
        PlanArea.ActiveDirectory => "Active Directory",
        PlanArea.Retired => "Retired",
        PlanArea.LeftInPlace => "Left in place",
        PlanArea.Moved => "Moved",
        PlanArea.Files => "Files",
    };

    /// <summary>The change in the domain's words, after the area.</summary>
    public string Text => (Area, Action) switch
    {
        (PlanArea.TrustModelData, PlanAction.Change) => $"~ order: {Entry}",
        (PlanArea.TrustModelData, _) => $"{Sign} {Entry}",
        (PlanArea.Dns, PlanAction.Change) => string.Create(CultureInfo.InvariantCulture, $"~ {Record!.Key}: TTL {From} → {To}"),
        (PlanArea.Dns, _) => $"{Sign} {Record!.Key}",
        (PlanArea.Tmg, PlanAction.Change) => $"{Application} {Key} {From} → {To}",
        (PlanArea.Tmg, PlanAction.Add) => $"+ {Application} {Key} {To}",
        (PlanArea.Tmg, _) => $"- {Application} {Key} {From}",
        (PlanArea.Admx, PlanAction.Add) => $"new policy for {Client}",
        (PlanArea.Admx, _) => $"policy removed for {Client}",
        (PlanArea.ActiveDirectory, PlanAction.Add) => $"+ msRTCSIP-UserEnabled TRUE for {Entry}",
        (PlanArea.ActiveDirectory, _) => $"- no longer set for {Entry}",
        (PlanArea.Retired, PlanAction.Add) when Domain is not null => $"+ domain {Domain}: the appender removes it from each computer's TrustModelData; the DNS files remove its records that point to Microsoft",
        (PlanArea.Retired, PlanAction.Add) => $"+ client {Client}: the .reg file and Registry.pol delete its TrustModelData; the appender removes this tenant's entries from it",
        (PlanArea.Retired, _) => Domain is not null ? $"- domain {Domain}: no longer retired" : $"- client {Client}: no longer retired",
        (PlanArea.LeftInPlace, _) when Domain is not null => $"DNS {Domain}: its records stay published (not in retired.domains)",
        (PlanArea.LeftInPlace, _) when Entry is not null => $"TrustModelData: {Entry} stays on computers the appender updated (not in retired.domains)",
        (PlanArea.LeftInPlace, _) when Client is not null => $"TrustModelData ({Client}): the GPO script removes it from its GPO; computers that imported the .reg file or ran the appender keep it (not in retired.clients)",
        (PlanArea.LeftInPlace, _) => "what this tenant's artifacts deployed stays: retire its domains and clients and deploy before removing its policy file",
        (PlanArea.Moved, PlanAction.Add) => $"{Domain} from tenant {From}: its DNS records stay and are this tenant's now",
        (PlanArea.Moved, _) => $"{Domain} to tenant {To}: its DNS records stay, that tenant's now",
        (PlanArea.Files, _) => $"{Sign} {Path}",
    };

    private string Sign => Action switch
    {
        PlanAction.Add => "+",
        PlanAction.Remove => "-",
        PlanAction.Change => "~",
        PlanAction.Keep => "=",
    };

    /// <summary>The name of the area in JSON.</summary>
    public string AreaName => Area switch
    {
        PlanArea.TrustModelData => "trustModelData",
        PlanArea.Dns => "dns",
        PlanArea.Tmg => "tmg",
        PlanArea.Admx => "admx",
        PlanArea.ActiveDirectory => "activeDirectory",
        PlanArea.Retired => "retired",
        PlanArea.LeftInPlace => "leftInPlace",
        PlanArea.Moved => "moved",
        PlanArea.Files => "files",
    };

    public string ActionName => Action switch
    {
        PlanAction.Add => "add",
        PlanAction.Remove => "remove",
        PlanAction.Change => "change",
        PlanAction.Keep => "keep",
    };
}
