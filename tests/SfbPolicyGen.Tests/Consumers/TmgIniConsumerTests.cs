using System.Globalization;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>Application.ini read back by the strict INI reader (no TMG client runs here): one section per
/// application, Disable then DisableEx, exactly the model's values. That the TMG files exist only for
/// proxy kind tmg is the manifest's check (<see cref="GoldenCases.ExpectedArtifacts"/>).</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class TmgIniConsumerTests
{
    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Tmg_client_ini_reads_back_to_the_applications(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var ini in ConsumerSuite.Artifacts(name, "tmg-client-ini"))
        {
            var tenant = tenants[ini.Tenant];
            var sections = StrictIniReader.Parse(File.ReadAllText(ini.FullPath));
            Assert.Equal(tenant.Proxy.Applications.Select(a => a.Name).Order(StringComparer.Ordinal), sections.Keys.Order(StringComparer.Ordinal));
            foreach (var app in tenant.Proxy.Applications)
            {
                Assert.Equal(
                    [new("Disable", app.Disable.ToString(CultureInfo.InvariantCulture)), new("DisableEx", app.DisableEx.ToString(CultureInfo.InvariantCulture))],
                    sections[app.Name]);
            }
        }
    }
}
