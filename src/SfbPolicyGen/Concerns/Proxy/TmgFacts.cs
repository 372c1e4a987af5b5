using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using SfbPolicyGen.Model;
using SfbPolicyGen.Plan;

namespace SfbPolicyGen.Concerns.Proxy;

/// <summary>One key of a TMG client section: the application (section), the key and its value.</summary>
public sealed record TmgKeyFact(string Application, string Key, string Value);

/// <summary>The keys the TMG script sets, in Application.ini's order of sections (ordinal) and keys;
/// equal when their keys are, shown as <c>msoidsvc Disable=0, msoidsvc DisableEx=0</c>.</summary>
public sealed record TmgSettings(ImmutableArray<TmgKeyFact> Keys)
{
    public bool Equals(TmgSettings? other) => other is not null && Keys.SequenceEqual(other.Keys);

    public override int GetHashCode() => Keys.Aggregate(0, (hash, key) => HashCode.Combine(hash, key));

    public override string ToString() => string.Join(", ", Keys.Select(k => $"{k.Application} {k.Key}={k.Value}"));
}

/// <summary>The TMG facts: each key of each application's client section (docs/PROXY.md), as the TMG
/// script sets it and Application.ini shows it. In manifest.json an object <c>{"application key": "value"}</c>
/// (application names hold no space: validated), the form manifests have always had.</summary>
public sealed class TmgFacts() : FactKind<TmgSettings>("tmg")
{
    public static readonly TmgFacts Kind = new();

    /// <summary>The two keys of a TMG client section (docs/PROXY.md, "The article's rule"), in Application.ini's order.</summary>
    public override TmgSettings? From(TenantPolicy tenant) => tenant.Proxy.Kind != ProxyKind.Tmg ? null : new(
    [
        .. tenant.Proxy.SortedApplications.SelectMany(app => new[]
        {
            new TmgKeyFact(app.Name, "Disable", app.Disable.ToString(CultureInfo.InvariantCulture)),
            new TmgKeyFact(app.Name, "DisableEx", app.DisableEx.ToString(CultureInfo.InvariantCulture)),
        }),
    ]);

    public override void Write(Utf8JsonWriter json, TmgSettings fact)
    {
        json.WriteStartObject();
        foreach (var key in fact.Keys)
        {
            json.WriteString($"{key.Application} {key.Key}", key.Value);
        }

        json.WriteEndObject();
    }

    public override TmgSettings Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("tmg is not an object");
        }

        return new([.. json.EnumerateObject().Select(p => Fact(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw new FormatException("a TMG key has no value")))]);
    }

    public override System.Collections.Immutable.ImmutableArray<ArtifactKind> HeldIn => [ProxyKinds.TmgClientIni];

    /// <summary>From Application.ini: each key of each section.</summary>
    public override TmgSettings? ReadBack(ArtifactKind kind, byte[] bytes)
    {
        var keys = new List<TmgKeyFact>();
        string? section = null;
        foreach (var line in kind.Format.Decode(bytes).Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1];
            }
            else if (section is not null && line.IndexOf('=', StringComparison.Ordinal) is > 0 and var equals && !line.StartsWith(';'))
            {
                keys.Add(new TmgKeyFact(section, line[..equals], line[(equals + 1)..]));
            }
        }

        return new([.. keys.OrderBy(k => k.Application, StringComparer.Ordinal).ThenBy(k => k.Key, StringComparer.Ordinal)]);
    }

    /// <summary>The TMG script creates a missing section and sets each key that differs; it removes no key
    /// and no section, and none is removed when proxy.kind leaves tmg (no artifact acts on TMG then).
    /// TMG section names are not case-sensitive (IFPCClientSettingsSection::Name).</summary>
    public override IEnumerable<PlanChange> Changes(string tenant, TmgSettings? before, TmgSettings? after)
    {
        var old = (before?.Keys ?? []).ToDictionary(k => (k.Application, k.Key), k => k.Value, SectionAndKey.Comparer);
        var now = (after?.Keys ?? []).ToDictionary(k => (k.Application, k.Key), k => k.Value, SectionAndKey.Comparer);
        foreach (var key in now.Keys.Union(old.Keys, SectionAndKey.Comparer))
        {
            var had = old.TryGetValue(key, out var was);
            var has = now.TryGetValue(key, out var value);
            if (had && has && was == value)
            {
                continue;
            }

            yield return new PlanChange(tenant, PlanArea.Tmg, !had ? PlanAction.Add : !has ? PlanAction.Keep : PlanAction.Change)
            {
                Application = key.Application,
                Key = key.Key,
                From = was,
                To = value,
            };
        }
    }

    private static TmgKeyFact Fact(string name, string value) => name.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space
        ? new TmgKeyFact(name[..space], name[(space + 1)..], value)
        : throw new FormatException($"'{name}' is not \"application key\"");

    /// <summary>Sections and keys compare without case, as TMG and Windows' INI reader compare them.</summary>
    private sealed class SectionAndKey : IEqualityComparer<(string Application, string Key)>
    {
        public static readonly SectionAndKey Comparer = new();

        public bool Equals((string Application, string Key) x, (string Application, string Key) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Application, y.Application) && StringComparer.OrdinalIgnoreCase.Equals(x.Key, y.Key);

        public int GetHashCode((string Application, string Key) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Application), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Key));
    }
}
