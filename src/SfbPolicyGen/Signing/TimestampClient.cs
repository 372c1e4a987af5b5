using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace SfbPolicyGen.Signing;

/// <summary>The time-stamping authority asked did not give a usable token.</summary>
public sealed class TimestampException(string message) : Exception(message);

/// <summary>RFC 3161 over HTTP (RFC 3161 section 3.4: POST <c>application/timestamp-query</c>, answer
/// <c>application/timestamp-reply</c>): a token over a signature value, which Authenticode keeps as the
/// signer's unsigned attribute 1.3.6.1.4.1.311.3.3.1 (docs/SIGNING.md, "Timestamps"). A token carries the
/// time it was made, so a timestamped script differs at each signing: generate then keeps a script whose
/// content and signer have not changed (<see cref="Output.SignedScripts"/>).</summary>
public sealed class TimestampClient(Uri url, TimeSpan timeout) : IDisposable
{
    internal const string AuthenticodeTokenOid = "1.3.6.1.4.1.311.3.3.1";

    private readonly HttpClient _http = new() { Timeout = timeout };

    public Uri Url { get; } = url;

    public void Dispose() => _http.Dispose();

    /// <summary>One POST on a connection of its own (Connection: close): a pooled connection the server
    /// has since closed fails the request instead of waiting for a new one. A request that fails before
    /// any answer is sent once more, as a signing tool does; an HTTP error is not.</summary>
    private HttpResponseMessage Send(byte[] query)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(query) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
            message.Headers.ConnectionClose = true;
            try
            {
                return _http.Send(message);
            }
            catch (HttpRequestException) when (attempt < 2)
            {
                // Once more, on a new connection.
            }
        }
    }

    /// <returns>The token's DER (a SignedData).</returns>
    /// <exception cref="TimestampException">No answer, an HTTP error, or a reply that is not a granted token over this value.</exception>
    public byte[] Stamp(byte[] signature)
    {
        var request = Rfc3161TimestampRequest.CreateFromData(signature, HashAlgorithmName.SHA256, requestSignerCertificates: true, nonce: RandomNumberGenerator.GetBytes(8));
        try
        {
            using var response = Send(request.Encode());
            if (!response.IsSuccessStatusCode)
            {
                throw new TimestampException($"the time-stamping authority {Url} answered HTTP {(int)response.StatusCode}");
            }

            using var body = new MemoryStream();
            response.Content.ReadAsStream().CopyTo(body);
            return request.ProcessResponse(body.ToArray(), out _).AsSignedCms().Encode();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or CryptographicException)
        {
            throw new TimestampException($"the time-stamping authority {Url} gave no token: {ex.Message.TrimEnd('.')}");
        }
    }
}
