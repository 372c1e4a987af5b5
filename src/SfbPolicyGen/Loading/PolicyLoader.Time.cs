using SfbPolicyGen.Concerns.Time;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>The optional time section: the NTP servers the PDC emulator syncs from and the skew the live
/// check tolerates (docs/TIME.md). Absent, nothing is generated for time.</summary>
public static partial class PolicyLoader
{
    private static TimeSection ReadTime(SectionReader root)
    {
        var time = root.Section(TimeKeys.Time);

        // Peers compare by host: the same server twice, even with other flags, is a mistake.
        var servers = time.UniqueList(
            TimeKeys.NtpServers.Name,
            NtpServer,
            keyOf: peer => peer.Host,
            StringComparer.Ordinal,
            listedTwice: (entry, peer, first) => $"'{entry.Shown}' is listed twice in '{entry.Place}' (as '{peer.Host}', first at line {first.Line})",
            ifEmpty: $"list at least one NTP server, or leave the key out for {TimePolicy.DefaultNtpServers[0]}");
        return new TimeSection(time.State, servers, time.WholeNumber(TimeKeys.MaxSkewSeconds));
    }

    /// <summary>SFB035: a peer as w32tm's manualpeerlist takes it, <c>host[,flags]</c> (docs/TIME.md,
    /// "w32tm's peer list"): the host by the domain-name rules (README, "Names"), the flags one of
    /// <see cref="TimePolicy.PeerFlags"/>, written lowercase. Trimmed first; refused rather than repaired.</summary>
    private static Field<NtpPeer> NtpServer(ValueReader value) => value.Scalar().Then(raw =>
    {
        var text = raw.Trim();
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        var host = comma < 0 ? text : text[..comma];
        var flags = comma < 0 ? null : text[(comma + 1)..].ToLowerInvariant();
        var name = DomainName.Normalize(host, out var error);
        var problem = flags is null && TimePolicy.PeerFlags.Contains(host.ToLowerInvariant())
                ? $"'{FreeText.Shown(host)}' is flags without a host: in a flow list a comma ends the entry, so quote it (\"time.windows.com,{host}\") or use a block list (- time.windows.com,{host})"
            : name is null ? $"'{FreeText.Shown(host)}' is not a valid host name: {error}"
            : flags is not null && !TimePolicy.PeerFlags.Contains(flags)
                ? $"the flags '{FreeText.Shown(text[(comma + 1)..])}' are not one of {string.Join(", ", TimePolicy.PeerFlags)} (0x1 special interval, 0x8 client mode, 0x9 both)"
            : null;
        return problem is null
            ? Field.Valid(new NtpPeer(name!, flags), value.At)
            : value.Refuse<NtpPeer>(DiagnosticCodes.InvalidNtpServer, $"'{FreeText.Shown(raw)}' in '{value.Place}' is refused: {problem}");
    });
}

internal sealed record TimeSection(FieldState State, ListField<NtpPeer> NtpServers, Field<int> MaxSkewSeconds)
{
    /// <summary>Null without a time section (opt-in); <c>time: {}</c> takes every default.</summary>
    public TimePolicy? ToPolicy() => State == FieldState.Valid
        ? new TimePolicy(NtpServers.IsWritten ? [.. NtpServers.Values] : TimePolicy.DefaultNtpServers, MaxSkewSeconds.Or(TimePolicy.DefaultMaxSkewSeconds))
        : null;
}
