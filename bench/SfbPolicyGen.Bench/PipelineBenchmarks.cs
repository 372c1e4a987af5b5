using System.Text;
using BenchmarkDotNet.Attributes;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Bench;

/// <summary>Load and validate one policy file, and a whole generate in memory (load, validate,
/// templates, every writer, encoding, hashes, manifest: everything but the output folder).</summary>
[MemoryDiagnoser]
// One process, 3 warm-ups, 10 measured iterations: the whole suite in about ten minutes on 2 cores.
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PipelineBenchmarks
{
    private byte[] _yaml = [];
    private string _file = "";

    [Params(1, 100, 10_000)]
    public int Domains { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _yaml = Encoding.UTF8.GetBytes(SyntheticPolicy.Yaml(Domains));
        // Generator.Build takes paths, as the command line does; the file is read from the page cache.
        _file = Path.Combine(Path.GetTempPath(), $"sfb-bench-{Environment.ProcessId}-{Domains}.yaml");
        File.WriteAllBytes(_file, _yaml);
        // A benchmark that fails validation would measure the error path: refuse to run it.
        if (Generate() is null)
        {
            throw new InvalidOperationException($"the synthetic policy with {Domains} domain(s) does not validate");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    [Benchmark]
    public TenantPolicy? LoadAndValidate() => PolicyLoader.Load("policies.yaml", _yaml, new DiagnosticBag());

    /// <summary>Every file rendered, encoded and hashed: Build only loads and parses (the output stage
    /// renders tenant by tenant as it writes), so taking every tenant's artifacts here makes it render
    /// everything.</summary>
    [Benchmark]
    public List<GeneratedArtifact>? Generate() => Generator.Build([_file], templatesDirectory: null, new DiagnosticBag())?.Render().SelectMany(t => t.Artifacts).ToList();
}
