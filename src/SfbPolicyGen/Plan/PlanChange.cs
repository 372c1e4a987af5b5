using System.Globalization;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Plan;

/// <summary>What a plan line is about.</summary>
public enum PlanArea
{
    /// <summary>A client's TrustModelData: an entry of its value (the GPO, the .reg file, Registry.pol, the
    /// appender), or the whole value the GPO script removes.</summary>
    TrustModelData,

    /// <summary>The GPO the GPO script creates or updates (gpo.name).</summary>
    Gpo,

    /// <summary>A record of a domain (zone snippet, RFC 2136 messages, DNS Server script), or a name of
    /// dns.manage.</summary>
    Dns,

    /// <summary>A key of a TMG client section (the TMG script).</summary>
    Tmg,

    /// <summary>A client's policy in the ADMX.</summary>
    Admx,

    /// <summary>A user, or the search, the AD script (and for a DN the LDIF) SIP-enables.</summary>
    ActiveDirectory,

    /// <summary>A retired domain or client: what the scripts take away.</summary>
    Retired,

    /// <summary>A SIP domain that moves between two tenants: its records stay, and change hands.</summary>
    Moved,

    /// <summary>The tenant as a whole: a tenant --prune removes from the folder.</summary>
    Tenant,

    /// <summary>A file of the output folder.</summary>
    Files,

    /// <summary>A fact of a concern that says its changes in its own words (<see cref="PlanChange.Own"/>).</summary>
    Concern,
}

public static class PlanAreaNames
{
    /// <summary>The area as plan prints it, before the client or domain a line may add; a concern's area
    /// is named by its own line (<see cref="PlanChange.Own"/>), never here.</summary>
    public static string Name(this PlanArea area) => area switch
    {
        PlanArea.TrustModelData => "TrustModelData",
        PlanArea.Gpo => "GPO",
        PlanArea.Dns => "DNS",
        PlanArea.Tmg => "TMG",
        PlanArea.Admx => "ADMX",
        PlanArea.ActiveDirectory => "Active Directory",
        PlanArea.Retired => "Retired",
        PlanArea.Moved => "Moved",
        PlanArea.Tenant => "Tenant",
        PlanArea.Files => "Files",
        PlanArea.Concern => throw new ArgumentOutOfRangeException(nameof(area), "a concern's area is named by its line"),
    };
}

public enum PlanAction
{
    Add,
    Remove,
    Change,

    /// <summary>Left in place: what was deployed stays, since no artifact takes it away (nothing proves this
    /// tool put it there, or no artifact can undo it); the line says why, and what to do by hand.</summary>
    Keep,
}

/// <summary>One change, in fields a program can read (plan --format json) and in the domain's words a
/// reviewer reads (<see cref="AreaText"/>: <see cref="Text"/>, e.g. <c>TrustModelData (skype2016): + contoso.de</c>).
/// Which fields are set depends on the area: Client and Entry for TrustModelData (Client and Gpo for a value
/// the GPO script removes), Gpo (and To, the GPO now used) for GPO, Domain and Record (and From/To for a TTL)
/// or ManagedName for DNS, Application, Key and From/To for TMG, Client for ADMX, User and UserKind or
/// SearchBase and Filter for Active Directory, Domain or Client for Retired, Path for Files. A line of
/// <see cref="PlanAction.Keep"/> is printed under "Left in place", whatever its area.</summary>
public sealed record PlanChange(string Tenant, PlanArea Area, PlanAction Action)
{
    public string? Client { get; init; }

    public string? Domain { get; init; }

    /// <summary>A trusted domain, or the new order of a value (joined by ',').</summary>
    public string? Entry { get; init; }

    public RecordFact? Record { get; init; }

    /// <summary>An entry of dns.manage as the policy writes it: <c>sip</c> (every domain) or <c>sip.contoso.com</c>.</summary>
    public string? ManagedName { get; init; }

    public string? Application { get; init; }

    public string? Key { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    /// <summary>A GPO's display name.</summary>
    public string? Gpo { get; init; }

    /// <summary>A user of activeDirectory.users, as the policy names it.</summary>
    public string? User { get; init; }

    public DirectoryUserKind? UserKind { get; init; }

    public string? SearchBase { get; init; }

    public string? Filter { get; init; }

    public string? Path { get; init; }

    /// <summary>For <see cref="PlanArea.Concern"/>: the area and the change as the concern's fact kind says them.</summary>
    public ConcernLine? Own { get; init; }

    /// <summary>What changes, as the text plan prints it: "TrustModelData (skype2016)", "DNS contoso.com", "TMG",
    /// or "Left in place" for a line of <see cref="PlanAction.Keep"/>.</summary>
    public string AreaText => Action == PlanAction.Keep ? "Left in place" : OwnAreaText;

    private string OwnAreaText => Area switch
    {
        PlanArea.TrustModelData when Client is not null => $"{Area.Name()} ({Client})",
        PlanArea.Dns when Domain is not null => $"{Area.Name()} {Domain}",
        PlanArea.Concern => Own!.AreaText,
        _ => Area.Name(),
    };

    /// <summary>The change in the domain's words, after the area; each says what carries it out, and a line
    /// left in place says why nothing does (README, "plan").</summary>
    public string Text => (Area, Action) switch
    {
        (PlanArea.TrustModelData, PlanAction.Change) => $"~ order: {Entry}",
        (PlanArea.TrustModelData, PlanAction.Remove) when Entry is null => $"- its value: the GPO script removes it from GPO '{Gpo}' (computers under that GPO drop it at their next refresh)",
        (PlanArea.TrustModelData, PlanAction.Keep) when Entry is not null => $"{OwnAreaText}: {Entry} stays on computers the appender updated (not in retired.domains)",
        (PlanArea.TrustModelData, PlanAction.Keep) => $"{OwnAreaText}: computers that imported the .reg file or ran the appender keep its value (not in retired.clients)",
        (PlanArea.TrustModelData, _) => $"{Sign} {Entry}",
        (PlanArea.Gpo, PlanAction.Keep) => $"GPO '{Gpo}' keeps its TrustModelData values and its links: the GPO script now changes GPO '{To}' only; unlink or delete '{Gpo}' by hand",
        (PlanArea.Gpo, _) => $"{Sign} '{Gpo}': the GPO script creates it, or updates it if it exists, and sets each listed client's TrustModelData there",
        (PlanArea.Dns, PlanAction.Change) => string.Create(CultureInfo.InvariantCulture, $"~ {Record!.Key}: TTL {From} → {To}"),
        (PlanArea.Dns, _) when ManagedName is not null => $"{Sign} dns.manage {ManagedName}: Microsoft's records there that the profile does not want are the tool's, and the DNS files replace or remove them",
        (PlanArea.Dns, PlanAction.Keep) when Record is not null => $"{OwnAreaText}: {Record.Key} stays: dns.keep leaves {Record.Name} as it is",
        (PlanArea.Dns, PlanAction.Keep) => $"{OwnAreaText}: its records stay published (not in retired.domains)",
        (PlanArea.Dns, _) => $"{Sign} {Record!.Key}",
        (PlanArea.Tmg, PlanAction.Change) => $"{Application} {Key} {From} → {To}",
        (PlanArea.Tmg, PlanAction.Add) => $"+ {Application} {Key} {To}",
        (PlanArea.Tmg, PlanAction.Keep) => $"TMG: {Application} {Key} {From} stays on the TMG array: the TMG script sets keys and removes none (remove it in TMG Management if it must go)",
        (PlanArea.Tmg, _) => $"- {Application} {Key} {From}",
        (PlanArea.Admx, PlanAction.Add) => $"new policy for {Client}",
        (PlanArea.Admx, _) => $"policy removed for {Client}",
        (PlanArea.ActiveDirectory, PlanAction.Keep) when SearchBase is not null => $"Active Directory: the users under {SearchBase} that {Filter} selected stay SIP-enabled: no artifact sets msRTCSIP-UserEnabled FALSE",
        (PlanArea.ActiveDirectory, PlanAction.Keep) => $"Active Directory: {User} ({UserKindText}) stays SIP-enabled: no artifact sets msRTCSIP-UserEnabled FALSE",
        (PlanArea.ActiveDirectory, _) when SearchBase is not null => $"{Sign} msRTCSIP-UserEnabled TRUE for the users under {SearchBase} that {Filter} selects",
        (PlanArea.ActiveDirectory, _) when UserKind == DirectoryUserKind.DistinguishedName => $"{Sign} msRTCSIP-UserEnabled TRUE for {User} ({UserKindText}; the LDIF too)",
        (PlanArea.ActiveDirectory, _) => $"{Sign} msRTCSIP-UserEnabled TRUE for {User} ({UserKindText})",
        (PlanArea.Retired, PlanAction.Keep) when Domain is not null => $"retired.domains no longer lists {Domain}: the appender and the DNS files stop taking it away; nothing they took comes back by itself",
        (PlanArea.Retired, PlanAction.Keep) => $"retired.clients no longer lists {Client}: the .reg file, Registry.pol and the appender stop taking its TrustModelData away; nothing they took comes back by itself",
        (PlanArea.Retired, _) when Domain is not null => $"{Sign} domain {Domain}: the appender removes it from each computer's TrustModelData; the DNS files remove its records that point to Microsoft",
        (PlanArea.Retired, _) => $"{Sign} client {Client}: the .reg file and Registry.pol delete its TrustModelData; the appender removes this tenant's entries from it",
        (PlanArea.Moved, PlanAction.Add) => $"{Domain} from tenant {From}: its DNS records stay and are this tenant's now",
        (PlanArea.Moved, _) => $"{Domain} to tenant {To}: its DNS records stay, that tenant's now",
        (PlanArea.Tenant, PlanAction.Add) => $"renamed from tenant {From} (the same domains): what it deployed is this tenant's now, compared below; --prune removes its folder {From}/",
        (PlanArea.Tenant, PlanAction.Remove) => $"renamed to tenant {To}: what it deployed is that tenant's now",
        (PlanArea.Tenant, PlanAction.Change) => $"central store: delete {From}.admx and its .adml files, then copy {To}.admx and its .adml files (a store holds one file per namespace; the Group Policy editor refuses two)",
        (PlanArea.Tenant, _) => "what this tenant's artifacts deployed stays: retire its domains and clients and deploy before removing its policy file",
        (PlanArea.Files, _) => $"{Sign} {Path}",
        (PlanArea.Concern, _) => Own!.Text,
    };

    private string Sign => Action switch
    {
        PlanAction.Add => "+",
        PlanAction.Remove => "-",
        PlanAction.Change => "~",
        PlanAction.Keep => "=",
    };

    /// <summary>How the policy names a user.</summary>
    private string UserKindText => UserKind switch
    {
        DirectoryUserKind.UserPrincipalName => "user principal name",
        DirectoryUserKind.SamAccountName => "sAMAccountName",
        DirectoryUserKind.DistinguishedName => "distinguished name",
        null => "",
    };

    /// <summary>The name of the area in JSON: "leftInPlace" for a line of <see cref="PlanAction.Keep"/>,
    /// whose own area is <see cref="OfName"/>.</summary>
    public string AreaName => Action == PlanAction.Keep ? "leftInPlace" : Name(Area);

    /// <summary>The area of what is left in place (JSON "of"); null for any other line.</summary>
    public string? OfName => Action == PlanAction.Keep ? Name(Area) : null;

    /// <summary>JSON "userKind".</summary>
    public string? UserKindName => UserKind switch
    {
        DirectoryUserKind.UserPrincipalName => "userPrincipalName",
        DirectoryUserKind.SamAccountName => "samAccountName",
        DirectoryUserKind.DistinguishedName => "distinguishedName",
        null => null,
    };

    public string ActionName => Action switch
    {
        PlanAction.Add => "add",
        PlanAction.Remove => "remove",
        PlanAction.Change => "change",
        PlanAction.Keep => "keep",
    };

    private string Name(PlanArea area) => area switch
    {
        PlanArea.TrustModelData => "trustModelData",
        PlanArea.Gpo => "gpo",
        PlanArea.Dns => "dns",
        PlanArea.Tmg => "tmg",
        PlanArea.Admx => "admx",
        PlanArea.ActiveDirectory => "activeDirectory",
        PlanArea.Retired => "retired",
        PlanArea.Moved => "moved",
        PlanArea.Tenant => "tenant",
        PlanArea.Files => "files",
        PlanArea.Concern => Own!.AreaName,
    };
}

/// <summary>A plan line in a concern's own words: its area's JSON name (<c>"greeting"</c>), the area as the
/// text plan prints it, and the change after the area (a sign first: <c>+ hello</c>).</summary>
public sealed record ConcernLine(string AreaName, string AreaText, string Text);
