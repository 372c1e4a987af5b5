using SfbPolicyGen.Concerns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Output;
using SfbPolicyGen.Plan;
using SfbPolicyGen.Templates;
using SfbPolicyGen.Tests.Support;
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
            OutputFolder.Write(output, Tree(policies, new Watch().Rendering));
        }

        var watch = new Watch();
        Run(command, output, Tree(policies, watch.Rendering));

        Assert.Equal(Tenants, watch.Seen);
        Assert.InRange(watch.MostHeld, 1, Bound);
    }

    /// <summary>A tenant of GeneratedTree.StreamedFrom domains or more is rendered as its files are
    /// taken: generate, check and plan hold a few of its files at once, not all of them (one tenant of
    /// 10,000 domains is 20,000 files). Each file is watched as it is produced; holding the tenant whole,
    /// as below the threshold, holds them all.</summary>
    [Theory]
    [InlineData("generate", 2)]
    [InlineData("check", 2)]
    [InlineData("plan", 2)]
    [InlineData("generate", 1000)] // below the threshold: whole, so every file is held (the watch can fail)
    public void A_large_tenant_is_held_a_few_files_at_a_time(string command, int streamedFrom)
    {
        var domains = string.Join(", ", Enumerable.Range(0, 12).Select(d => $"d{d:00}.big.example"));
        File.WriteAllText(Path.Combine(_dir, "big.yaml"), $"tenant: {{name: big}}\ndomains: [{domains}]\nproxy: {{kind: tmg}}\n");
        var output = Path.Combine(_dir, "out");
        if (command != "generate")
        {
            OutputFolder.Write(output, Tree(Path.Combine(_dir, "big.yaml"), new Watch().Producing, streamedFrom));
        }

        var watch = new Watch();
        Run(command, output, Tree(Path.Combine(_dir, "big.yaml"), watch.Producing, streamedFrom));

        Assert.InRange(watch.Seen, 24, int.MaxValue); // a zone and a batch per domain, and the rest
        if (streamedFrom <= 12)
        {
            Assert.InRange(watch.MostHeld, 1, 3);
        }
        else
        {
            Assert.Equal(watch.Seen, watch.MostHeld);
        }
    }

    /// <summary>Streamed or whole, a tenant's files are the same bytes at the same paths.</summary>
    [Fact]
    public void A_streamed_tenant_gives_the_bytes_of_a_whole_one()
    {
        var policy = Path.Combine(RepoPaths.Root, "policies.yaml");
        var diagnostics = new DiagnosticBag();
        var loaded = Generator.LoadAll([policy], diagnostics);
        var templates = TemplateSet.Load(SfbPolicyGen.Concerns.ConcernRegistry.Default.Templates, null, diagnostics)!;
        var whole = new GeneratedTree(loaded.Files, loaded.Tenants, (t, h) => ArtifactPipeline.Write(t, ConcernRegistry.Default, templates, h)).Files;
        var streamed = new GeneratedTree(loaded.Files, loaded.Tenants, (t, h) => ArtifactPipeline.Write(t, ConcernRegistry.Default, templates, h), streamedFrom: 0).Files;
        Assert.Equal(whole.Select(f => f.Path), streamed.Select(f => f.Path));
        Assert.All(whole.Zip(streamed), pair => Assert.True(pair.First.Bytes.AsSpan().SequenceEqual(pair.Second.Bytes), pair.First.Path));
    }

    /// <summary>The command's stage on a folder a first run wrote: generate writes, check and plan find
    /// nothing to change.</summary>
    private static void Run(string command, string output, GeneratedTree tree)
    {
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

    /// <summary>The tree generate builds (Generator.Build), each tenant's artifacts passed through
    /// <paramref name="watched"/> (<see cref="Watch.Rendering"/> or <see cref="Watch.Producing"/>).</summary>
    private static GeneratedTree Tree(string policies, Func<IEnumerable<Artifact>, IEnumerable<Artifact>> watched, int streamedFrom = GeneratedTree.DefaultStreamedFrom)
    {
        var diagnostics = new DiagnosticBag();
        var loaded = Generator.LoadAll([policies], diagnostics);
        var templates = TemplateSet.Load(SfbPolicyGen.Concerns.ConcernRegistry.Default.Templates, null, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join('\n', diagnostics.Sorted()));
        return new GeneratedTree(loaded.Files, loaded.Tenants, (tenant, h) => watched(ArtifactPipeline.Write(tenant, ConcernRegistry.Default, templates!, h)), streamedFrom: streamedFrom);
    }

    /// <summary>Counts how many of the objects it was shown are still reachable each time it is shown
    /// one more: rendered tenants (<see cref="Rendering"/>), or one tenant's files as they are produced
    /// (<see cref="Producing"/>). Tenants render on several threads, hence the lock.</summary>
    private sealed class Watch
    {
        private readonly Lock _gate = new();
        private readonly List<WeakReference> _seen = [];

        public int Seen { get; private set; }

        public int MostHeld { get; private set; }

        /// <summary>A tenant rendered whole, which its first file stands for.</summary>
        public IEnumerable<Artifact> Rendering(IEnumerable<Artifact> artifacts)
        {
            IReadOnlyList<Artifact> whole = [.. artifacts];
            Track(whole[0]);
            return whole;
        }

        /// <summary>A tenant's files, each as it is produced; at the end, those still held.</summary>
        public IEnumerable<Artifact> Producing(IEnumerable<Artifact> artifacts)
        {
            foreach (var artifact in artifacts)
            {
                Track(artifact);
                yield return artifact;
            }

            lock (_gate)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                MostHeld = Math.Max(MostHeld, _seen.Count(w => w.IsAlive));
            }
        }

        private void Track(object item)
        {
            lock (_gate)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                _seen.RemoveAll(w => !w.IsAlive);
                _seen.Add(new WeakReference(item));
                Seen++;
                MostHeld = Math.Max(MostHeld, _seen.Count);
            }
        }
    }
}
