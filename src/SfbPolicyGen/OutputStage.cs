using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Output;
using SfbPolicyGen.Plan;

namespace SfbPolicyGen;

/// <summary>The application service behind generate, check, plan and explain once their tree is built
/// (<see cref="Generator.Build"/>): each runs the output stage and returns its result, or null with the
/// diagnostics that stopped it: a template that failed while rendering (SFB090, at the template's file
/// and line), a domain a tenant outside the run owns (SFB029), a tenant that removes too much, a run
/// that is not the one a saved plan reviewed. Templates render while the stage runs, so such a failure
/// comes mid-way, as <see cref="GenerationFailedException"/>, which unwinds the stage (undoing what it
/// staged); it stops here, so that the commands see diagnostics only and catch nothing of the library's.</summary>
public static class OutputStage
{
    /// <returns>What generate wrote; null after an error in <paramref name="diagnostics"/>, nothing changed.</returns>
    public static WriteSummary? Write(string outDirectory, GeneratedTree tree, WriteOptions options, DiagnosticBag diagnostics) =>
        Run(diagnostics, () => OutputFolder.Write(outDirectory, tree, options));

    /// <returns>How the folder differs from the tree; null after an error in <paramref name="diagnostics"/>.</returns>
    public static Comparison? Compare(string outDirectory, GeneratedTree tree, bool prune, DiagnosticBag diagnostics) =>
        Run(diagnostics, () => OutputFolder.Compare(outDirectory, tree, prune));

    /// <returns>What generate would change; null after an error in <paramref name="diagnostics"/>.</returns>
    public static PlanResult? Plan(string outDirectory, GeneratedTree tree, bool prune, bool checksum, DiagnosticBag diagnostics) =>
        Run(diagnostics, () => Planner.Compute(outDirectory, tree, prune, checksum));

    /// <summary>Hands each tenant's files to <paramref name="each"/> as they are rendered (explain prints as
    /// it goes, so what came before a failure is printed before it).</summary>
    /// <returns>False after an error in <paramref name="diagnostics"/>.</returns>
    public static bool ForEachTenant(GeneratedTree tree, Action<GeneratedTenant> each, DiagnosticBag diagnostics) =>
        Run(diagnostics, () =>
        {
            foreach (var tenant in tree.Render())
            {
                each(tenant);
            }

            return tree;
        }) is not null;

    private static T? Run<T>(DiagnosticBag diagnostics, Func<T> stage)
        where T : class
    {
        try
        {
            return stage();
        }
        catch (GenerationFailedException ex)
        {
            diagnostics.AddRange(ex.Diagnostics);
            return null;
        }
    }
}
