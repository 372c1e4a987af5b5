using SfbPolicyGen.Concerns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;
using SfbPolicyGen.Writers;

namespace SfbPolicyGen.Bench;

/// <summary><c>alloc FOLDER</c>: what each writer allocates over every policy file of a folder (a
/// synthetic repository of bench/scale.sh, say), writing then encoding, one thread, nothing written to
/// disk. Where BenchmarkDotNet's <c>Allocated</c> column gives one tenant, this gives the whole run,
/// which is what the garbage collector sees (docs/PERFORMANCE.md, "After issue 20").</summary>
public static class AllocationCount
{
    public static void Run(string folder)
    {
        var diagnostics = new DiagnosticBag();
        var templates = TemplateSet.Load(ConcernRegistry.Default.Templates, overrideDirectory: null, diagnostics)!;
        var writers = ConcernRegistry.Default.Writers;
        var writing = new long[writers.Length];
        var encoding = new long[writers.Length];
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var tenant = PolicyLoader.Load(file, File.ReadAllBytes(file), diagnostics)
                ?? throw new InvalidOperationException(string.Join('\n', diagnostics.Sorted()));
            var written = new List<Artifact>();
            for (var i = 0; i < writers.Length; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var artifacts = writers[i](tenant, new WriterContext(ConcernRegistry.Default, templates, [.. written], DnsHistory.None)).ToList();
                var made = GC.GetAllocatedBytesForCurrentThread();
                foreach (var artifact in artifacts)
                {
                    artifact.Kind.Format.Encode(artifact);
                }

                writing[i] += made - before;
                encoding[i] += GC.GetAllocatedBytesForCurrentThread() - made;
                written.AddRange(artifacts);
            }
        }

        Console.WriteLine($"{"writer",-28} {"write MiB",10} {"encode MiB",11}");
        for (var i = 0; i < writers.Length; i++)
        {
            Console.WriteLine($"{writers[i].Method.DeclaringType!.Name,-28} {writing[i] / 1048576.0,10:F1} {encoding[i] / 1048576.0,11:F1}");
        }

        Console.WriteLine($"{"total",-28} {writing.Sum() / 1048576.0,10:F1} {encoding.Sum() / 1048576.0,11:F1}");
    }
}
