using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

// 'alloc FOLDER' counts what each writer allocates over a folder of policy files (AllocationCount).
if (args is ["alloc", var folder])
{
    SfbPolicyGen.Bench.AllocationCount.Run(folder);
    return;
}

// Every benchmark class of this assembly; pick with --filter (BenchmarkDotNet's command line). Writer
// names are longer than the summary's default column.
BenchmarkSwitcher.FromAssembly(typeof(SfbPolicyGen.Bench.SyntheticPolicy).Assembly)
    .Run(args, DefaultConfig.Instance.WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40)));
