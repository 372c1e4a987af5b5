using System.CommandLine;
using System.Globalization;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;
using SfbPolicyGen.Reports;
using SfbPolicyGen.Verification;

namespace SfbPolicyGen.Cli;

/// <summary><c>verify [FILE...] [--only CHECK,...] [--server HOST[:PORT]] [--tcp] [--timeout SECONDS] [--dc HOST]
/// [--ca-file FILE] [--connect HOST:PORT] [--out DIR] [--format text|json] [--report junit FILE]</c>: every live check of each
/// tenant (each concern's <see cref="Concern.Check"/>: dns, adfs, time), one line per thing checked.
/// Exit 0 when all is right; 1 on a finding (an error or a warning, or a check unanswered while others
/// answered); 2 on bad input; 3 when nothing checked was reachable. verify-dns stays for the DNS check
/// alone, with its own lines.</summary>
internal static class VerifyCommand
{
    public static Command Create(CommandOutput console)
    {
        var files = CommonOptions.Files();
        var names = string.Join(", ", ConcernRegistry.Default.Checks.Select(c => c.Name));
        var only = new Option<string?>("--only") { Description = $"The checks to run, comma-separated (default: all: {names})." };
        var server = new Option<string?>("--server") { Description = "dns: the DNS server to ask, HOST[:PORT] (default: the system resolver)." };
        var tcp = new Option<bool>("--tcp") { Description = "dns: ask over TCP instead of UDP." };
        var timeout = CommonOptions.DnsTimeout();
        var dc = new Option<string?>("--dc") { Description = "time: a domain controller whose clock to ask too, HOST[:PORT]." };
        var caFile = new Option<string?>("--ca-file") { Description = "adfs: PEM file of roots to trust besides the system's." };
        var connect = new Option<string?>("--connect") { Description = "adfs: reach the federation service at HOST:PORT, keeping its name (as curl's --connect-to)." };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var output = CommonOptions.Out();
        output.Description = "dns: the output folder whose manifest says what earlier runs published.";
        var report = new ReportOption();
        var command = new Command("verify", "Run every live check of each tenant (DNS records, the ADFS certificate, the clock) and say what is wrong, in the article's words.")
        {
            files, only, server, tcp, timeout, dc, caFile, connect, format, output, report.Option,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var registry = ConcernRegistry.Default;
            var selected = parsed.GetValue(only)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [.. registry.Checks.Select(c => c.Name)];
            if (selected.FirstOrDefault(s => !registry.Checks.Any(c => c.Name == s)) is { } unknown)
            {
                return console.UsageError($"--only: '{FreeText.Shown(unknown)}' is not a check{Suggestions.DidYouMean(unknown, registry.Checks.Select(c => c.Name))} (checks: {names})");
            }

            DnsServerAddress? address = null;
            if (parsed.GetValue(server) is { } serverText && !DnsServerAddress.TryParse(serverText, out address, out var error))
            {
                return console.UsageError($"--server: {error}");
            }

            if (new AdfsCheckOptions(parsed.GetValue(caFile), parsed.GetValue(connect)).Problem is { } problem)
            {
                return console.UsageError(problem);
            }

            if (CommonOptions.Inputs(parsed, files, console) is not { } inputs)
            {
                return ExitCodes.InvalidInput;
            }

            var diagnostics = new DiagnosticBag();
            var tenants = Generator.LoadAll(inputs, diagnostics, registry).Tenants;
            if (console.Report(diagnostics))
            {
                return ExitCodes.InvalidInput;
            }

            DnsClient.LookupClient? client = null;
            if (selected.Contains("dns"))
            {
                client = await VerifyDnsCommand.CreateClientAsync(address, parsed.GetValue(tcp), TimeSpan.FromSeconds(parsed.GetValue(timeout)), console, cancellationToken).ConfigureAwait(false);
                if (client is null)
                {
                    return ExitCodes.IoOrInternalError;
                }
            }

            var outDirectory = parsed.GetValue(output)!;
            var history = selected.Contains("dns") && Directory.Exists(outDirectory) ? DnsHistory.From(Output.Manifest.Load(outDirectory, registry).Facts.Values) : DnsHistory.None;
            var options = new VerifyOptions(history, client, parsed.GetValue(dc), parsed.GetValue(caFile), parsed.GetValue(connect), TimeProvider.System);
            var lines = new List<CheckLine>();
            foreach (var check in registry.Checks.Where(c => selected.Contains(c.Name)))
            {
                lines.AddRange(await check.Run(tenants, options, cancellationToken).ConfigureAwait(false));
            }

            Print(lines, parsed.GetValue(format) == "json", console);
            report.Write(parsed, "verify", () => JUnitSuites.OfVerify(lines, tenants.Select(t => t.Name)));
            if (lines.Count > 0 && lines.All(l => l.Status == CheckStatus.Unreachable))
            {
                return console.NothingReachable($"nothing checked was reachable: {string.Join("; ", lines.Select(l => l.Message).Distinct(StringComparer.Ordinal))}");
            }

            return lines.Any(l => l.Status != CheckStatus.Ok) ? ExitCodes.Differences : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Text: <c>ok        dns   contoso: sip.contoso.com. CNAME ...: as the policy wants</c>, then a
    /// count per status; JSON: <c>{"lines": [{"tenant","check","subject","status","message"}]}</c>.</summary>
    private static void Print(List<CheckLine> lines, bool json, CommandOutput console)
    {
        if (json)
        {
            console.Out.Write(JsonOutput.Write(indented: true, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("lines");
                foreach (var line in lines)
                {
                    w.WriteStartObject();
                    w.WriteString("tenant", line.Tenant);
                    w.WriteString("check", line.Check);
                    w.WriteString("subject", line.Subject);
                    w.WriteString("status", StatusName(line.Status));
                    w.WriteString("message", line.Message);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }) + "\n");
            return;
        }

        foreach (var line in lines)
        {
            console.Out.WriteLine($"{StatusName(line.Status),-11} {line.Check,-5} {line.Tenant}: {line.Subject}: {FreeText.Shown(line.Message, int.MaxValue)}");
        }

        int Count(CheckStatus status) => lines.Count(l => l.Status == status);
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{lines.Count} check(s): {Count(CheckStatus.Ok)} ok, {Count(CheckStatus.Warning)} warning, {Count(CheckStatus.Error)} error, {Count(CheckStatus.Unreachable)} unreachable."));
    }

    private static string StatusName(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "ok",
        CheckStatus.Warning => "warning",
        CheckStatus.Error => "error",
        CheckStatus.Unreachable => "unreachable",
    };
}
