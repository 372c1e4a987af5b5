using System.Globalization;

namespace SfbPolicyGen.Tests.Support;

/// <summary>The Windows Time service of one domain controller and the domain it belongs to, for the
/// w32tm, Get-ADDomain and Get-WmiObject stand-ins (WindowsStandIns.ps1). The configuration is what
/// <c>w32tm /query /configuration</c> prints (learn.microsoft.com, "Windows Time service tools and
/// settings": "Name: value (Local)" lines, "(Policy)" where a GPO sets the value); <c>w32tm /config</c>
/// changes it as its documented switches say (/manualpeerlist sets NtpServer, /syncfromflags:manual sets
/// Type NTP and domhier NT5DS, /reliable:yes sets AnnounceFlags 5, /update tells the service).</summary>
public sealed class TimeStandIn
{
    /// <summary>A domain controller freshly promoted: it follows the domain hierarchy (Windows' defaults).</summary>
    public string NtpServer { get; set; } = "time.windows.com,0x8";

    public string Type { get; set; } = "NT5DS";

    public int AnnounceFlags { get; set; } = 10;

    /// <summary>Where NtpServer and Type come from: "Local", or "Policy" when a GPO sets them.</summary>
    public string Source { get; set; } = "Local";

    public int Resyncs { get; private set; }

    /// <summary>This computer: Win32_ComputerSystem's DNSHostName and Domain.</summary>
    public string HostName { get; set; } = "DC1";

    public string DomainName { get; set; } = "corp.example";

    /// <summary>Get-ADDomain's PDCEmulator: the FQDN of the role holder.</summary>
    public string PdcEmulator { get; set; } = "DC1.corp.example";

    public string Forest { get; set; } = "corp.example";

    /// <summary>The lines of <c>w32tm /query /configuration</c>, shaped after its documented output.</summary>
    public string[] QueryConfiguration() =>
    [
        "[Configuration]",
        "",
        "EventLogFlags: 2 (Local)",
        $"AnnounceFlags: {AnnounceFlags.ToString(CultureInfo.InvariantCulture)} (Local)",
        "TimeJumpAuditOffset: 28800 (Local)",
        "MinPollInterval: 6 (Local)",
        "MaxPollInterval: 10 (Local)",
        "",
        "[TimeProviders]",
        "",
        "NtpClient (Local)",
        "DllName: C:\\Windows\\system32\\w32time.dll (Local)",
        "Enabled: 1 (Local)",
        "InputProvider: 1 (Local)",
        "CrossSiteSyncFlags: 2 (Local)",
        $"NtpServer: {NtpServer} ({Source})",
        "SpecialPollInterval: 3600 (Local)",
        $"Type: {Type} ({Source})",
        "",
        "NtpServer (Local)",
        "DllName: C:\\Windows\\system32\\w32time.dll (Local)",
        "Enabled: 1 (Local)",
        "InputProvider: 0 (Local)",
    ];

    /// <summary><c>w32tm /config ...</c>: every switch must be one w32tm documents; local values only (a GPO's win).</summary>
    public void Configure(string[] arguments)
    {
        Assert.Equal("/config", arguments[0]);
        Assert.Contains("/update", arguments);
        foreach (var argument in arguments.Skip(1))
        {
            var (name, value) = argument.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? (argument[..colon], argument[(colon + 1)..]) : (argument, "");
            switch (name.ToLowerInvariant())
            {
                case "/manualpeerlist":
                    NtpServer = value.Trim('"');
                    break;
                case "/syncfromflags":
                    Type = value.ToLowerInvariant() switch { "manual" => "NTP", "domhier" => "NT5DS", _ => throw new ArgumentException($"w32tm: /syncfromflags:{value}") };
                    break;
                case "/reliable":
                    AnnounceFlags = value.ToLowerInvariant() switch { "yes" => 5, "no" => 10, _ => throw new ArgumentException($"w32tm: /reliable:{value}") };
                    break;
                case "/update":
                    break;
                default:
                    throw new ArgumentException($"stand-in: w32tm /config switch {argument} is not modelled");
            }
        }
    }

    public void Resync() => Resyncs++;

    public StandInDomain Domain() => new(DomainName, Forest, PdcEmulator, DomainName == Forest ? null : Forest);

    public StandInComputerSystem ComputerSystem() => new(HostName, DomainName, HostName);

    /// <summary>The time configuration as a line, once it differs from a fresh domain controller's (so the
    /// state of a computer no time script touched reads as it did before the stand-in existed).</summary>
    public IEnumerable<string> Lines() => (NtpServer, Type, AnnounceFlags, Source) == ("time.windows.com,0x8", "NT5DS", 10, "Local")
        ? []
        : [$"w32time NtpServer={NtpServer} Type={Type} AnnounceFlags={AnnounceFlags.ToString(CultureInfo.InvariantCulture)} ({Source})"];
}

/// <summary>Get-ADDomain's ADDomain: the properties the scripts read.</summary>
public sealed record StandInDomain(string DNSRoot, string Forest, string PDCEmulator, string? ParentDomain);

/// <summary>Win32_ComputerSystem: the properties the scripts read.</summary>
public sealed record StandInComputerSystem(string DNSHostName, string Domain, string Name);
