# In-memory stand-ins of the Windows pieces the generated scripts call, shaped after Microsoft's
# documented signatures (learn.microsoft.com, module reference of GroupPolicy, DnsServer and
# ActiveDirectory, Microsoft.PowerShell.Management, and the Forefront TMG SDK): the real parameter names,
# sets and mandatory parameters, so a call the real cmdlet would refuse fails here too. Only the
# parameters the scripts may use are declared; any other fails as an unknown parameter.
# A function wins over a cmdlet of the same name, so a script run in this runspace reaches these.
# State lives in $SfbWindows (WindowsState, C#), seeded and read back by the test. Each call that
# changes state is recorded in $SfbWindows.Changes when it is made, before ShouldProcess: a -WhatIf run
# that makes one is caught even though, like the real cmdlet, the stand-in then changes nothing.

function Import-Module {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][ValidateSet('GroupPolicy', 'DnsServer', 'ActiveDirectory')][string[]] $Name)
    foreach ($module in $Name) { $SfbWindows.Modules.Add($module) }
}

# New-Object -ComObject FPC.Root is the TMG array's COM root; any other object is the real cmdlet's.
function New-Object {
    [CmdletBinding(DefaultParameterSetName = 'Net')]
    param(
        [Parameter(ParameterSetName = 'Net', Mandatory = $true, Position = 0)][string] $TypeName,
        [Parameter(ParameterSetName = 'Net', Position = 1)][Alias('Args')][object[]] $ArgumentList,
        [Parameter(ParameterSetName = 'Com', Mandatory = $true, Position = 0)][string] $ComObject,
        [Parameter(ParameterSetName = 'Com')][switch] $Strict,
        [System.Collections.IDictionary] $Property)
    if ($PSCmdlet.ParameterSetName -eq 'Com') {
        if ($ComObject -ne 'FPC.Root') { throw "stand-in: no COM class '$ComObject'" }
        return $SfbWindows.Tmg.Connect()
    }
    Microsoft.PowerShell.Utility\New-Object @PSBoundParameters
}

# --- Registry provider (Test-Path, Get-ItemProperty, New-Item, New-ItemProperty, Remove-ItemProperty) ---

function Resolve-StandInKey([string[]] $Path, [string[]] $LiteralPath) {
    foreach ($item in @(if ($null -ne $LiteralPath) { $LiteralPath } else { $Path })) {
        if ($item -notmatch '^HKLM:\\') { throw "stand-in registry: only HKLM:\ paths, not '$item'" }
        $item.TrimEnd('\')
    }
}

function Test-Path {
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0)][string[]] $Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true)][Alias('PSPath', 'LP')][string[]] $LiteralPath,
        [Alias('Type')][Microsoft.PowerShell.Commands.TestPathType] $PathType = 'Any')
    foreach ($key in (Resolve-StandInKey $Path $LiteralPath)) {
        # Registry keys are containers; values are not items.
        $SfbWindows.Registry.KeyExists($key) -and $PathType -ne 'Leaf'
    }
}

function Get-ItemProperty {
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0)][string[]] $Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true)][Alias('PSPath', 'LP')][string[]] $LiteralPath,
        [Parameter(Position = 1)][Alias('PSProperty')][string[]] $Name)
    foreach ($key in (Resolve-StandInKey $Path $LiteralPath)) {
        if (-not $SfbWindows.Registry.KeyExists($key)) {
            Write-Error -Message "Cannot find path '$key' because it does not exist." -Category ObjectNotFound
            continue
        }
        $item = [ordered]@{}
        foreach ($valueName in @(if ($null -ne $Name) { $Name } else { $SfbWindows.Registry.ValueNames($key) })) {
            $value = $SfbWindows.Registry.Value($key, $valueName)
            if ($null -eq $value) {
                Write-Error -Message "Property $valueName does not exist at path $key." -Category InvalidArgument
                continue
            }
            $item[$valueName] = $value.Data
        }
        if ($item.Count -gt 0) {
            $item['PSPath'] = "Microsoft.PowerShell.Core\Registry::$key"
            [pscustomobject]$item
        }
    }
}

function New-Item {
    [CmdletBinding(DefaultParameterSetName = 'pathSet', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'pathSet', Mandatory = $true, Position = 0)][Parameter(ParameterSetName = 'nameSet', Position = 0)][string[]] $Path,
        [Parameter(ParameterSetName = 'nameSet', Mandatory = $true)][string] $Name,
        [Alias('Type')][string] $ItemType,
        [Alias('Target')][object] $Value,
        [switch] $Force)
    foreach ($key in (Resolve-StandInKey $Path $null)) {
        if ($Name) { $key = "$key\$Name" }
        $SfbWindows.Changes.Add("New-Item $key")
        if ($SfbWindows.Registry.WriteDenied) { Write-Error -Exception ([System.Security.SecurityException]::new('Requested registry access is not allowed.')) -Category PermissionDenied; continue }
        if ($null -ne $SfbWindows.Registry.ValueNames($key) -and -not $Force) { Write-Error -Message "A key at this path already exists." -Category ResourceExists; continue }
        if ($PSCmdlet.ShouldProcess($key, 'New-Item')) {
            $SfbWindows.Registry.CreateKey($key)
            [pscustomobject]@{ PSPath = "Microsoft.PowerShell.Core\Registry::$key"; Name = $key }
        }
    }
}

function New-ItemProperty {
    [CmdletBinding(DefaultParameterSetName = 'Path', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0)][string[]] $Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true)][Alias('PSPath', 'LP')][string[]] $LiteralPath,
        [Parameter(Mandatory = $true, Position = 1)][Alias('PSProperty')][string] $Name,
        [Alias('Type')][ValidateSet('String', 'ExpandString', 'Binary', 'DWord', 'MultiString', 'QWord', 'Unknown')][string] $PropertyType = 'String',
        [object] $Value,
        [switch] $Force)
    foreach ($key in (Resolve-StandInKey $Path $LiteralPath)) {
        $SfbWindows.Changes.Add("New-ItemProperty $key\$Name=$PropertyType`:$Value")
        if ($SfbWindows.Registry.WriteDenied) { Write-Error -Exception ([System.Security.SecurityException]::new('Requested registry access is not allowed.')) -Category PermissionDenied; continue }
        if ($null -eq $SfbWindows.Registry.ValueNames($key)) { Write-Error -Message "Cannot find path '$key' because it does not exist." -Category ObjectNotFound; continue }
        if ($null -ne $SfbWindows.Registry.Value($key, $Name) -and -not $Force) { Write-Error -Message 'The property already exists.' -Category ResourceExists; continue }
        if ($PSCmdlet.ShouldProcess("Item: $key Property: $Name", 'New Property')) {
            $SfbWindows.Registry.SetValue($key, $Name, $PropertyType, $Value)
            [pscustomobject]@{ $Name = $Value; PSPath = "Microsoft.PowerShell.Core\Registry::$key" }
        }
    }
}

function Remove-ItemProperty {
    [CmdletBinding(DefaultParameterSetName = 'Path', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0)][string[]] $Path,
        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true)][Alias('PSPath', 'LP')][string[]] $LiteralPath,
        [Parameter(Mandatory = $true, Position = 1)][Alias('PSProperty')][string[]] $Name,
        [switch] $Force)
    foreach ($key in (Resolve-StandInKey $Path $LiteralPath)) {
        foreach ($valueName in $Name) {
            $SfbWindows.Changes.Add("Remove-ItemProperty $key\$valueName")
            if ($SfbWindows.Registry.WriteDenied) { Write-Error -Exception ([System.Security.SecurityException]::new('Requested registry access is not allowed.')) -Category PermissionDenied; continue }
            if ($null -eq $SfbWindows.Registry.Value($key, $valueName)) {
                Write-Error -Message "Property $valueName does not exist at path $key." -Category InvalidArgument
                continue
            }
            if ($PSCmdlet.ShouldProcess("Item: $key Property: $valueName", 'Remove Property')) { [void]$SfbWindows.Registry.RemoveValue($key, $valueName) }
        }
    }
}

# --- GroupPolicy (Get-GPO, New-GPO, Get-/Set-/Remove-GPRegistryValue) ---

function Resolve-StandInGpo($Bound) {
    $gpo = if ($Bound.ContainsKey('Name')) { $SfbWindows.GroupPolicy.ByName($Bound['Name']) } else { $SfbWindows.GroupPolicy.ById($Bound['Guid']) }
    if ($null -eq $gpo) { throw "GPO '$($Bound['Name'])$($Bound['Guid'])' was not found in the corp.example domain." }
    $gpo
}

function Resolve-StandInGpoKey([string] $Key) {
    $full = [SfbPolicyGen.Tests.Support.GroupPolicyStandIn]::FullKey($Key)
    if ($null -eq $full) { throw "stand-in GroupPolicy: only Computer Configuration keys (HKLM\...), not '$Key'" }
    $full
}

function Get-GPO {
    [CmdletBinding(DefaultParameterSetName = 'ByGUID')]
    param(
        [Parameter(ParameterSetName = 'ByGUID', Mandatory = $true, Position = 0)][Alias('Id')][guid] $Guid,
        [Parameter(ParameterSetName = 'ByName', Mandatory = $true, Position = 0)][Alias('DisplayName')][string] $Name,
        [Parameter(ParameterSetName = 'GetAll', Mandatory = $true)][switch] $All,
        [Parameter(Position = 1)][Alias('DomainName')][string] $Domain,
        [Parameter(Position = 2)][Alias('DC')][string] $Server)
    if ($All) { return $SfbWindows.GroupPolicy.Gpos }
    $gpo = if ($PSCmdlet.ParameterSetName -eq 'ByName') { $SfbWindows.GroupPolicy.ByName($Name) } else { $SfbWindows.GroupPolicy.ById($Guid) }
    if ($null -eq $gpo) { Write-Error -Message "GPO '$($PSBoundParameters['Name'])$($PSBoundParameters['Guid'])' was not found in the corp.example domain." -Category ObjectNotFound; return }
    $gpo
}

function New-GPO {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true, Position = 0)][Alias('DisplayName')][string] $Name,
        [string] $Comment,
        [Alias('DomainName')][string] $Domain,
        [Alias('DC')][string] $Server)
    $SfbWindows.Changes.Add("New-GPO '$Name'")
    if ($null -ne $SfbWindows.GroupPolicy.ByName($Name)) { throw "A GPO named '$Name' already exists in the domain." }
    if ($PSCmdlet.ShouldProcess($Name, 'New-GPO')) {
        $gpo = $SfbWindows.GroupPolicy.Seed($Name)
        $gpo.Description = $Comment
        $gpo
    }
}

# A PolicyRegistrySetting as Get-GPRegistryValue returns it. A REG_SZ comes back with its terminating
# NUL here: whether the real cmdlet keeps it is unverified (README, Limits), so the scripts must cope.
function Get-GPRegistryValue {
    [CmdletBinding(DefaultParameterSetName = 'GetByGUID')]
    param(
        [Parameter(ParameterSetName = 'GetByGUID', Mandatory = $true)][Alias('Id')][guid] $Guid,
        [Parameter(ParameterSetName = 'GetByName', Mandatory = $true, Position = 0)][Alias('DisplayName')][string] $Name,
        [Parameter(Mandatory = $true)][Alias('FullKeyPath')][string] $Key,
        [string] $ValueName,
        [Alias('DomainName')][string] $Domain,
        [Alias('DC')][string] $Server)
    if (-not $PSBoundParameters.ContainsKey('ValueName')) { throw 'stand-in: Get-GPRegistryValue without -ValueName is not modelled' }
    $gpo = Resolve-StandInGpo $PSBoundParameters
    $full = Resolve-StandInGpoKey $Key
    $setting = $gpo.Get($full, $ValueName)
    if ($null -eq $setting) {
        Write-Error -Message "The following key or value could not be found in the policy: $Key $ValueName" -Category ObjectNotFound
        return
    }
    [pscustomobject]@{
        KeyPath = $full.Substring('HKEY_LOCAL_MACHINE\'.Length); FullKeyPath = $full; Hive = 'LocalMachine'; PolicyState = 'Set'
        Value = if ($setting.Type -eq 'String') { $setting.Value + [char]0 } else { $setting.Value }; Type = $setting.Type; ValueName = $ValueName; HasValue = $true
    }
}

function Set-GPRegistryValue {
    [CmdletBinding(DefaultParameterSetName = 'ByGUID', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'ByGUID', Mandatory = $true)][Alias('Id')][guid] $Guid,
        [Parameter(ParameterSetName = 'ByName', Mandatory = $true, Position = 0)][Alias('DisplayName')][string] $Name,
        [Parameter(Mandatory = $true)][Alias('FullKeyPath')][string] $Key,
        [string[]] $ValueName,
        [psobject] $Value,
        [Microsoft.Win32.RegistryValueKind] $Type,
        [Alias('DomainName')][string] $Domain,
        [Alias('DC')][string] $Server,
        [switch] $Additive,
        [switch] $Disable,
        [string] $ValuePrefix)
    $SfbWindows.Changes.Add("Set-GPRegistryValue $($PSBoundParameters['Name'])$($PSBoundParameters['Guid']) $Key\$ValueName=$Type`:$Value")
    if ($Additive -or $Disable -or $ValuePrefix -or @($ValueName).Count -ne 1) { throw 'stand-in: only one value, without -Additive, -Disable or -ValuePrefix, is modelled' }
    if (-not $PSBoundParameters.ContainsKey('Type')) { throw 'Set-GPRegistryValue: -Type is required to set a value' }
    $gpo = Resolve-StandInGpo $PSBoundParameters
    $full = Resolve-StandInGpoKey $Key
    if ($PSCmdlet.ShouldProcess($gpo.DisplayName, "Set-GPRegistryValue $full\$ValueName")) {
        [void]$gpo.Set($full, $ValueName[0], [string]$Value, [string]$Type)
        $gpo
    }
}

function Remove-GPRegistryValue {
    [CmdletBinding(DefaultParameterSetName = 'GetByGUID', SupportsShouldProcess = $true)]
    param(
        [Parameter(ParameterSetName = 'GetByGUID', Mandatory = $true, Position = 0)][Alias('Id')][guid] $Guid,
        [Parameter(ParameterSetName = 'GetByName', Mandatory = $true, Position = 0)][Alias('DisplayName')][string] $Name,
        [Parameter(Mandatory = $true, Position = 1)][Alias('FullKeyPath')][string] $Key,
        [Parameter(Position = 2)][string] $ValueName,
        [Parameter(Position = 3)][Alias('DomainName')][string] $Domain,
        [Parameter(Position = 4)][Alias('DC')][string] $Server)
    $SfbWindows.Changes.Add("Remove-GPRegistryValue $($PSBoundParameters['Name'])$($PSBoundParameters['Guid']) $Key\$ValueName")
    if (-not $ValueName) { throw 'stand-in: removing a whole key is not modelled' }
    $gpo = Resolve-StandInGpo $PSBoundParameters
    $full = Resolve-StandInGpoKey $Key
    if ($null -eq $gpo.Get($full, $ValueName)) { throw "The following key or value could not be found in the policy: $Key $ValueName" }
    if ($PSCmdlet.ShouldProcess($gpo.DisplayName, "Remove-GPRegistryValue $full\$ValueName")) {
        [void]$gpo.Remove($full, $ValueName)
        $gpo
    }
}

# --- DnsServer (Get-DnsServerZone, Get-/Add-/Remove-DnsServerResourceRecord, Add-DnsServerResourceRecordCName) ---

function Get-DnsServerZone {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][Alias('ZoneName')][string[]] $Name,
        [Alias('Cn')][string] $ComputerName,
        [string] $VirtualizationInstance)
    foreach ($zone in $Name) {
        if (-not $SfbWindows.Dns.HasZone($zone)) { Write-Error -Message "The zone $zone was not found on server $ComputerName." -Category ObjectNotFound; continue }
        [pscustomobject]@{ ZoneName = $zone; ZoneType = 'Primary'; IsDsIntegrated = $true }
    }
}

function Get-DnsServerResourceRecord {
    [CmdletBinding(DefaultParameterSetName = 'Name')]
    param(
        [Parameter(Mandatory = $true, Position = 0)][Alias('ForwardLookupZone')][string] $ZoneName,
        [Parameter(Position = 1)][string] $Name = '@',
        [Alias('Cn', 'ForwardLookupPrimaryServer')][string] $ComputerName,
        [switch] $Node,
        [Parameter(ParameterSetName = 'Name')][string] $RRType,
        [string] $ZoneScope)
    if (-not $SfbWindows.Dns.HasZone($ZoneName)) { Write-Error -Message "The zone $ZoneName was not found on server $ComputerName." -Category ObjectNotFound; return }
    $found = @($SfbWindows.Dns.At($ZoneName, $Name, [bool]$Node) | Where-Object { -not $RRType -or $_.Type -eq $RRType })
    if ($found.Count -eq 0) { Write-Error -Message "Failed to get $Name record in $ZoneName zone on $ComputerName server." -Category ObjectNotFound; return }
    $found
}

function Add-DnsServerResourceRecordCName {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true, Position = 2)][string] $HostNameAlias,
        [Parameter(Mandatory = $true, Position = 1)][Alias('RecordName')][string] $Name,
        [Parameter(Mandatory = $true, Position = 0)][string] $ZoneName,
        [Alias('Cn')][string] $ComputerName,
        [timespan] $TimeToLive = [timespan]::FromHours(1),
        [switch] $AllowUpdateAny,
        [switch] $AgeRecord,
        [switch] $PassThru,
        [string] $ZoneScope)
    $SfbWindows.Changes.Add("Add-DnsServerResourceRecordCName $Name.$ZoneName CNAME $HostNameAlias")
    if (-not $SfbWindows.Dns.HasZone($ZoneName)) { throw "The zone $ZoneName was not found on server $ComputerName." }
    if ($PSCmdlet.ShouldProcess("$Name.$ZoneName", 'Add-DnsServerResourceRecordCName')) {
        $SfbWindows.Dns.Add($ZoneName, [SfbPolicyGen.Tests.Support.DnsServerRecord]::CName($Name, $HostNameAlias, [int]$TimeToLive.TotalSeconds))
    }
}

# Add-DnsServerResourceRecord has a parameter set per record type; the stand-in models the SRV set only.
function Add-DnsServerResourceRecord {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true, Position = 0)][string] $ZoneName,
        [Parameter(Mandatory = $true, Position = 1)][string] $Name,
        [Parameter(Mandatory = $true)][switch] $Srv,
        [Parameter(Mandatory = $true)][string] $DomainName,
        [Parameter(Mandatory = $true)][uint16] $Priority,
        [Parameter(Mandatory = $true)][uint16] $Weight,
        [Parameter(Mandatory = $true)][uint16] $Port,
        [Alias('Cn')][string] $ComputerName,
        [timespan] $TimeToLive = [timespan]::FromHours(1),
        [switch] $AllowUpdateAny,
        [switch] $AgeRecord,
        [switch] $PassThru,
        [string] $ZoneScope)
    $SfbWindows.Changes.Add("Add-DnsServerResourceRecord $Name.$ZoneName SRV $Priority $Weight $Port $DomainName")
    if (-not $SfbWindows.Dns.HasZone($ZoneName)) { throw "The zone $ZoneName was not found on server $ComputerName." }
    if ($PSCmdlet.ShouldProcess("$Name.$ZoneName", 'Add-DnsServerResourceRecord')) {
        $SfbWindows.Dns.Add($ZoneName, [SfbPolicyGen.Tests.Support.DnsServerRecord]::Srv($Name, $Priority, $Weight, $Port, $DomainName, [int]$TimeToLive.TotalSeconds))
    }
}

# Without -Force the real cmdlet asks for confirmation (ConfirmImpact High); no one answers in a test.
function Remove-DnsServerResourceRecord {
    [CmdletBinding(DefaultParameterSetName = 'InputObject', SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    param(
        [Parameter(Mandatory = $true, Position = 0)][Alias('ForwardLookupZone')][string] $ZoneName,
        [Parameter(ParameterSetName = 'InputObject', Mandatory = $true, ValueFromPipeline = $true)][object] $InputObject,
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 1)][Alias('RecordName')][string] $Name,
        [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 2)][string] $RRType,
        [Parameter(ParameterSetName = 'Name')][string[]] $RecordData,
        [Alias('Cn', 'ForwardLookupPrimaryServer')][string] $ComputerName,
        [switch] $Force,
        [switch] $PassThru,
        [string] $ZoneScope)
    if ($PSCmdlet.ParameterSetName -ne 'InputObject') { throw 'stand-in: only -InputObject is modelled (the SRV form of -RecordData is not documented)' }
    $record = $InputObject.psobject.BaseObject
    $SfbWindows.Changes.Add("Remove-DnsServerResourceRecord $($record.HostName).$ZoneName $($record.Type) $($record.Data)")
    if (-not $Force) { throw 'Remove-DnsServerResourceRecord would ask for confirmation: pass -Force' }
    $ConfirmPreference = 'None'
    if ($PSCmdlet.ShouldProcess("$($record.HostName).$ZoneName", 'Remove-DnsServerResourceRecord')) {
        if (-not $SfbWindows.Dns.Remove($ZoneName, $record)) { throw "Failed to remove $($record.HostName) record in $ZoneName zone: not found." }
    }
}

# Set-DnsServerResourceRecord (documented syntax: -NewInputObject, -OldInputObject, -ZoneName, -ComputerName,
# -PassThru...): changes the old record into the new one; the name and type cannot change.
function Set-DnsServerResourceRecord {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true, Position = 0)][object] $NewInputObject,
        [Parameter(Mandatory = $true, Position = 1)][object] $OldInputObject,
        [Parameter(Mandatory = $true, Position = 2)][string] $ZoneName,
        [Alias('Cn')][string] $ComputerName,
        [switch] $PassThru,
        [string] $ZoneScope)
    $old = $OldInputObject.psobject.BaseObject
    $new = $NewInputObject.psobject.BaseObject
    $SfbWindows.Changes.Add("Set-DnsServerResourceRecord $($old.HostName).$ZoneName $($old.Type) $($old.Data) -> $($new.Data) TTL $([int]$new.TimeToLive.TotalSeconds)")
    if (-not $SfbWindows.Dns.HasZone($ZoneName)) { throw "The zone $ZoneName was not found on server $ComputerName." }
    if ([object]::ReferenceEquals($old.RecordData, $new.RecordData)) { throw 'stand-in: the new object shares its RecordData with the old one (Clone it)' }
    if ($PSCmdlet.ShouldProcess("$($old.HostName).$ZoneName", 'Set-DnsServerResourceRecord')) {
        $SfbWindows.Dns.Replace($ZoneName, $old, $new)
        if ($PassThru) { $new }
    }
}

# --- ActiveDirectory (Get-ADUser, Set-ADUser) ---

function Get-ADUser {
    [CmdletBinding(DefaultParameterSetName = 'Filter')]
    param(
        [Parameter(ParameterSetName = 'Filter', Mandatory = $true)][string] $Filter,
        [Parameter(ParameterSetName = 'Identity', Mandatory = $true, Position = 0)][object] $Identity,
        [Parameter(ParameterSetName = 'LdapFilter', Mandatory = $true)][string] $LDAPFilter,
        [Parameter(ParameterSetName = 'Filter')][Parameter(ParameterSetName = 'LdapFilter')][string] $SearchBase,
        [Parameter(ParameterSetName = 'Filter')][Parameter(ParameterSetName = 'LdapFilter')][ValidateSet('Base', 'OneLevel', 'Subtree')][string] $SearchScope,
        [Alias('Property')][string[]] $Properties = @(),
        [string] $Server,
        [pscredential] $Credential)
    $users = switch ($PSCmdlet.ParameterSetName) {
        'Identity' {
            $id = if ($Identity -is [string]) { $Identity } else { $Identity.DistinguishedName }
            $user = $SfbWindows.Directory.Find($id)
            if ($null -eq $user) { throw "Cannot find an object with identity: '$id' under: 'DC=corp,DC=example'." }
            $user
        }
        'Filter' {
            # The AD module reads a variable named in the filter from the caller's scope, as here.
            if ($Filter -notmatch '^\s*([\w-]+)\s+-eq\s+\$(\w+)\s*$') { throw "stand-in: only '<attribute> -eq `$variable' filters are modelled, not '$Filter'" }
            $SfbWindows.Directory.WhereEquals($Matches[1], [string](Get-Variable -Name $Matches[2] -ValueOnly))
        }
        'LdapFilter' {
            if ($SearchScope -and $SearchScope -ne 'Subtree') { throw 'stand-in: only subtree searches are modelled' }
            $SfbWindows.Directory.Search($SearchBase, $LDAPFilter)
        }
    }
    foreach ($user in $users) { $user.ToAdUser($Properties) }
}

function Set-ADUser {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true, Position = 0)][object] $Identity,
        [hashtable] $Replace,
        [string] $Server,
        [pscredential] $Credential,
        [switch] $PassThru)
    $id = if ($Identity -is [string]) { $Identity } else { $Identity.DistinguishedName }
    $SfbWindows.Changes.Add("Set-ADUser $id -Replace $(@($Replace.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ',')")
    $user = $SfbWindows.Directory.Find($id)
    if ($null -eq $user) { throw "Cannot find an object with identity: '$id'." }
    if ($PSCmdlet.ShouldProcess($user.DistinguishedName, 'Set')) {
        foreach ($entry in $Replace.GetEnumerator()) { $user.Attributes[$entry.Key] = $entry.Value }
    }
}

# --- Windows Time (w32tm.exe), the domain (Get-ADDomain) and this computer (Win32_ComputerSystem) ---

# w32tm.exe as its documented commands behave (learn.microsoft.com, "Windows Time service tools and
# settings"): /query /configuration prints the configuration, /config changes it, /resync asks the
# service to sync now. A script calls it by the name 'w32tm', which this function wins over. It sets
# $LASTEXITCODE as a program does.
function w32tm {
    $line = $args -join ' '
    $global:LASTEXITCODE = 0
    if ($line -eq '/query /configuration') { return $SfbWindows.Time.QueryConfiguration() }
    if ($args.Count -gt 0 -and $args[0] -eq '/config') {
        $SfbWindows.Changes.Add("w32tm $line")
        $SfbWindows.Time.Configure([string[]] $args)
        return 'The command completed successfully.'
    }
    if ($line -eq '/resync /rediscover' -or $line -eq '/resync') {
        $SfbWindows.Changes.Add("w32tm $line")
        $SfbWindows.Time.Resync()
        return 'Sending resync command to local computer', 'The command completed successfully.'
    }
    throw "stand-in: w32tm $line is not modelled"
}

function Get-ADDomain {
    [CmdletBinding()]
    param([Parameter(Position = 0)][object] $Identity, [string] $Server, [pscredential] $Credential)
    $SfbWindows.Time.Domain()
}

function Get-WmiObject {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][Alias('ClassName')][string] $Class, [string] $ComputerName, [string] $Namespace)
    if ($Class -ne 'Win32_ComputerSystem') { throw "stand-in: Get-WmiObject $Class is not modelled" }
    $SfbWindows.Time.ComputerSystem()
}
