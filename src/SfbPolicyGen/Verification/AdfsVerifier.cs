using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Verification;

/// <summary>verify's AD FS check (docs/ARTICLE.md, "The ADFS check"): the article's "The server is
/// temporarily unavailable" when AD FS has a self-signed certificate. It connects to the federation
/// service over TLS (SNI = its name), accepts whatever certificate it presents and judges it itself,
/// one line each: the chain, the Server Authentication EKU, the name (RFC 6125), the expiry; then the
/// federation metadata and each token-signing certificate in it; then, where asked, /adfs/probe.
/// Every connection is closed before it returns; each waits 5 seconds at most.</summary>
public static class AdfsVerifier
{
    public const string Check = "adfs";

    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>The lines of one tenant, none without an adfs section. A CA file that cannot be read and
    /// a --connect that is not HOST:PORT are one error line each (the CLI reports them first, see
    /// <see cref="AdfsCheckOptions.Problem"/>).</summary>
    /// <param name="clock">"Now" for every expiry (a test's fixed time).</param>
    public static async Task<IReadOnlyList<CheckLine>> CheckAsync(TenantPolicy tenant, AdfsCheckOptions options, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        if (tenant.Adfs is not { } adfs)
        {
            return [];
        }

        var lines = new List<CheckLine>();
        void Add(string subject, (CheckStatus Status, string Message) verdict) => lines.Add(new CheckLine(tenant.Name, Check, subject, verdict.Status, verdict.Message));

        if (options.Problem is { } problem)
        {
            Add("--connect", (CheckStatus.Error, problem));
            return lines;
        }

        AdfsTrust trust;
        try
        {
            trust = AdfsTrust.Load(options.CaFile);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            Add("--ca-file", (CheckStatus.Error, $"cannot read the CA file {options.CaFile}: {e.Message}"));
            return lines;
        }

        using (trust)
        {
            var connect = options.ConnectTo is null ? null : ConnectTarget.Parse(options.ConnectTo);
            var name = adfs.FederationServiceName;
            var now = clock.GetUtcNow();
            var presented = await HandshakeAsync(name, connect, ct).ConfigureAwait(false);
            if (presented.Leaf is not { } leaf)
            {
                Add($"{name} TLS", presented.Failure!.Value);
            }
            else
            {
                using (leaf)
                {
                    Add($"{name} TLS chain", trust.Judge(leaf, presented.Others, now));
                    Add($"{name} TLS EKU", AdfsCertificateRules.Eku(leaf));
                    Add($"{name} TLS name", AdfsCertificateRules.Name(leaf, name));
                    Add($"{name} TLS expiry", AdfsCertificateRules.Expiry(leaf, now));
                }
            }

            foreach (var other in presented.Others)
            {
                other.Dispose();
            }

            using var http = new AdfsHttp(trust, connect, name, clock);
            foreach (var line in await AdfsMetadata.CheckAsync(http, adfs.MetadataUrl, now, ct).ConfigureAwait(false))
            {
                Add(line.Subject, (line.Status, line.Message));
            }

            if (adfs.Probe)
            {
                Add(adfs.ProbeUrl.ToString(), await http.ProbeAsync(adfs.ProbeUrl, ct).ConfigureAwait(false));
            }
        }

        return lines;
    }

    private sealed record Presented(X509Certificate2? Leaf, X509Certificate2Collection Others, (CheckStatus, string)? Failure);

    /// <summary>One TLS handshake, any certificate accepted (it is judged afterwards), nothing sent
    /// after it. The certificates the server sent besides its own are kept for the chain.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5359", Justification = "The check accepts any certificate to judge it itself, line by line; nothing is sent over this connection.")]
    private static async Task<Presented> HandshakeAsync(string name, ConnectTarget? connect, CancellationToken ct)
    {
        var (host, port) = ConnectTarget.Map(connect, name, name, ConnectTarget.HttpsPort);
        var others = new X509Certificate2Collection();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new(null, others, (CheckStatus.Unreachable, $"no TLS connection to {host}:{port}: {Reason(e)}"));
        }

        var stream = new NetworkStream(socket, ownsSocket: false);
        await using (stream.ConfigureAwait(false))
        {
            var tls = new SslStream(stream, leaveInnerStreamOpen: false);
            await using (tls.ConfigureAwait(false))
            {
                var options = new SslClientAuthenticationOptions
                {
                    TargetHost = name,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    RemoteCertificateValidationCallback = (_, _, chain, _) =>
                    {
                        foreach (var certificate in chain?.ChainPolicy.ExtraStore ?? [])
                        {
                            others.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
                        }

                        return true;
                    },
                };
                try
                {
                    await tls.AuthenticateAsClientAsync(options, timeout.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is AuthenticationException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
                {
                    return new(null, others, (e is OperationCanceledException ? CheckStatus.Unreachable : CheckStatus.Error, $"the TLS handshake with {host}:{port} failed: {Reason(e)}"));
                }

                return tls.RemoteCertificate is { } remote
                    ? new(X509CertificateLoader.LoadCertificate(remote.GetRawCertData()), others, null)
                    : new(null, others, (CheckStatus.Error, $"{host}:{port} presented no certificate"));
            }
        }
    }

    internal static string Reason(Exception e) => e switch
    {
        OperationCanceledException => $"no answer within {Timeout.Seconds} s",
        SocketException socket => socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused (nothing listens there)",
            SocketError.HostNotFound or SocketError.NoData => "the name does not resolve",
            SocketError.TimedOut => $"no answer within {Timeout.Seconds} s",
            var code => code.ToString(),
        },
        _ => e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message,
    };
}
