using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace SfbPolicyGen.Verification;

/// <summary>The HTTP client of verify's AD FS check: SocketsHttpHandler, its ConnectCallback carrying out
/// --connect (<see cref="ConnectTarget.Map"/>), its TLS accepting what <see cref="AdfsTrust"/> accepts
/// (a chain to a system root or a --ca-file root, in date, for the URL's name). No proxy (the check is of
/// the service itself), no redirect followed, "Connection: close", 5 seconds per request; disposing it
/// closes every connection.</summary>
internal sealed class AdfsHttp : IDisposable
{
    /// <summary>More than any federation metadata (AD FS's is tens of kilobytes).</summary>
    public const int MaxBody = 4 * 1024 * 1024;

    private readonly HttpClient _client;

    public AdfsHttp(AdfsTrust trust, ConnectTarget? connect, string serviceName, TimeProvider clock)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectTimeout = AdfsVerifier.Timeout,
            ConnectCallback = async (context, ct) =>
            {
                var (host, port) = ConnectTarget.Map(connect, serviceName, context.DnsEndPoint.Host, context.DnsEndPoint.Port);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(host, port, ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                    certificate is X509Certificate2 leaf
                    && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
                    && trust.Accepts(leaf, chain?.ChainPolicy.ExtraStore ?? [], clock.GetUtcNow()),
            },
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = AdfsVerifier.Timeout };
    }

    public void Dispose() => _client.Dispose();

    /// <summary>A GET: the status and up to <see cref="MaxBody"/> bytes of the body (null beyond), or
    /// why there is no answer (Unreachable: nothing answered; Error: TLS refused, say).</summary>
    public async Task<(HttpStatusCode Status, byte[]? Body, (CheckStatus Status, string Message)? Failure)> GetAsync(Uri url, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.ConnectionClose = true;
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var body = new MemoryStream();
                var buffer = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > MaxBody)
                    {
                        return (response.StatusCode, null, null);
                    }

                    body.Write(buffer, 0, read);
                }

                return (response.StatusCode, body.ToArray(), null);
            }
        }
        catch (HttpRequestException e)
        {
            var unreachable = e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;
            return (0, null, (unreachable ? CheckStatus.Unreachable : CheckStatus.Error, $"GET {url} failed: {Describe(e)}"));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (0, null, (CheckStatus.Unreachable, $"GET {url}: no answer within {AdfsVerifier.Timeout.Seconds} s"));
        }
        catch (IOException e)
        {
            return (0, null, (CheckStatus.Error, $"GET {url}: the connection broke off ({e.Message})"));
        }
    }

    /// <summary>AD FS's probe answers 200 when the service runs (docs/ARTICLE.md, "The ADFS check").</summary>
    public async Task<(CheckStatus Status, string Message)> ProbeAsync(Uri url, CancellationToken ct)
    {
        var (status, _, failure) = await GetAsync(url, ct).ConfigureAwait(false);
        return failure ?? (status == HttpStatusCode.OK
            ? (CheckStatus.Ok, "the probe answers 200")
            : (CheckStatus.Error, $"the probe answers {(int)status} {status}, not 200"));
    }

    private static string Describe(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.SecureConnectionError => "the HTTPS connection was refused: its certificate is not trusted, not in date or not for this name (see the TLS lines)",
        HttpRequestError.ConnectionError => e.InnerException is System.Net.Sockets.SocketException socket ? AdfsVerifier.Reason(socket) : "no connection",
        HttpRequestError.NameResolutionError => "the name does not resolve",
        _ => e.Message,
    };
}
