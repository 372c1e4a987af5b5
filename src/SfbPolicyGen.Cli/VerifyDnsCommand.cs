using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DnsClient;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;
using SfbPolicyGen.Verification;

namespace SfbPolicyGen.Cli;

/// <summary><c>verify-dns [FILE...] [--out DIR] [--server HOST[:PORT]] [--tcp] [--timeout SECONDS]</c>: asks a
/// DNS server (default: the system resolver) what each of the tool's names holds in each domain and
/// retired domain of each tenant, and prints one line per name that has something to say, whatever the
/// others got (<see cref="DnsVerifier"/>). DIR's manifest says what earlier runs published (the tool's to
/// replace or remove). Exit 0 when all is right; 1 on a finding (a record missing, outdated, in conflict,
/// unwanted, or unanswered while the server answered others); 2 on bad input; 3 when no name got a usable
/// answer (timeout, unreachable, SERVFAIL, REFUSED, garbage), so CI can tell "DNS is wrong" from "DNS
/// could not be asked".</summary>
internal static class VerifyDnsCommand
{
    public static Command Create(CommandOutput console)
    {
        var files = CommonOptions.Files();
        var server = new Option<string?>("--server") { Description = "The DNS server to ask, HOST[:PORT] (default: the system resolver; IPv6 as [::1]:53)." };
        var tcp = new Option<bool>("--tcp") { Description = "Ask over TCP instead of UDP." };
        var timeout = CommonOptions.DnsTimeout();

        var output = CommonOptions.Out();
        output.Description = "The output folder whose manifest says what earlier runs published.";
        var command = new Command("verify-dns", "Ask a DNS server whether each tenant's DNS names hold what the policy wants, and nothing of Microsoft's it does not.") { files, output, server, tcp, timeout };
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

            var outDirectory = parsed.GetValue(output)!;
            var history = Directory.Exists(outDirectory) ? DnsHistory.From(Output.Manifest.Load(outDirectory).Facts.Values) : DnsHistory.None;
            var checks = await DnsVerifier.CheckAsync(tenants, history, client, cancellationToken).ConfigureAwait(false);
            foreach (var check in checks)
            {
                console.Out.WriteLine(Line(check));
            }

            var where = $"{(address is null ? "the system resolver " : "")}{string.Join(", ", client.NameServers.Select(n => n.ToString()))} over {(useTcp ? "TCP" : "UDP")}";
            int Count(RecordVerdict verdict) => checks.Count(c => c.Verdict == verdict);
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{checks.Count} name(s) of {tenants.Count} tenant(s) asked of {where}: {Count(RecordVerdict.Right)} right, {Count(RecordVerdict.Missing)} missing, {Count(RecordVerdict.Outdated)} outdated, {Count(RecordVerdict.Conflict)} in conflict, {Count(RecordVerdict.Unwanted)} unwanted, {Count(RecordVerdict.Kept)} kept, {Count(RecordVerdict.Unanswered)} unanswered."));
            if (checks.Count > 0 && Count(RecordVerdict.Unanswered) == checks.Count)
            {
                var why = checks.Select(c => c.Detail).Distinct(StringComparer.Ordinal);
                return console.DnsServerError($"no name got a usable answer from {where}: {string.Join("; ", why)}");
            }

            return checks.Any(c => c.IsFinding) ? ExitCodes.Differences : ExitCodes.Success;
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
            RecordVerdict.Outdated => "outdated",
            RecordVerdict.Conflict => "conflict",
            RecordVerdict.Unwanted => "unwanted",
            RecordVerdict.Kept => "kept",
            RecordVerdict.Unanswered => "no answer",
        };
        var found = check.Verdict is RecordVerdict.Outdated or RecordVerdict.Conflict ? $"found {string.Join(", ", check.Found)}" : null;
        var detail = string.Join("; ", new[] { found, check.Detail }.OfType<string>());
        return $"{status,-9} {check.Owner} {check.Subject}{(detail.Length == 0 ? "" : $" ({FreeText.Shown(detail, int.MaxValue)})")}";
    }

    internal static async Task<LookupClient?> CreateClientAsync(DnsServerAddress? address, bool tcp, TimeSpan timeout, CommandOutput console, CancellationToken cancellationToken)
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
