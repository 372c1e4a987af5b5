using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>Every .admx and .adml against Microsoft's schema in ../shared/admx-schema (warnings count).</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class AdmxSchemaConsumerTests
{
    [SkippableTheory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Admx_and_adml_are_valid_against_the_schema(string name)
    {
        var files = ConsumerSuite.Artifacts(name, "admx").Concat(ConsumerSuite.Artifacts(name, "adml")).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Assert.Empty(AdmxSchema.Validate(AdmxSchema.Load(File.ReadAllBytes(file.FullPath))).Select(p => $"{file.FullPath}: {p}"));
        }
    }
}
