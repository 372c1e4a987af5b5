using System.Globalization;
using System.Text;

namespace SfbPolicyGen.Bench;

/// <summary>One tenant's policies.yaml with N domains, shaped so that every writer has work at every
/// size: skype-online (four records per zone), all three clients, a retired domain (nsupdate
/// batches), Active Directory users by UPN and by DN (script and LDIF), the client clean-up script.
/// TMG and the gateway rule sheet exclude each other: the proxy kind chooses.</summary>
public static class SyntheticPolicy
{
    public static string Yaml(int domains, string proxy = "tmg")
    {
        var yaml = new StringBuilder($"""
            tenant:
              name: bench
              displayName: Bench Ltd
            trustModelData:
              clients: [communicator, lync2013, skype2016]
              existing: [sip.partner.example]
            proxy:
              kind: {proxy}
            dns:
              profile: skype-online
            activeDirectory:
              users: [alice@d00001.bench.example, "CN=Bob,OU=Staff,DC=bench,DC=example"]
            clientCleanup: true
            retired:
              domains: [old.bench.example]
            domains:

            """);
        for (var i = 1; i <= domains; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - d{i:D5}.bench.example\n");
        }

        return yaml.ToString();
    }
}
