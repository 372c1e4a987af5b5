using System.Text.Json;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary><c>verify</c>, the umbrella of every concern's live check, in-process against a real DNS server
/// (knotd on 127.0.0.1): its DNS lines say what verify-dns says, one line per name with the tenant and
/// the check; a finding is exit 1; its JSON is one document a program reads.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public sealed class VerifyAgainstKnotdTests : IDisposable
{
    private readonly TempFolder _temp = ConsumerSuite.NewTempFolder();

    public void Dispose() => _temp.Dispose();

    private string Policy()
    {
        var policy = _temp.File("policies.yaml");
        File.WriteAllText(policy, "tenant: {name: verify}\ndomains: [contoso.example]\n");
        return policy;
    }

    private KnotServer Serving(string zone)
    {
        var snippet = _temp.File("contoso.zone");
        File.WriteAllText(snippet, "$ORIGIN contoso.example.\n" + zone);
        return KnotServer.Start(new Dictionary<string, string> { ["contoso.example"] = TestZone.Wrap("contoso.example", snippet) });
    }

    [SkippableFact]
    public void A_tenant_whose_records_are_right_is_exit_0_one_ok_line_per_name()
    {
        using var server = Serving("sip 3600 IN CNAME sipdir.online.microsoft.com.\n");

        var run = CliRunner.Run("verify", Policy(), "--only", "dns", "--out", _temp.File("out"), "--server", $"127.0.0.1:{server.Port}");

        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        Assert.Equal(
        [
            "ok          dns   verify: sip.contoso.example. CNAME sipdir.online.microsoft.com.: as the policy wants",
            "1 check(s): 1 ok, 0 warning, 0 error, 0 unreachable.",
        ],
        run.Stdout.TrimEnd('\n').Split('\n'));
    }

    [SkippableFact]
    public void A_wrong_record_is_an_error_line_and_exit_1_and_json_says_the_same()
    {
        using var server = Serving("sip 3600 IN CNAME sip.elsewhere.example.\n");

        var text = CliRunner.Run("verify", Policy(), "--only", "dns", "--out", _temp.File("out"), "--server", $"127.0.0.1:{server.Port}");
        var json = CliRunner.Run("verify", Policy(), "--only", "dns", "--out", _temp.File("out"), "--server", $"127.0.0.1:{server.Port}", "--format", "json");

        Assert.True(text.Code == ExitCodes.Differences, text.ToString());
        Assert.StartsWith("error       dns   verify: sip.contoso.example. CNAME sipdir.online.microsoft.com.: in conflict, found CNAME sip.elsewhere.example.", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Differences, json.Code);
        var line = Assert.Single(JsonDocument.Parse(json.Stdout).RootElement.GetProperty("lines").EnumerateArray());
        Assert.Equal(("verify", "dns", "error"), (line.GetProperty("tenant").GetString(), line.GetProperty("check").GetString(), line.GetProperty("status").GetString()));
    }
}
