using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SfbPolicyGen.Tests.Support;

/// <summary>An RFC 3161 time-stamping authority on 127.0.0.1, on a port the test chose: HTTP by
/// HttpListener, the token made by `openssl ts -reply` (a TSA nobody here wrote) with a TSA certificate the
/// test's root issues. Stops with the test.</summary>
public sealed class TimestampAuthority : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _folder;
    private readonly string _config;
    private readonly string _openssl;
    private readonly Task _serving;
    private int _requests;

    public TimestampAuthority(CodeSigningFiles files)
    {
        _openssl = ExternalTool.Require("openssl", "openssl");
        _folder = Directory.CreateTempSubdirectory("sfb-tsa-").FullName;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=SfbPolicyGen Test TSA, O=SfbPolicyGen tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true)); // id-kp-timeStamping, critical (RFC 3161 2.3)
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(files.Intermediate, now.AddDays(-1), now.AddYears(1), [0x7A, 0x01]);
        File.WriteAllText(Path.Join(_folder, "tsa.pem"), certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Join(_folder, "chain.pem"), certificate.ExportCertificatePem() + "\n" + files.Intermediate.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Join(_folder, "tsa.key"), key.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(Path.Join(_folder, "serial"), "01\n");
        _config = Path.Join(_folder, "tsa.cnf");
        File.WriteAllText(_config, $"""
            [ tsa ]
            default_tsa = test_tsa
            [ test_tsa ]
            serial = {_folder}/serial
            signer_cert = {_folder}/tsa.pem
            certs = {_folder}/chain.pem
            signer_key = {_folder}/tsa.key
            signer_digest = sha256
            default_policy = 1.3.6.1.4.1.99999.1
            digests = sha256, sha384, sha512
            accuracy = secs:1
            ess_cert_id_alg = sha256
            """);

        Port = LoopbackPort.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(Serve);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/tsa");

    /// <summary>How many requests it answered with a token.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener stopped under a pending GetContext.
        }

        Directory.Delete(_folder, recursive: true);
    }

    private void Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (context.Response)
            {
                var id = Guid.NewGuid().ToString("N");
                var query = Path.Join(_folder, id + ".tsq");
                var reply = Path.Join(_folder, id + ".tsr");
                using (var file = File.Create(query))
                {
                    context.Request.InputStream.CopyTo(file);
                }

                var made = ExternalTool.Run(_openssl, ["ts", "-reply", "-config", _config, "-queryfile", query, "-out", reply]);
                if (context.Request.ContentType != "application/timestamp-query" || made.ExitCode != 0)
                {
                    context.Response.StatusCode = 400;
                    continue;
                }

                var token = File.ReadAllBytes(reply);
                context.Response.ContentType = "application/timestamp-reply";
                context.Response.OutputStream.Write(token);
                Interlocked.Increment(ref _requests);
            }
        }
    }
}
