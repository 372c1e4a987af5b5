using SfbPolicyGen.Plan;

namespace SfbPolicyGen.Output;

/// <param name="Kept">Files of the previous manifest that generate no longer produces but did not
/// remove, because their bytes are no longer those it wrote (edited since, or a hand-edited manifest).</param>
/// <param name="Overwritten">Files generate wrote before and replaced now although their bytes were no
/// longer those it wrote (edited by hand since): replaced all the same, as generate is asked to, but named.</param>
/// <param name="LeftAlone">Tenants of the folder this run did not touch (no --prune).</param>
/// <param name="Pruned">Tenants of the folder whose files --prune removed.</param>
/// <param name="Artifacts">The run's artifacts, as the manifest lists them.</param>
public sealed record WriteSummary(int Written, int Unchanged, int Removed, IReadOnlyList<string> Kept, IReadOnlyList<string> Overwritten, IReadOnlyList<string> LeftAlone, IReadOnlyList<string> Pruned, IReadOnlyList<ManifestEntry> Artifacts);

/// <summary>How generate writes.</summary>
/// <param name="Prune">Remove the files of the tenants the manifest lists that this run does not have.</param>
/// <param name="Force">Write even when a tenant removes more than its safety thresholds allow
/// (<see cref="RemovalThresholds"/>).</param>
/// <param name="Plan">A plan saved by plan --save: write only when this run's checksum is the plan's
/// (<see cref="RunChecksum"/>).</param>
/// <param name="OnWait">Called when another run holds the output lock, before waiting for it.</param>
/// <param name="LockTimeout">How long to wait for it (default <see cref="OutputFolder.LockTimeout"/>).</param>
/// <param name="Hooks">What tests do at the stage's critical moments (default: nothing, <see cref="IOutputStageHooks.None"/>).</param>
/// <param name="Stop">Ctrl-C: honoured until the journal is written (the run then stops with
/// <see cref="OperationCanceledException"/>, its staging folder removed, nothing changed); after it, the
/// run finishes its renames, which take a moment, rather than leave a journal for the next run.</param>
public sealed record WriteOptions(bool Prune = false, bool Force = false, SavedPlan? Plan = null, Action? OnWait = null, TimeSpan? LockTimeout = null, IOutputStageHooks? Hooks = null, CancellationToken Stop = default);
