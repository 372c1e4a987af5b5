using System.Collections.Immutable;

namespace SfbPolicyGen.Model;

/// <summary>One peer of w32tm's manual peer list: a host name and, optionally, the flags w32tm reads after
/// a comma (docs/TIME.md, "w32tm's peer list").</summary>
/// <param name="Host">Normalised as every domain name of the policy (lowercase, punycode).</param>
/// <param name="Flags">One of <see cref="TimePolicy.PeerFlags"/>, lowercase; null for none.</param>
public sealed record NtpPeer(string Host, string? Flags)
{
    /// <summary>As manualpeerlist takes it: <c>time.windows.com,0x8</c>.</summary>
    public override string ToString() => Flags is null ? Host : $"{Host},{Flags}";
}

/// <summary>The domain's time source (the article's "system clock out of sync" row): what the PDC
/// emulator of the forest root syncs from, and the skew the live check tolerates (docs/TIME.md).</summary>
/// <param name="NtpServers">In the order written: w32tm tries its peers in the order of the list.</param>
public sealed record TimePolicy(ImmutableArray<NtpPeer> NtpServers, int MaxSkewSeconds)
{
    /// <summary>Kerberos' default maximum tolerance for computer clock synchronization, 5 minutes (docs/TIME.md, "Kerberos").</summary>
    public const int DefaultMaxSkewSeconds = 300;

    /// <summary>Seconds of offset past which the live check warns (issue 23).</summary>
    public const int WarningSkewSeconds = 60;

    /// <summary>The flags w32tm documents for a peer that this tool writes: 0x1 SpecialInterval, 0x8 Client
    /// mode, and both (docs/TIME.md, "w32tm's peer list").</summary>
    public static readonly ImmutableArray<string> PeerFlags = ["0x1", "0x8", "0x9"];

    /// <summary>Microsoft's own time service, as Windows' default NtpServer value names it (docs/TIME.md).</summary>
    public static readonly ImmutableArray<NtpPeer> DefaultNtpServers = [new("time.windows.com", "0x8")];

    /// <summary>The value of <c>/manualpeerlist:</c> and of the NtpServer registry value: peers separated by spaces.</summary>
    public string ManualPeerList => string.Join(' ', NtpServers.Select(peer => peer.ToString()));
}
