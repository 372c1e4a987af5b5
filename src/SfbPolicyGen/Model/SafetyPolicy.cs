namespace SfbPolicyGen.Model;

/// <summary>safety: how much of what a tenant deployed one generate may take away before it asks for
/// --force (octoDNS's safety thresholds: a provider refuses to update or delete more than 30 % of a
/// zone of at least 10 records unless forced, MIN_EXISTING_RECORDS and the update/delete percentages).
/// Each kind of item is counted on its own: DNS records, trusted domains, clients
/// (<see cref="Plan.RemovalThresholds"/>).</summary>
/// <param name="MaxRemovedPercent">0-100: a removal of more than this share of one kind is refused.</param>
/// <param name="MinExisting">A kind with fewer items deployed before is never refused: removing 2 of 3
/// records is a change, not an accident.</param>
public sealed record SafetyPolicy(int MaxRemovedPercent, int MinExisting)
{
    public const int DefaultMaxRemovedPercent = 30;

    public const int DefaultMinExisting = 10;

    public static readonly SafetyPolicy Default = new(DefaultMaxRemovedPercent, DefaultMinExisting);
}
