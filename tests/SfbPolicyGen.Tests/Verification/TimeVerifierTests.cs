using System.Net;
using System.Net.Sockets;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Support;
using SfbPolicyGen.Verification;

namespace SfbPolicyGen.Tests.Verification;

/// <summary>TimeVerifier against SNTP servers on 127.0.0.1: one of the test's own that lies about the time
/// by a set offset (the verifier's clock stopped, so the offset is exact and the message literal), and
/// chrony's chronyd on its own port. Thresholds: a warning past 60 s, an error past time.maxSkewSeconds.</summary>
public class TimeVerifierTests
{
    private static readonly StoppedClock Clock = new(new DateTimeOffset(2026, 12, 4, 18, 0, 0, TimeSpan.Zero));

    private static TenantPolicy Tenant(string time = "time: {ntpServers: [\"time.windows.com,0x8\", ntp1.example.org], maxSkewSeconds: 300}\n") =>
        PolicyLoader.Load("p.yaml", System.Text.Encoding.UTF8.GetBytes($"tenant: {{name: adatum}}\ndomains: [adatum.example]\n{time}"), new SfbPolicyGen.Diagnostics.DiagnosticBag())!;

    private static async Task<CheckLine> AskAsync(string server, TimeProvider clock, TimeSpan? timeout = null)
    {
        var lines = await TimeVerifier.CheckAsync(Tenant(), new TimeCheckOptions(null, clock, [server]) { Timeout = timeout ?? TimeSpan.FromSeconds(3) }, CancellationToken.None);
        var line = Assert.Single(lines);
        Assert.Equal(("adatum", "time", server), (line.Tenant, line.Check, line.Subject));
        return line;
    }

    [Theory]
    [InlineData(0, CheckStatus.Ok, "offset 0.000 s (the server's clock minus this computer's)")]
    [InlineData(59.5, CheckStatus.Ok, "offset +59.500 s (the server's clock minus this computer's)")]
    [InlineData(90, CheckStatus.Warning, "offset +90.000 s (the server's clock minus this computer's): past 60 s; sign-in fails past 300 s")]
    [InlineData(-90, CheckStatus.Warning, "offset -90.000 s (the server's clock minus this computer's): past 60 s; sign-in fails past 300 s")]
    [InlineData(400, CheckStatus.Error, "offset +400.000 s (the server's clock minus this computer's): past the maximum of 300 s (time.maxSkewSeconds): Kerberos fails, and users see \"System clock out of sync with server clock\"")]
    [InlineData(-3600, CheckStatus.Error, "offset -3600.000 s (the server's clock minus this computer's): past the maximum of 300 s (time.maxSkewSeconds): Kerberos fails, and users see \"System clock out of sync with server clock\"")]
    public async Task A_server_that_lies_by_a_set_offset_is_judged_by_it(double seconds, CheckStatus status, string message)
    {
        using var server = new LyingSntpServer(Clock, TimeSpan.FromSeconds(seconds));

        var line = await AskAsync(server.Address, Clock);

        Assert.Equal((status, message), (line.Status, line.Message));
    }

    [Fact]
    public async Task The_maximum_is_the_policy_s()
    {
        using var server = new LyingSntpServer(Clock, TimeSpan.FromSeconds(150));
        var tenant = Tenant("time: {maxSkewSeconds: 120}\n");

        var line = Assert.Single(await TimeVerifier.CheckAsync(tenant, new TimeCheckOptions(null, Clock, [server.Address]), CancellationToken.None));

        Assert.Equal(CheckStatus.Error, line.Status);
        Assert.StartsWith("offset +150.000 s (the server's clock minus this computer's): past the maximum of 120 s", line.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 0x24, "the answer's mode is 3, not 4 (server)")]
    [InlineData(2, 0, "the answer is not to the request sent (its originate timestamp differs)")]
    [InlineData(3, 0, "the server refused to answer (kiss-o'-death 'RATE')")]
    [InlineData(4, 0, "the server says its own clock is not synchronised (leap indicator 3)")]
    public async Task A_reply_that_cannot_be_used_is_an_error_saying_why(int spoil, int unused, string message)
    {
        _ = unused;
        using var server = new LyingSntpServer(Clock, TimeSpan.Zero, reply =>
        {
            switch (spoil)
            {
                case 1: reply[0] = 0x23; break;
                case 2: reply[31] ^= 1; break;
                case 3: reply[1] = 0; "RATE"u8.CopyTo(reply.AsSpan(12)); break;
                case 4: reply[0] |= 0xC0; break;
            }
        });

        var line = await AskAsync(server.Address, Clock);

        Assert.Equal((CheckStatus.Error, message), (line.Status, line.Message));
    }

    [Fact]
    public async Task A_closed_port_is_unreachable()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var address = $"127.0.0.1:{((IPEndPoint)socket.Client.LocalEndPoint!).Port}";
        socket.Dispose();

        var line = await AskAsync(address, Clock);

        Assert.Equal((CheckStatus.Unreachable, "connection refused (is an NTP server running there?)"), (line.Status, line.Message));
    }

    [Fact]
    public async Task A_server_that_never_answers_is_unreachable()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        var line = await AskAsync($"127.0.0.1:{((IPEndPoint)silent.Client.LocalEndPoint!).Port}", Clock, TimeSpan.FromMilliseconds(300));

        Assert.Equal((CheckStatus.Unreachable, "no answer within 0.3 s (is an NTP server running there?)"), (line.Status, line.Message));
    }

    [Fact]
    public void The_policy_s_servers_are_asked_without_their_flags_then_the_domain_controller()
    {
        Assert.Equal(["time.windows.com", "ntp1.example.org", "dc1.corp.example:123"], TimeVerifier.Subjects(Tenant(), new TimeCheckOptions("dc1.corp.example:123", Clock)));
        Assert.Equal(["dc1.corp.example"], TimeVerifier.Subjects(Tenant(""), new TimeCheckOptions("dc1.corp.example", Clock)));
        Assert.Empty(TimeVerifier.Subjects(Tenant(""), new TimeCheckOptions(null, Clock)));
    }

    [Theory]
    [InlineData("2026-12-04T18:00:00.5+00:00", "EEBD7E20" + "80000000")]
    [InlineData("2036-02-07T06:28:16+00:00", "00000000" + "00000000")]
    [InlineData("2040-01-01T00:00:00+00:00", "0754FD00" + "00000000")]
    public void Timestamps_are_seconds_since_1900_and_a_fraction_with_era_1_from_2036(string time, string hex)
    {
        var value = DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
        var bytes = new byte[8];

        TimeVerifier.WriteTimestamp(bytes, value);

        Assert.Equal(hex, Convert.ToHexString(bytes));
        Assert.Equal(value, TimeVerifier.ReadTimestamp(bytes));
    }

    /// <summary>chronyd serving its own clock (local stratum 8, no server lines, -x: the system clock is
    /// left alone) on a port of the test's: the offset from this computer, which chrony's clock is, is
    /// well under a second.</summary>
    [SkippableFact]
    public async Task Chrony_on_its_own_port_is_within_a_second()
    {
        var chronyd = ExternalTool.Require("chronyd", "chrony");
        using var folder = Consumers.ConsumerSuite.NewTempFolder();
        var port = LoopbackPort.Free();
        var config = folder.File("chrony.conf");
        File.WriteAllText(config, $"port {port}\nlocal stratum 8\nallow 127.0.0.1\nbindaddress 127.0.0.1\ncmdport 0\npidfile {folder.File("chronyd.pid")}\n");
        var start = new System.Diagnostics.ProcessStartInfo(chronyd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-d", "-x", "-f", config, "-u", Environment.UserName })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        try
        {
            CheckLine? line = null;
            // chronyd binds its port a moment after it starts, and a closed UDP port refuses at once: ask
            // again every 100 ms, for up to 10 s, until it answers.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (line is not { Status: CheckStatus.Ok } && DateTime.UtcNow < deadline && !process.HasExited)
            {
                line = await AskAsync($"127.0.0.1:{port}", TimeProvider.System, TimeSpan.FromMilliseconds(500));
                if (line is not { Status: CheckStatus.Ok })
                {
                    await Task.Delay(100);
                }
            }

            Assert.True(line is { Status: CheckStatus.Ok }, $"{line}\n{(process.HasExited ? process.StandardError.ReadToEnd() : "chronyd running")}");
            Assert.Matches(@"^offset [+-]?0\.\d{3} s \(the server's clock minus this computer's\)$", line.Message);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }
}
