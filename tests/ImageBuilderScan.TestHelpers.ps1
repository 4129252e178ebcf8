# Shared by the Pester suites: the built module, a local emulator on a free port, and its controls.
# Dot-source from BeforeAll. PowerShell 7.4+, Pester 5.

$script:RepoRoot = Split-Path -Parent $PSScriptRoot
$script:EmulatorAccessKey = 'AKIAIBSCANEMULATOR00'
$script:EmulatorSecretKey = 'ImageBuilderScanEmulatorSecretKey00000000'

function Get-BuiltModuleManifest {
    [xml]$props = Get-Content (Join-Path $script:RepoRoot 'Directory.Build.props') -Raw
    $version = $props.SelectSingleNode('//VersionPrefix').InnerText
    $manifest = Join-Path $script:RepoRoot "output/ImageBuilderScan/$version/ImageBuilderScan.psd1"
    if (-not (Test-Path $manifest)) { throw "Build the module first (./build.ps1 or dotnet build src/ImageBuilderScan -c Release): $manifest is missing." }
    $manifest
}

# A port nobody listens on (for "could not reach" cases). Never a port to start a server on: that is a race
# with every other process; servers take port 0 and say which port they bound.
function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    try { $listener.Start(); $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-TestEmulator {
    # -ExtraArgs: more emulator options (--disabled-regions, --admin-account, --min-session-seconds, --fault ...).
    param([int] $PageSize = 1, [string] $Data = (Join-Path $script:RepoRoot 'samples/findings.json'), [string[]] $ExtraArgs = @())
    Start-EmulatorProcess (@('--page-size', $PageSize, '--data', $Data) + $ExtraArgs)
}

# The emulator on a generated data set (see the emulator README: --findings-per-image and friends).
function Start-GeneratedEmulator {
    param([string[]] $Arguments)
    Start-EmulatorProcess $Arguments
}

# Starts the built emulator with these options on port 0 (it binds a free port itself: no free-port-then-bind race)
# and reads the address it prints. Nothing is built here: the test run uses what the build made.
function Start-EmulatorProcess {
    param([string[]] $Options)
    $dll = Get-ChildItem (Join-Path $script:RepoRoot 'src/ImageBuilderScan.Emulator/bin') -Recurse -Filter 'ImageBuilderScan.Emulator.dll' -ErrorAction SilentlyContinue |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $dll) { throw 'Build the solution first (dotnet build ImageBuilderScan.sln, or ./build.ps1): src/ImageBuilderScan.Emulator/bin has no ImageBuilderScan.Emulator.dll.' }
    # Start-Process joins -ArgumentList with spaces and quotes nothing: a repository path with a
    # space in it would split into two arguments.
    $arguments = @(@($dll.FullName, '--urls', 'http://127.0.0.1:0') + $Options | ForEach-Object { if ("$_" -match '\s') { '"{0}"' -f $_ } else { "$_" } })
    $log = Join-Path ([System.IO.Path]::GetTempPath()) "ibscan-emulator-$([guid]::NewGuid().ToString('n')).log"
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru -RedirectStandardOutput $log -RedirectStandardError "$log.err"
    $deadline = [datetime]::UtcNow.AddSeconds(180)
    $url = $null
    while (-not $url -and [datetime]::UtcNow -lt $deadline) {
        if ($process.HasExited) { throw "The emulator exited ($($process.ExitCode)): $(Get-Content $log, "$log.err" -Raw -ErrorAction SilentlyContinue)" }
        # The line it prints once it listens, with the port it bound.
        if ((Get-Content $log -Raw -ErrorAction SilentlyContinue) -match 'listening on (http://127\.0\.0\.1:[0-9]+)') { $url = $Matches[1] }
        else { Start-Sleep -Milliseconds 100 }
    }
    if (-not $url) { Stop-TestEmulator @{ Process = $process }; throw 'The emulator did not say it was listening within 180 s.' }
    @{
        Process = $process
        Url     = $url
        Aws     = @{ EndpointUrl = $url; Region = 'us-east-1'; AccessKey = $script:EmulatorAccessKey; SecretKey = $script:EmulatorSecretKey }
    }
}

# Installs a fault plan (see the emulator README) on an emulator, or removes every plan.
function Add-EmulatorFault {
    param($Emulator, [hashtable] $Plan)
    $null = Invoke-RestMethod "$($Emulator.Url)/_emulator/faults" -Method Post -ContentType 'application/json' -Body ($Plan | ConvertTo-Json -Compress)
}

function Clear-EmulatorFaults {
    param($Emulator)
    $null = Invoke-RestMethod "$($Emulator.Url)/_emulator/faults" -Method Delete
}

function Stop-TestEmulator {
    param($Emulator)
    if ($Emulator -and $Emulator.Process -and -not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill($true)
        $null = $Emulator.Process.WaitForExit(10000)
    }
}

# The emulator's request counters (GET /_emulator/stats). The exact JSON layout is the emulator's;
# this finds the first numeric member named after the operation, at any depth.
function Get-EmulatorRequestCount {
    param($Emulator, [ValidateSet('ListImageScanFindingAggregations', 'ListImageScanFindings', 'GetImage', 'ListImagePipelineImages', 'ListImageBuildVersions')] [string] $Operation)
    $stats = Invoke-RestMethod "$($Emulator.Url)/_emulator/stats"
    $found = Find-NumericMember $stats $Operation
    if ($null -eq $found) { throw "No counter for $Operation in /_emulator/stats: $($stats | ConvertTo-Json -Depth 6 -Compress)" }
    [long]$found
}

function Find-NumericMember($Node, [string] $Name) {
    if ($null -eq $Node) { return $null }
    if ($Node -is [System.Collections.IDictionary]) {
        foreach ($key in $Node.Keys) {
            if ("$key" -eq $Name -and $Node[$key] -is [ValueType]) { return $Node[$key] }
            $inner = Find-NumericMember $Node[$key] $Name; if ($null -ne $inner) { return $inner }
        }
        return $null
    }
    if ($Node -is [System.Collections.IEnumerable] -and $Node -isnot [string]) {
        foreach ($item in $Node) {
            # [{ operation: 'X', count: 3 }] layouts
            if ($item.PSObject.Properties['operation'] -and $item.operation -eq $Name) {
                foreach ($p in 'count', 'requests', 'total') { if ($item.PSObject.Properties[$p]) { return $item.$p } }
            }
            $inner = Find-NumericMember $item $Name; if ($null -ne $inner) { return $inner }
        }
        return $null
    }
    if ($Node -is [psobject] -and $Node -isnot [string] -and $Node -isnot [ValueType]) {
        foreach ($p in $Node.PSObject.Properties) {
            if ($p.Name -eq $Name -and $p.Value -is [ValueType]) { return $p.Value }
            if ($p.Value -isnot [string] -and $p.Value -isnot [ValueType]) {
                $inner = Find-NumericMember $p.Value $Name; if ($null -ne $inner) { return $inner }
            }
        }
    }
    $null
}
