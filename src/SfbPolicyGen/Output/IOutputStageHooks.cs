namespace SfbPolicyGen.Output;

/// <summary>Moments of the output stage that a test may act on; production passes none
/// (<see cref="None"/>). The crash tests kill a run in the window after the journal, and need the run
/// held there: they supply that through the command's edge (an environment variable the CLI reads),
/// not through a branch of the output stage.</summary>
public interface IOutputStageHooks
{
    /// <summary>Does nothing at any moment.</summary>
    static readonly IOutputStageHooks None = new NoHooks();

    /// <summary>The journal replaces the manifest and no staged file has moved yet (step 4 done, step 5
    /// not begun, <see cref="OutputFolder"/>).</summary>
    void AfterJournal();

    private sealed class NoHooks : IOutputStageHooks
    {
        public void AfterJournal()
        {
        }
    }
}
