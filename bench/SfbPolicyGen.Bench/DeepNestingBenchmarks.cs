using System.Text;
using BenchmarkDotNet.Attributes;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Bench;

/// <summary>Issue 21: a hostile policy file of deeply nested flow lists, refused with SFB007. Before the
/// reader stopped at the limit, 100,000 levels (a 200 KB file) took 58 s; the target is under 0.5 s.</summary>
[MemoryDiagnoser]
// A short job: the figure is far from the target either way.
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class DeepNestingBenchmarks
{
    private byte[] _yaml = [];

    [Params(10_000, 100_000)]
    public int Levels { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _yaml = Encoding.UTF8.GetBytes($"tenant: {{name: t}}\ndomains: [t.example]\nadmx: {new string('[', Levels)}{new string(']', Levels)}\n");
        // Measure the refusal, nothing else.
        var diagnostics = new DiagnosticBag();
        if (PolicyLoader.Load("policies.yaml", _yaml, diagnostics) is not null || diagnostics.Sorted().All(d => d.Code != DiagnosticCodes.TooDeep))
        {
            throw new InvalidOperationException($"{Levels} nested lists are not refused with {DiagnosticCodes.TooDeep}");
        }
    }

    [Benchmark]
    public TenantPolicy? LoadDeeplyNested() => PolicyLoader.Load("policies.yaml", _yaml, new DiagnosticBag());
}
