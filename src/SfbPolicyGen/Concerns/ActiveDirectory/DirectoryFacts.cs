using System.Text;
using System.Text.Json;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Plan;

namespace SfbPolicyGen.Concerns.ActiveDirectory;

/// <summary>The search the AD script runs besides its listed users: every user under
/// <paramref name="SearchBase"/> that <paramref name="Filter"/> selects (activeDirectory.searchBase and .filter).</summary>
public sealed record DirectorySearchFact(string SearchBase, string Filter);

/// <summary>The Active Directory facts (docs/ACTIVE-DIRECTORY.md): the users the AD script (and for a DN
/// the LDIF) SIP-enables, and its search. The AD script sets msRTCSIP-UserEnabled TRUE for each listed user
/// and each user its search selects, and sets it FALSE for no one: a user or a search dropped from the
/// policy stays SIP-enabled. Users, DNs and search bases compare without case, as Active Directory
/// compares them. Three facts, three properties of the manifest, as manifests have always had them.</summary>
public static class DirectoryFacts
{
    /// <summary>The users given by distinguished name, whom the AD script and the LDIF set
    /// msRTCSIP-UserEnabled for, in the policy's order; read back from the LDIF.</summary>
    public static readonly Users DistinguishedNames = new("activeDirectory", tenant => tenant.ActiveDirectory?.DistinguishedNames ?? [], ActiveDirectoryKinds.Ldif, LdifNames);

    /// <summary>The users the AD script finds by user principal name or sAMAccountName, in the policy's
    /// order; read back from the AD script.</summary>
    public static readonly Users ByName = new(
        "activeDirectoryUsers",
        tenant => tenant.ActiveDirectory?.Users.Where(u => u.Kind != DirectoryUserKind.DistinguishedName).Select(u => u.Value) ?? [],
        ActiveDirectoryKinds.ActiveDirectoryScript,
        script => ScriptLines(script).Users);

    public static readonly SearchFacts Search = new();

    /// <summary>Users as a list of names, each added or left in place.</summary>
    public sealed class Users(string name, Func<TenantPolicy, IEnumerable<string>> from, ArtifactKind heldIn, Func<byte[], IEnumerable<string>> readBack) : FactKind<NameList>(name)
    {
        public override System.Collections.Immutable.ImmutableArray<ArtifactKind> HeldIn => [heldIn];

        public override NameList? From(TenantPolicy tenant) => NameList.Of(from(tenant));

        public override void Write(Utf8JsonWriter json, NameList fact) => fact.Write(json);

        public override NameList Read(JsonElement json) => NameList.Read(json);

        public override NameList? ReadBack(ArtifactKind kind, byte[] bytes) => NameList.Of(readBack(bytes));

        public override IEnumerable<PlanChange> Changes(string tenant, NameList? before, NameList? after)
        {
            var old = before?.Names ?? [];
            var now = after?.Names ?? [];
            PlanChange User(PlanAction action, string user) =>
                new(tenant, PlanArea.ActiveDirectory, action) { User = user, UserKind = DirectoryNames.Classify(user) };
            return now.Except(old, StringComparer.OrdinalIgnoreCase).Select(u => User(PlanAction.Add, u))
                .Concat(old.Except(now, StringComparer.OrdinalIgnoreCase).Select(u => User(PlanAction.Keep, u)));
        }
    }

    /// <summary>The AD script's search, added or left in place when it changes.</summary>
    public sealed class SearchFacts() : FactKind<DirectorySearchFact>("activeDirectorySearch")
    {
        public override System.Collections.Immutable.ImmutableArray<ArtifactKind> HeldIn => [ActiveDirectoryKinds.ActiveDirectoryScript];

        public override DirectorySearchFact? From(TenantPolicy tenant) =>
            tenant.ActiveDirectory is { SearchBase: { } searchBase } directory ? new DirectorySearchFact(searchBase, directory.Filter) : null;

        public override void Write(Utf8JsonWriter json, DirectorySearchFact fact)
        {
            json.WriteStartObject();
            json.WriteString("base", fact.SearchBase);
            json.WriteString("filter", fact.Filter);
            json.WriteEndObject();
        }

        public override DirectorySearchFact Read(JsonElement json) => new(Text(json, "base"), Text(json, "filter"));

        public override DirectorySearchFact? ReadBack(ArtifactKind kind, byte[] bytes) => ScriptLines(bytes).Search;

        public override IEnumerable<PlanChange> Changes(string tenant, DirectorySearchFact? before, DirectorySearchFact? after)
        {
            if (string.Equals(before?.SearchBase, after?.SearchBase, StringComparison.OrdinalIgnoreCase) && before?.Filter == after?.Filter)
            {
                yield break;
            }

            PlanChange Search(PlanAction action, DirectorySearchFact search) =>
                new(tenant, PlanArea.ActiveDirectory, action) { SearchBase = search.SearchBase, Filter = search.Filter };
            if (after is not null)
            {
                yield return Search(PlanAction.Add, after);
            }

            if (before is not null)
            {
                yield return Search(PlanAction.Keep, before);
            }
        }

        private static string Text(JsonElement json, string name) =>
            json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new FormatException($"the search has no {name}");
    }

    /// <summary>The distinguished names an LDIF file modifies ("dn:" or base64 "dn::").</summary>
    private static List<string> LdifNames(byte[] ldif)
    {
        var result = new List<string>();
        foreach (var line in ActiveDirectoryKinds.Ldif.Format.Decode(ldif).Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith("dn:: ", StringComparison.Ordinal))
            {
                try
                {
                    result.Add(Encoding.UTF8.GetString(Convert.FromBase64String(line[5..])));
                }
                catch (FormatException)
                {
                    result.Add(line[5..]);
                }
            }
            else if (line.StartsWith("dn: ", StringComparison.Ordinal))
            {
                result.Add(line[4..]);
            }
        }

        return result;
    }

    /// <summary>From the AD script (templates/ad.ps1.sbn): the users of its table found by UPN or
    /// sAMAccountName (an <c>@{ By = '...'; Value = '...' }</c> line each; those given by DN come from the
    /// LDIF), and its <c>$searchBase</c> and <c>$ldapFilter</c>.</summary>
    private static (List<string> Users, DirectorySearchFact? Search) ScriptLines(byte[] script)
    {
        const string Row = "@{ By = ", Value = "; Value = ", Base = "$searchBase = ", Filter = "$ldapFilter = ";
        var users = new List<string>();
        string? searchBase = null;
        string? filter = null;
        foreach (var line in ActiveDirectoryKinds.ActiveDirectoryScript.Format.Decode(script).Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith(Row, StringComparison.Ordinal) && line.EndsWith(" }", StringComparison.Ordinal) && line.IndexOf(Value, StringComparison.Ordinal) is > 0 and var at
                && PowerShellText.Unquoted(line[Row.Length..at]) is { } by && PowerShellText.Unquoted(line[(at + Value.Length)..^2]) is { } user
                && (by == "UserPrincipalName" || DirectoryNames.Classify(user) != DirectoryUserKind.DistinguishedName))
            {
                users.Add(user);
            }
            else if (line.StartsWith(Base, StringComparison.Ordinal))
            {
                searchBase = PowerShellText.Unquoted(line[Base.Length..]);
            }
            else if (line.StartsWith(Filter, StringComparison.Ordinal))
            {
                filter = PowerShellText.Unquoted(line[Filter.Length..]);
            }
        }

        return (users, searchBase is not null && filter is not null ? new DirectorySearchFact(searchBase, filter) : null);
    }
}
