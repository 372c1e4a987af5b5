using System.Diagnostics;

namespace SfbPolicyGen.Tests.Support;

/// <summary>A real authoritative DNS server (Knot DNS, Debian package knot) serving zones on 127.0.0.1
/// at a port the test picked, over UDP and TCP; stopped, and its folder removed, on Dispose, also when
/// the test fails. Nothing listens beyond loopback.</summary>
public sealed class KnotServer : LoopbackDnsServer
{
    private KnotServer(Process process, string folder, int port)
        : base(process, folder, port)
    {
    }

    public override string Name => "knotd";

    /// <summary>knotd's full path; skips (or fails) the test when it is not installed.</summary>
    public static string Require() => ExternalTool.Require("knotd", "knot");

    /// <summary>The TSIG key (hmac-sha256, base64) a server started with updates accepts RFC 2136
    /// updates with; a test key, only ever sent to 127.0.0.1.</summary>
    public const string UpdateKeyName = "sfb-test";

    public const string UpdateKeySecret = "c2ZicG9saWN5Z2VuLXRlc3Qta2V5LTAxMjM0NTY3ODk=";

    /// <summary>The key as knsupdate's and nsupdate's -y take it.</summary>
    public static string UpdateKey => $"hmac-sha256:{UpdateKeyName}:{UpdateKeySecret}";

    /// <param name="zones">Zone name (no trailing dot) and full zone text (see <see cref="TestZone"/>).</param>
    /// <param name="acceptUpdates">Accept RFC 2136 updates signed with <see cref="UpdateKey"/>.</param>
    /// <param name="transferable">The zones whose transfer (AXFR) 127.0.0.1 may ask for; knotd refuses
    /// any other (NOTAUTH).</param>
    public static KnotServer Start(IReadOnlyDictionary<string, string> zones, bool acceptUpdates = false, IReadOnlyCollection<string>? transferable = null)
    {
        var knotd = Require();
        var folder = Directory.CreateTempSubdirectory("sfb-knot-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "zones"));
        foreach (var (zone, text) in zones)
        {
            File.WriteAllText(Path.Combine(folder, "zones", zone + ".zone"), text);
        }

        // A port that was free a moment ago can be taken (for UDP or TCP) before knotd binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.Free();
            File.WriteAllText(Path.Combine(folder, "knot.conf"), Configuration(folder, port, zones.Keys, acceptUpdates, transferable ?? []));
            var process = Process.Start(new ProcessStartInfo(knotd)
            {
                ArgumentList = { "-c", Path.Combine(folder, "knot.conf") },
                RedirectStandardError = true, // its log (configured to stderr); it writes nothing to stdout
                UseShellExecute = false,
            })!;
            var log = process.StandardError.ReadToEndAsync();
            var server = new KnotServer(process, folder, port);
            if (server.WaitUntilServing(zones.Keys.First()))
            {
                return server;
            }

            server.Stop();
            if (attempt == 3)
            {
                Directory.Delete(folder, recursive: true);
                Assert.Fail($"knotd did not serve on 127.0.0.1:{port}: {log.Result}");
            }
        }
    }

    /// <summary>Journal and zone-file sync off: the server never writes back into the zones it was given
    /// (updates live in memory until it stops). Updates only with the test key, transfers only where a
    /// zone names the loopback ACL (knotd's default refuses both).</summary>
    private static string Configuration(string folder, int port, IEnumerable<string> zones, bool acceptUpdates, IReadOnlyCollection<string> transferable) => $"""
        server:
            rundir: "{folder}"
            listen: 127.0.0.1@{port}
        database:
            storage: "{folder}/db"
        log:
          - target: stderr
            any: warning
        {(acceptUpdates ? $"key:\n  - id: {UpdateKeyName}\n    algorithm: hmac-sha256\n    secret: {UpdateKeySecret}\n" : "")}
        acl:
          - id: transfer-from-loopback
            address: 127.0.0.1
            action: transfer
        {(acceptUpdates ? $"  - id: update\n    key: {UpdateKeyName}\n    action: update\n" : "")}
        template:
          - id: default
            storage: "{folder}/zones"
            zonefile-sync: -1
            zonefile-load: whole
            journal-content: none
        zone:
        {string.Concat(zones.Select(z => $"  - domain: {z}.\n    file: {z}.zone\n" + ZoneAcl(transferable.Contains(z), acceptUpdates)))}
        """;

    private static string ZoneAcl(bool transfer, bool update) => (transfer, update) switch
    {
        (true, true) => "    acl: [transfer-from-loopback, update]\n",
        (true, false) => "    acl: transfer-from-loopback\n",
        (false, true) => "    acl: update\n",
        (false, false) => "",
    };
}
