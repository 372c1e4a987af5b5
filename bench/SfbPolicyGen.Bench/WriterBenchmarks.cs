using System.Text;
using BenchmarkDotNet.Attributes;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;
using SfbPolicyGen.Writers;

namespace SfbPolicyGen.Bench;

/// <summary>Each writer of the pipeline on its own, from the loaded tenant to the bytes of its
/// artifacts (the writer, then its format's encoding). The guide lists the artifacts written before
/// it, so each writer is given what the writers before it produced, as in a real run.</summary>
[MemoryDiagnoser]
// One process, 3 warm-ups, 10 measured iterations: the whole suite in about ten minutes on 2 cores.
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class WriterBenchmarks
{
    private ArtifactWriter _writer = null!;
    private TenantPolicy _tenant = null!;
    private WriterContext _context = null!;

    [Params(1, 100, 10_000)]
    public int Domains { get; set; }

    [ParamsSource(nameof(Writers))]
    public string Writer { get; set; } = "";

    public static IEnumerable<string> Writers => ConcernRegistry.Default.Writers.Select(Name);

    private static string Name(ArtifactWriter writer) => writer.Method.DeclaringType!.Name;

    [GlobalSetup]
    public void Setup()
    {
        var diagnostics = new DiagnosticBag();
        var proxy = Writer == nameof(SfbPolicyGen.Concerns.Proxy.GatewayRulesWriter) ? "other" : "tmg";
        _tenant = PolicyLoader.Load("policies.yaml", Encoding.UTF8.GetBytes(SyntheticPolicy.Yaml(Domains, proxy)), diagnostics)
            ?? throw new InvalidOperationException(string.Join('\n', diagnostics.Sorted()));
        var templates = TemplateSet.Load(ConcernRegistry.Default.Templates, overrideDirectory: null, diagnostics)!;
        var written = new List<Artifact>();
        foreach (var writer in ConcernRegistry.Default.Writers)
        {
            if (Name(writer) == Writer)
            {
                _writer = writer;
                _context = new WriterContext(ConcernRegistry.Default, templates, [.. written], DnsHistory.None);
                if (Write() == 0)
                {
                    throw new InvalidOperationException($"{Writer} writes nothing for the synthetic policy");
                }

                return;
            }

            written.AddRange(writer(_tenant, new WriterContext(ConcernRegistry.Default, templates, [.. written], DnsHistory.None)));
        }

        throw new InvalidOperationException($"no writer named {Writer}");
    }

    /// <returns>The bytes written, so that nothing is optimised away.</returns>
    [Benchmark]
    public int Write()
    {
        var bytes = 0;
        foreach (var artifact in _writer(_tenant, _context))
        {
            bytes += artifact.Kind.Format.Encode(artifact).Length;
        }

        return bytes;
    }
}
