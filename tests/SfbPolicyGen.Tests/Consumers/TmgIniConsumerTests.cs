using System.Globalization;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;
using SfbPolicyGen.Writers;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>Application.ini read back by the strict INI reader (no TMG client runs here): one section per
/// application, Disable then DisableEx, exactly the model's values; the TMG files exist only for kind tmg.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class TmgIniConsumerTests
{
    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Tmg_client_ini_reads_back_to_the_applications(string name)
    {
        foreach (var tenant in GoldenCases.Tenants(name))
        {
            var path = Path.Combine(GoldenCases.Expected(name), ArtifactPaths.TmgClientIni(tenant.Name));
            Assert.Equal(tenant.Proxy.Kind == ProxyKind.Tmg, File.Exists(path));
            Assert.Equal(tenant.Proxy.Kind == ProxyKind.Tmg, File.Exists(Path.Combine(GoldenCases.Expected(name), ArtifactPaths.TmgServerScript(tenant.Name))));
            Assert.Equal(tenant.Proxy.Kind == ProxyKind.Other, File.Exists(Path.Combine(GoldenCases.Expected(name), ArtifactPaths.GatewayRules(tenant.Name))));
            if (!File.Exists(path))
            {
                continue;
            }

            var sections = StrictIniReader.Parse(File.ReadAllText(path));
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
