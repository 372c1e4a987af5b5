using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SfbPolicyGen.Tests.Consumers;

namespace SfbPolicyGen.Tests.Support;

/// <summary>A user's computer as client/Collect-SfbSignInDiagnostics.ps1 reads it: HKLM (the registry
/// stand-in of <see cref="WindowsState"/>), what its resolver answers, its clock against the domain
/// controller, its WinHTTP proxy, its services, the certificates in Cert:\CurrentUser\My and the
/// Application event log. Its profile's files are real files in a temporary folder (<see cref="Profile"/>).
/// The script runs for real in PowerShell in-process against the stand-ins of <see cref="StandIns"/>.</summary>
public sealed class ClientComputer : IDisposable
{
    private readonly TempFolder _folder = ConsumerSuite.NewTempFolder();

    public ClientComputer()
    {
        Directory.CreateDirectory(Profile);
        Directory.CreateDirectory(Output);
    }

    public RegistryStandIn Registry { get; } = new();

    /// <summary>"name|TYPE" → the answers, each a CNAME target or "target:port" of an SRV record.</summary>
    public Dictionary<string, List<string>> Dns { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The offset w32tm measures, in seconds; null when w32tm cannot reach the server.</summary>
    public double? ClockOffset { get; set; } = 0.0123;

    /// <summary>The WinHTTP proxy netsh shows; null for direct access.</summary>
    public string? WinHttpProxy { get; set; }

    /// <summary>Service name → status (Running, Stopped).</summary>
    public Dictionary<string, string> Services { get; } = new(StringComparer.OrdinalIgnoreCase) { ["msoidsvc"] = "Running" };

    public List<PSObject> Certificates { get; } = [];

    public List<PSObject> Events { get; } = [];

    /// <summary>The arguments of each w32tm call, and the archives Compress-Archive wrote.</summary>
    public List<string> Calls { get; } = [];

    public string Profile => _folder.File("profile");

    public string Output => _folder.File("output");

    public void Dispose() => _folder.Dispose();

    /// <summary>A log file under the profile, written <paramref name="age"/> ago.</summary>
    public string Log(string relative, int bytes, TimeSpan age)
    {
        var path = Path.Combine(Profile, relative.Replace('\\', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTime(path, DateTime.Now - age);
        return path;
    }

    public void Resolves(string name, string type, params string[] answers) => Dns[$"{name}|{type}"] = [.. answers];

    public void Certificate(string thumbprint, string subject, string issuer, DateTime notAfter)
    {
        var certificate = new PSObject();
        certificate.Properties.Add(new PSNoteProperty("Thumbprint", thumbprint));
        certificate.Properties.Add(new PSNoteProperty("Subject", subject));
        certificate.Properties.Add(new PSNoteProperty("Issuer", issuer));
        certificate.Properties.Add(new PSNoteProperty("NotAfter", notAfter));
        Certificates.Add(certificate);
    }

    /// <summary>An EventLogRecord's properties the script exports (Get-WinEvent's output).</summary>
    public void Event(string provider, int id, TimeSpan age, string message, string log = "Application")
    {
        var record = new PSObject();
        record.Properties.Add(new PSNoteProperty("LogName", log));
        record.Properties.Add(new PSNoteProperty("TimeCreated", DateTime.Now - age));
        record.Properties.Add(new PSNoteProperty("ProviderName", provider));
        record.Properties.Add(new PSNoteProperty("Id", id));
        record.Properties.Add(new PSNoteProperty("LevelDisplayName", "Error"));
        record.Properties.Add(new PSNoteProperty("Message", message));
        Events.Add(record);
    }

    /// <summary>The zips the run left in <see cref="Output"/>.</summary>
    public string[] Zips => Directory.GetFiles(Output, "*.zip");

    /// <summary>Runs the script with -OutputPath, -ProfilePath and -DomainController dc01 set to this
    /// computer's, plus <paramref name="parameters"/>; a terminating error fails the test.</summary>
    public ScriptRun Run(byte[] script, IDictionary<string, object>? parameters = null)
    {
        var path = _folder.File("Collect-SfbSignInDiagnostics.ps1");
        File.WriteAllBytes(path, script);
        var arguments = new Hashtable { ["OutputPath"] = Output, ["ProfilePath"] = Profile, ["DomainController"] = "dc01" };
        foreach (var (name, value) in parameters ?? new Dictionary<string, object>())
        {
            arguments[name] = value;
        }

        using var runspace = RunspaceFactory.CreateRunspace(PowerShellScript.NewSessionState());
        runspace.Open();
        runspace.SessionStateProxy.SetVariable("SfbClient", this);
        using var shell = PowerShell.Create(runspace);
        shell.AddScript(StandIns).Invoke();
        Assert.Empty(shell.Streams.Error.Select(e => e.ToString()));
        shell.Commands.Clear();
        shell.AddScript("param($Path, $Parameters) & $Path @Parameters").AddArgument(path).AddArgument(arguments);
        try
        {
            var output = shell.Invoke();
            return new ScriptRun([.. output.Select(o => o?.ToString() ?? "")], [.. shell.Streams.Warning.Select(w => w.Message)], [.. shell.Streams.Error.Select(e => e.ToString())], 0);
        }
        catch (RuntimeException ex)
        {
            throw new Xunit.Sdk.XunitException($"the script stopped: {ex.Message}\n{ex.ErrorRecord.ScriptStackTrace}");
        }
    }

    /// <summary>Stand-ins shaped after the documented signatures (learn.microsoft.com: Resolve-DnsName of
    /// the DnsClient module, Get-WinEvent, Get-Service, Compress-Archive of Microsoft.PowerShell.Archive,
    /// w32tm and netsh winhttp of Windows Commands), declaring only the parameters the script may use. A
    /// path outside HKLM:\ and Cert:\ goes to the real cmdlet: the profile and the output are real folders.
    /// Outputs are those the tools print: w32tm's last line is "HH:mm:ss, +00.0123000s", netsh's
    /// "    Proxy Server(s) :  host:port" or "    Direct access (no proxy server).".</summary>
    private const string StandIns = """
        function Test-Path {
            [CmdletBinding(DefaultParameterSetName = 'Path')]
            param([Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0)][string[]] $Path,
                  [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true)][string[]] $LiteralPath)
            $item = @($Path + $LiteralPath | Where-Object { $_ })[0]
            if ($item -match '^HKLM:\\') { return $SfbClient.Registry.KeyExists($item.TrimEnd('\')) }
            Microsoft.PowerShell.Management\Test-Path @PSBoundParameters
        }

        function Get-ItemProperty {
            [CmdletBinding()]
            param([Parameter(Mandatory = $true)][string[]] $LiteralPath, [Parameter(Position = 1)][string[]] $Name)
            if ($LiteralPath[0] -notmatch '^HKLM:\\') { throw "stand-in: Get-ItemProperty only reads HKLM:\, not '$LiteralPath'" }
            $value = $SfbClient.Registry.Value($LiteralPath[0], $Name[0])
            if ($null -eq $value) { Write-Error -Message "Property $Name does not exist at path $LiteralPath." -Category InvalidArgument; return }
            [pscustomobject]@{ $Name[0] = $value.Data }
        }

        function Get-ChildItem {
            [CmdletBinding(DefaultParameterSetName = 'Items')]
            param([Parameter(ParameterSetName = 'Items', Position = 0)][string[]] $Path,
                  [Parameter(ParameterSetName = 'LiteralItems', Mandatory = $true)][string[]] $LiteralPath,
                  [switch] $Recurse, [switch] $Force, [string] $Filter)
            if ($PSCmdlet.ParameterSetName -eq 'Items' -and $Path[0] -eq 'Cert:\CurrentUser\My') { return $SfbClient.Certificates }
            Microsoft.PowerShell.Management\Get-ChildItem @PSBoundParameters
        }

        function Resolve-DnsName {
            [CmdletBinding()]
            param([Parameter(Mandatory = $true, Position = 0)][string] $Name, [Parameter(Position = 1)][ValidateSet('A', 'CNAME', 'SRV', 'TXT', 'MX', 'NS', 'SOA')][string] $Type = 'A',
                  [string[]] $Server, [switch] $DnsOnly, [switch] $NoHostsFile, [switch] $QuickTimeout)
            $answers = $SfbClient.Dns["$Name|$Type"]
            if ($null -eq $answers) { Write-Error -Message "${Name} : DNS name does not exist" -Category ResourceUnavailable; return }
            foreach ($answer in $answers) {
                if ($Type -eq 'SRV') {
                    $target, $port = $answer.Split(':')
                    [pscustomobject]@{ Name = $Name; Type = 'SRV'; NameTarget = $target; Port = [uint16]$port; Priority = 100; Weight = 1; Section = 'Answer' }
                    [pscustomobject]@{ Name = $target; Type = 'A'; IPAddress = '192.0.2.1'; Section = 'Additional' }
                }
                else { [pscustomobject]@{ Name = $Name; Type = 'CNAME'; NameHost = $answer; Section = 'Answer' } }
            }
        }

        function Get-WinEvent {
            [CmdletBinding(DefaultParameterSetName = 'HashQuerySet')]
            param([Parameter(ParameterSetName = 'HashQuerySet', Mandatory = $true, Position = 0)][hashtable[]] $FilterHashtable, [long] $MaxEvents = -1)
            $filter = $FilterHashtable[0]
            $found = @($SfbClient.Events | Where-Object { $_.LogName -eq $filter.LogName -and @($filter.ProviderName) -contains $_.ProviderName -and $_.TimeCreated -ge $filter.StartTime })
            if ($found.Count -eq 0) { Write-Error -Message 'No events were found that match the specified selection criteria.' -Category ObjectNotFound; return }
            $found
        }

        function Get-Service {
            [CmdletBinding()]
            param([Parameter(Mandatory = $true, Position = 0)][string[]] $Name)
            $status = $SfbClient.Services[$Name[0]]
            if ($null -eq $status) { Write-Error -Message "Cannot find any service with service name '$($Name[0])'." -Category ObjectNotFound; return }
            [pscustomobject]@{ Name = $Name[0]; Status = $status; DisplayName = 'Microsoft Online Services Sign-in Assistant' }
        }

        function w32tm {
            $SfbClient.Calls.Add("w32tm $($args -join ' ')")
            if ($args[0] -ne '/stripchart' -or $args -notcontains '/dataonly' -or $args -notcontains '/samples:1') { throw "stand-in w32tm: unexpected arguments $args" }
            $server = ($args | Where-Object { $_ -like '/computer:*' }) -replace '^/computer:', ''
            "Tracking $server [192.0.2.10:123]."
            'Collecting 1 samples.'
            'The current time is 12/4/2026 7:00:00 PM.'
            if ($null -eq $SfbClient.ClockOffset) { '19:00:00, error: 0x800705B4' }
            else { '19:00:00, ' + ([double]$SfbClient.ClockOffset).ToString('+00.0000000;-00.0000000', [cultureinfo]::InvariantCulture) + 's' }
        }

        function netsh {
            if (($args -join ' ') -ne 'winhttp show proxy') { throw "stand-in netsh: unexpected arguments $args" }
            ''
            'Current WinHTTP proxy settings:'
            ''
            if ($null -eq $SfbClient.WinHttpProxy) { '    Direct access (no proxy server).' }
            else { "    Proxy Server(s) :  $($SfbClient.WinHttpProxy)"; '    Bypass List     :  (none)' }
            ''
        }

        function Compress-Archive {
            [CmdletBinding(SupportsShouldProcess = $true)]
            param([Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true)][string[]] $LiteralPath,
                  [Parameter(Mandatory = $true, Position = 1)][string] $DestinationPath, [switch] $Force)
            $SfbClient.Calls.Add("Compress-Archive $DestinationPath")
            if ($PSCmdlet.ShouldProcess($DestinationPath)) {
                [System.IO.Compression.ZipFile]::CreateFromDirectory($LiteralPath[0], $DestinationPath, [System.IO.Compression.CompressionLevel]::Optimal, $true)
            }
        }
        """;
}
