using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Output;
using SfbPolicyGen.Plan;
using SfbPolicyGen.Templates;
using SfbPolicyGen.Writers;

namespace SfbPolicyGen.Tests.Output;

/// <summary>generate, check and plan hold a bounded number of rendered tenants at once, whatever the
/// number of tenants (issue 14: memory must not grow with them). Proved by reachability, not by a
/// counter of our own: each tenant's artifacts are watched through weak references, and whenever a
/// tenant is rendered a full garbage collection tells how many earlier tenants' artifacts something
/// still holds. A stage that kept every tenant (as one that builds the whole tree in memory) holds
/// them all.</summary>
public sealed class StreamingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-stream-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The most a stage may hold: those rendered ahead, the one it works on, one it has just
    /// let go of that a local may still name.</summary>
    private static int Bound => GeneratedTree.RenderAhead + 2;

    /// <summary>Well beyond the bound, so that holding them all cannot pass.</summary>
    private static int Tenants => (3 * Bound) + 6;

    [Theory]
    [InlineData("generate")]
    [InlineData("check")]
    [InlineData("plan")]
    public void A_run_holds_a_bounded_number_of_rendered_tenants(string command)
    {
        var policies = Policies();
        var output = Path.Combine(_dir, "out");
        if (command != "generate")
        {
            OutputFolder.Write(output, Tree(policies, new Watch()));
        }

        var watch = new Watch();
        var tree = Tree(policies, watch);
        switch (command)
        {
            case "generate":
                OutputFolder.Write(output, tree);
                break;
            case "check":
                Assert.Empty(OutputFolder.Compare(output, tree).Differences);
                break;
            default:
                Assert.Empty(Planner.Compute(output, tree).Changes);
                break;
        }

        Assert.Equal(Tenants, watch.Rendered);
        Assert.InRange(watch.MostHeld, 1, Bound);
    }

    private string Policies()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "tenants")).FullName;
        for (var t = 0; t < Tenants; t++)
        {
            File.WriteAllText(Path.Combine(folder, $"t{t:000}.yaml"), $"tenant: {{name: t{t:000}}}\ndomains: [a.t{t:000}.example, b.t{t:000}.example]\nproxy: {{kind: tmg}}\n");
        }

        return folder;
    }

    /// <summary>The tree generate builds (Generator.Build), its writers watched.</summary>
    private static GeneratedTree Tree(string policies, Watch watch)
    {
        var diagnostics = new DiagnosticBag();
        var loaded = Generator.LoadAll([policies], diagnostics);
        var templates = TemplateSet.Load(null, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join('\n', diagnostics.Sorted()));
        return new GeneratedTree(loaded.Files, loaded.Tenants, tenant => watch.Rendering(ArtifactPipeline.Write(tenant, templates!)));
    }

    /// <summary>Counts how many rendered tenants are still reachable each time one more is rendered.</summary>
    private sealed class Watch
    {
        private readonly Lock _gate = new();
        private readonly List<WeakReference> _tenants = [];

        public int Rendered { get; private set; }

        public int MostHeld { get; private set; }

        public IReadOnlyList<Artifact> Rendering(IReadOnlyList<Artifact> artifacts)
        {
            lock (_gate)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                _tenants.RemoveAll(w => !w.IsAlive);
                _tenants.Add(new WeakReference(artifacts[0]));
                Rendered++;
                MostHeld = Math.Max(MostHeld, _tenants.Count);
            }

            return artifacts;
        }
    }
}
