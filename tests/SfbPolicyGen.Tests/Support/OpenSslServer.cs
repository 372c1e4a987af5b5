using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace SfbPolicyGen.Tests.Support;

/// <summary>A real TLS web server, <c>openssl s_server -WWW</c> (Debian package openssl), on 127.0.0.1 at a
/// port the test picked, serving the files it is given relative to its working folder; stopped, and its
/// folder removed, on Dispose, also when the test fails. Nothing listens beyond loopback.</summary>
public sealed class OpenSslServer : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private OpenSslServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>127.0.0.1:PORT, as --connect takes it.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <param name="certificate">With its private key (ECDSA).</param>
    /// <param name="files">Path under the server's root (with '/') and content.</param>
    /// <param name="chain">Certificates it sends after its own (-cert_chain), none by default.</param>
    public static OpenSslServer Start(X509Certificate2 certificate, IReadOnlyDictionary<string, string> files, IReadOnlyList<X509Certificate2>? chain = null)
    {
        var openssl = ExternalTool.Require("openssl", "openssl");
        var folder = Directory.CreateTempSubdirectory("sfb-openssl-").FullName;
        var www = Directory.CreateDirectory(Path.Combine(folder, "www")).FullName;
        File.WriteAllText(Path.Combine(folder, "leaf.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "leaf.key"), TestCertificates.KeyPem(certificate));
        File.WriteAllText(Path.Combine(folder, "chain.pem"), string.Concat((chain ?? []).Select(c => c.ExportCertificatePem() + "\n")));
        foreach (var (path, text) in files)
        {
            var file = Path.Combine(www, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }

        // A port that was free a moment ago can be taken before s_server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var start = new ProcessStartInfo(openssl)
            {
                ArgumentList = { "s_server", "-accept", $"127.0.0.1:{port}", "-cert", Path.Combine(folder, "leaf.pem"), "-key", Path.Combine(folder, "leaf.key"), "-WWW", "-quiet" },
                WorkingDirectory = www,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (chain is { Count: > 0 })
            {
                start.ArgumentList.Add("-cert_chain");
                start.ArgumentList.Add(Path.Combine(folder, "chain.pem"));
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new OpenSslServer(process, folder, port);
            if (server.WaitUntilAccepting())
            {
                return server;
            }

            server.Stop();
            if (attempt == 3)
            {
                Directory.Delete(folder, recursive: true);
                Assert.Fail($"openssl s_server did not listen on 127.0.0.1:{port}");
            }
        }
    }

    private bool WaitUntilAccepting()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10) && !_process.HasExited)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect("127.0.0.1", Port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        return false;
    }

    private void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
        _process.Dispose();
    }

    public void Dispose()
    {
        Stop();
        Directory.Delete(_folder, recursive: true);
    }
}
