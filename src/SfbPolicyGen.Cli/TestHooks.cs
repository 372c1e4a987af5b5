using SfbPolicyGen.Output;

namespace SfbPolicyGen.Cli;

/// <summary>The output stage's test hooks as the crash tests give them to a generate they run as a
/// process of its own: through the environment, read here at the edge so that the library holds no
/// test seam. SFB_TEST_HOLD_AFTER_JOURNAL_MS holds the run after its journal (CrashSafetyTests,
/// WriteFailureTests aim a kill or a change at that window); unset, there are none.</summary>
internal sealed class TestHooks(int holdAfterJournalMilliseconds) : IOutputStageHooks
{
    public const string HoldAfterJournalVariable = "SFB_TEST_HOLD_AFTER_JOURNAL_MS";

    public static IOutputStageHooks? FromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable(HoldAfterJournalVariable), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds)
            ? new TestHooks(milliseconds)
            : null;

    public void AfterJournal() => Thread.Sleep(holdAfterJournalMilliseconds);
}
