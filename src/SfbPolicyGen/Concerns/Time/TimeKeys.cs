using System.Collections.Immutable;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Concerns.Time;

/// <summary>The Time concern's keys: time.ntpServers and time.maxSkewSeconds (<see cref="PolicyKey"/>).
/// Read by Loading/PolicyLoader.Time.cs.</summary>
public static class TimeKeys
{
    /// <summary>A peer as manualpeerlist takes it: a host name, then optionally ',' and one of the flags
    /// (docs/TIME.md, "w32tm's peer list"); the loader checks the name by the domain-name rules.</summary>
    public static readonly PolicyKey NtpServers = new(
        "ntpServers",
        new ListType(new TextType(1, 260, @"^[^,\s]+(,0[xX][189])?$"), MinItems: 1, Unique: true),
        $"NTP servers the PDC emulator syncs from, as w32tm's manualpeerlist takes them: a host name with an optional ,0x1, ,0x8 or ,0x9 (default {DefaultText}).")
    {
        Default = DefaultText,
        Comment = "host[,0x1|0x8|0x9], in the order w32tm tries them",
    };

    public static readonly PolicyKey MaxSkewSeconds = new(
        "maxSkewSeconds",
        new IntegerType(1, 3600, "seconds"),
        $"Offset past which verify reports an error (default {YamlText.Number(TimePolicy.DefaultMaxSkewSeconds)}, Kerberos' 5 minutes); past {YamlText.Number(TimePolicy.WarningSkewSeconds)} s it warns.")
    {
        Default = YamlText.Number(TimePolicy.DefaultMaxSkewSeconds),
    };

    public static readonly PolicyKey Time = PolicyKey.Section(
        "time",
        "Opt-in: the domain's time source (\"system clock out of sync\"): a script that points the PDC emulator at these NTP servers (KB 816042).",
        [NtpServers, MaxSkewSeconds]) with { Order = 210, Reading = KeyReading.Code };

    public static readonly ImmutableArray<PolicyKey> All = [Time];

    /// <summary>The default list in YAML: each peer quoted, since a comma would end a flow list's entry.</summary>
    private static string DefaultText => YamlText.List(TimePolicy.DefaultNtpServers.Select(peer => $"\"{peer}\""));
}
