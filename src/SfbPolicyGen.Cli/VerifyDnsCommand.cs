using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DnsClient;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;
using SfbPolicyGen.Verification;

namespace SfbPolicyGen.Cli;

/// <summary><c>verify-dns [FILE...] [--server HOST[:PORT]] [--tcp] [--timeout SECONDS]</c>: asks a DNS
/// server (default: the system resolver) for every record each tenant's profile requires and prints one
/// line per record, whatever the others got. Exit 0 when all are right; 1 when one is missing, different
/// or unanswered while the server answered others (a zone it refuses among zones it serves); 2 on bad
/// input; 3 when no record got a usable answer (timeout, unreachable, SERVFAIL, REFUSED, garbage), so
/// CI can tell "DNS is wrong" from "DNS could not be asked".</summary>
internal static class VerifyDnsCommand
{
    public static Command Create(CommandOutput console)
    {
        var files = CommonOptions.Files();
        var server = new Option<string?>("--server") { Description = "The DNS server to ask, HOST[:PORT] (default: the system resolver; IPv6 as [::1]:53)." };
        var tcp = new Option<bool>("--tcp") { Description = "Ask over TCP instead of UDP." };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for each answer (1-60, default 3).",
            DefaultValueFactory = _ => 3,
        };
        timeout.Validators.Add(result =>
        {
            // A token that is no number is the parser's error already (GetValueOrDefault would throw on it).
            if (result.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) && seconds is < 1 or > 60)
            {
                result.AddError("--timeout must be a whole number of seconds from 1 to 60");
            }
        });

        var command = new Command("verify-dns", "Ask a DNS server for every record the tenants' DNS profile requires.") { files, server, tcp, timeout };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            DnsServerAddress? address = null;
            if (parsed.GetValue(server) is { } serverText && !DnsServerAddress.TryParse(serverText, out address, out var error))
            {
                return console.UsageError($"--server: {error}");
            }

            if (CommonOptions.Inputs(parsed, files, console) is not { } inputs)
            {
                return ExitCodes.InvalidInput;
            }

            var diagnostics = new DiagnosticBag();
            var tenants = Generator.LoadAll(inputs, diagnostics).Tenants;
            if (console.Report(diagnostics))
            {
                return ExitCodes.InvalidInput;
            }

            var useTcp = parsed.GetValue(tcp);
            var client = await CreateClientAsync(address, useTcp, TimeSpan.FromSeconds(parsed.GetValue(timeout)), console, cancellationToken).ConfigureAwait(false);
            if (client is null)
            {
                return ExitCodes.IoOrInternalError;
            }

            var checks = await DnsVerifier.CheckAsync(tenants, client, cancellationToken).ConfigureAwait(false);
            foreach (var check in checks)
            {
                console.Out.WriteLine(Line(check));
            }

            var where = $"{(address is null ? "the system resolver " : "")}{string.Join(", ", client.NameServers.Select(n => n.ToString()))} over {(useTcp ? "TCP" : "UDP")}";
            int Count(RecordVerdict verdict) => checks.Count(c => c.Verdict == verdict);
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{checks.Count} record(s) of {tenants.Count} tenant(s) asked of {where}: {Count(RecordVerdict.Right)} right, {Count(RecordVerdict.Missing)} missing, {Count(RecordVerdict.Different)} different, {Count(RecordVerdict.Unanswered)} unanswered."));
            if (checks.Count > 0 && Count(RecordVerdict.Unanswered) == checks.Count)
            {
                var why = checks.Select(c => c.Detail).Distinct(StringComparer.Ordinal);
                return console.DnsServerError($"no record got a usable answer from {where}: {string.Join("; ", why)}");
            }

            return checks.All(c => c.Verdict == RecordVerdict.Right) ? ExitCodes.Success : ExitCodes.Differences;
        });
        return command;
    }

    /// <summary><c>ok        sip.contoso.com. CNAME sipdir.online.lync.com.</c>, then what was found or why.</summary>
    public static string Line(RecordCheck check)
    {
        var status = check.Verdict switch
        {
            RecordVerdict.Right => "ok",
            RecordVerdict.Missing => "missing",
            RecordVerdict.Different => "different",
            RecordVerdict.Unanswered => "no answer",
        };
        var detail = check.Verdict == RecordVerdict.Different ? "found " + string.Join(", ", check.Found) : check.Detail;
        return $"{status,-9} {check.Owner} {check.ExpectedText}{(detail is null ? "" : $" ({FreeText.Shown(detail, int.MaxValue)})")}";
    }

    private static async Task<LookupClient?> CreateClientAsync(DnsServerAddress? address, bool tcp, TimeSpan timeout, CommandOutput console, CancellationToken cancellationToken)
    {
        LookupClientOptions options;
        if (address is null)
        {
            options = new LookupClientOptions();
        }
        else
        {
            IPAddress[] ips;
            try
            {
                ips = await address.ResolveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                console.DnsServerError(address.CannotResolve(ex));
                return null;
            }

            options = new LookupClientOptions([.. ips.Select(ip => new IPEndPoint(ip, address.Port))]);
        }

        // No cache and no retries beyond one: the point is what the server holds now. DNS errors come
        // back as response codes (ThrowDnsErrors off) so NXDOMAIN is "missing", not an exception. No
        // silent switch to TCP: DnsClient 1.8.0 takes a UDP answer that does not parse for a truncated
        // one and asks again over TCP, so a server that answers garbage over UDP would be reported by
        // what TCP said ("Connection refused"). Without it, such an answer (or a truncated one, unlikely
        // with EDNS's 4096 bytes for one CNAME or SRV) says to ask again with --tcp (DnsVerifier).
        options.UseCache = false;
        options.Timeout = timeout;
        options.Retries = 1;
        options.UseTcpOnly = tcp;
        options.UseTcpFallback = false;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = false;
        options.ContinueOnEmptyResponse = false;
        options.UseRandomNameServer = false;
        try
        {
            return new LookupClient(options);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or DnsResponseException)
        {
            console.DnsServerError($"no DNS server to ask ({ex.Message}); give one with --server");
            return null;
        }
    }
}
