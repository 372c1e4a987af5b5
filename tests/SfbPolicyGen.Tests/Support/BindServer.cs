using System.Diagnostics;

namespace SfbPolicyGen.Tests.Support;

/// <summary>BIND 9's named (Debian package bind9) serving primary zones on 127.0.0.1 at a port the test
/// picked, over UDP and TCP, accepting RFC 2136 updates signed with the test key; stopped, and its
/// folder removed, on Dispose, also when the test fails. No recursion, no notify, no control channel;
/// nothing listens beyond loopback. Its journal lives in that folder: the zone files given are never
/// written back while it runs.</summary>
public sealed class BindServer : LoopbackDnsServer
{
    private BindServer(Process process, string folder, int port)
        : base(process, folder, port)
    {
    }

    public override string Name => "named";

    /// <summary>named's full path; skips (or fails) the test when it is not installed.</summary>
    public static string Require() => ExternalTool.Require("named", "bind9");

    /// <param name="zones">Zone name (no trailing dot) and full zone text (see <see cref="TestZone"/>).</param>
    public static BindServer Start(IReadOnlyDictionary<string, string> zones)
    {
        var named = Require();
        var folder = Directory.CreateTempSubdirectory("sfb-named-").FullName;
        foreach (var (zone, text) in zones)
        {
            File.WriteAllText(Path.Combine(folder, zone + ".zone"), text);
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var configuration = Path.Combine(folder, "named.conf");
            File.WriteAllText(configuration, Configuration(folder, port, zones.Keys));
            var start = new ProcessStartInfo(named)
            {
                // -g: in the foreground, logging to stderr; as root, named would otherwise switch to the
                // "bind" user, which may not read a test's temporary folder.
                ArgumentList = { "-g", "-c", configuration },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            if (Environment.UserName == "root")
            {
                start.ArgumentList.Add("-u");
                start.ArgumentList.Add("root");
            }

            var process = Process.Start(start)!;
            var log = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            var server = new BindServer(process, folder, port);
            if (server.WaitUntilServing(zones.Keys.First()))
            {
                return server;
            }

            server.Stop();
            if (attempt == 3)
            {
                Directory.Delete(folder, recursive: true);
                Assert.Fail($"named did not serve on 127.0.0.1:{port}: {log.Result}");
            }
        }
    }

    private static string Configuration(string folder, int port, IEnumerable<string> zones) => $$"""
        options {
            directory "{{folder}}";
            pid-file "{{folder}}/named.pid";
            listen-on port {{port}} { 127.0.0.1; };
            listen-on-v6 { none; };
            recursion no;
            dnssec-validation no;
            notify no;
            allow-transfer { 127.0.0.1; };
        };
        controls { };
        key "{{KnotServer.UpdateKeyName}}" { algorithm hmac-sha256; secret "{{KnotServer.UpdateKeySecret}}"; };
        {{string.Concat(zones.Select(z => $$"""
            zone "{{z}}" { type primary; file "{{folder}}/{{z}}.zone"; journal "{{folder}}/{{z}}.jnl"; allow-update { key "{{KnotServer.UpdateKeyName}}"; }; };

            """))}}
        """;
}
