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

# The start of most suites: the built module imported, and an emulator on the sample data (page size 1) as
# $Emulator, with $Aws (its endpoint, region and keys, for splatting), in the suite's scope.
function Initialize-EmulatorSuite {
    param([string] $Data = (Join-Path $script:RepoRoot 'samples/findings.json'))
    Import-Module (Get-BuiltModuleManifest) -Force -ErrorAction Stop
    $script:Emulator = Start-TestEmulator -PageSize 1 -Data $Data
    $script:Aws = $script:Emulator.Aws
}

# The end of such a suite: its emulator (and any other given) stopped, the module removed.
function Stop-EmulatorSuite {
    param([object[]] $Others = @())
    foreach ($emulator in @($script:Emulator) + $Others) { Stop-TestEmulator $emulator }
    Remove-Module ImageBuilderScan -ErrorAction SilentlyContinue
}

# Builds of samples/findings.json the suites name, in the suite's scope: web-frontend 1.4.0, 1.4.1 and 1.5.0 (the
# newest), payments-api 2.0.0, 2.2.0 (scan still running) and 2.1.1 (never scanned), batch-worker 3.4.0 (scan
# failed), windows-iis 2025.2.0 (no findings) and 2024.11.0.
function Set-SampleBuildVariable {
    $a = 'arn:aws:imagebuilder:us-east-1:111122223333:image'
    $b = 'arn:aws:imagebuilder:us-east-1:444455556666:image'
    $script:Web140 = "$a/web-frontend-al2023/1.4.0/1"
    $script:Web141 = "$a/web-frontend-al2023/1.4.1/2"
    $script:Web150 = "$a/web-frontend-al2023/1.5.0/1"
    $script:Pay200 = "$a/payments-api-al2023/2.0.0/1"
    $script:Scanning = "$a/payments-api-al2023/2.2.0/1"
    $script:NotScanned = "$a/payments-api-al2023/2.1.1/1"
    $script:FailedScan = "$b/batch-worker-ubuntu/3.4.0/1"
    $script:Clean = "$b/windows-iis-2022/2025.2.0/1"
    $script:Iis = "$b/windows-iis-2022/2024.11.0/1"
}

# Every finding of the emulator's data, read through the findings API, as $AllFindings, and its distinct
# $ImageArns, $PipelineArns and $VulnerabilityIds, in the suite's scope.
function Set-SampleFindingVariable {
    $aws = $script:Aws
    $script:AllFindings = @(Get-IBScanFinding @aws -PageSize 25 -ErrorAction Stop)
    $script:ImageArns = @($AllFindings.ImageBuildVersionArn | Where-Object { $_ } | Sort-Object -Unique)
    $script:PipelineArns = @($AllFindings.ImagePipelineArn | Where-Object { $_ } | Sort-Object -Unique)
    $script:VulnerabilityIds = @($AllFindings.VulnerabilityId | Where-Object { $_ } | Sort-Object -Unique)
}

# The piped objects as a console without colour shows them ($PSStyle.OutputRendering PlainText, restored after), at
# this width: what a check of a view's text reads, free of escape sequences.
function Out-PlainText {
    param([Parameter(ValueFromPipeline)] $InputObject, [int] $Width = 120)
    begin { $objects = [System.Collections.Generic.List[object]]::new() }
    process { $objects.Add($InputObject) }
    end {
        $saved = $PSStyle.OutputRendering
        try {
            $PSStyle.OutputRendering = 'PlainText'
            $objects | Out-String -Width $Width
        }
        finally { $PSStyle.OutputRendering = $saved }
    }
}

# Walks a listing page by page as a user would: the cmdlet with -NoAutoPage -NextTokenVariable, then again with
# -NextToken of the page before, until no token is left (at most 1000 pages). Returns the pages' sizes, every item
# in order, and the token variable as it was left at the end.
function Invoke-PageWalk {
    param([string] $Cmdlet, [hashtable] $Parameters)
    $sizes = @(); $items = @(); $next = $null
    do {
        $token = if ($next) { @{ NextToken = $next } } else { @{} }
        $page = @(& $Cmdlet @Parameters @token -NoAutoPage -NextTokenVariable next)
        $sizes += $page.Count; $items += $page
    } while ($next -and $sizes.Count -lt 1000)
    [pscustomobject]@{ PageSizes = $sizes; Items = $items; NextToken = $next }
}

# What the help of a listing cmdlet (Get-IBScanFinding, Get-IBScanFindingAggregation) holds, from the MAML the build
# generates from en-US/*.md: a synopsis and a description matching these patterns, four examples or more, and piped
# keys read by -InputObject only (the typed parameters stopped binding from the pipeline: issue 13, point 4).
function Assert-ListingHelp {
    param([string] $Cmdlet, [string] $Synopsis, [string] $Description)
    $help = Get-Help $Cmdlet -Full
    $help.Synopsis | Should -Match $Synopsis
    ($help.description | Out-String) | Should -Match $Description
    @((Get-Help $Cmdlet -Examples).examples.example).Count | Should -BeGreaterOrEqual 4
    (Get-Help $Cmdlet -Parameter ImageBuildVersionArn).pipelineInput | Should -Be 'False'
    (Get-Help $Cmdlet -Parameter InputObject).pipelineInput | Should -Be 'True (ByValue)'
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

# The emulator's request counter for one operation: a member of GET /_emulator/stats, named after the operation.
function Get-EmulatorRequestCount {
    param($Emulator, [ValidateSet('ListImageScanFindingAggregations', 'ListImageScanFindings', 'GetImage', 'ListImagePipelineImages', 'ListImageBuildVersions')] [string] $Operation)
    $stats = Invoke-RestMethod "$($Emulator.Url)/_emulator/stats"
    if (-not $stats.PSObject.Properties[$Operation]) { throw "No counter for $Operation in /_emulator/stats: $($stats | ConvertTo-Json -Compress)" }
    [long]$stats.$Operation
}

# The emulator's log of one operation's requests (GET /_emulator/requests, the last 500, oldest first): each says
# whether it is still in flight (completed) and whether the client hung up before the answer (clientAborted).
function Get-EmulatorRequest {
    param($Emulator, [string] $Operation)
    # Invoke-RestMethod writes a JSON array as one object; piping the variable enumerates it.
    $requests = Invoke-RestMethod "$($Emulator.Url)/_emulator/requests"
    $requests | Where-Object operation -EQ $Operation
}

# Waits (bounded) for an event in the emulator's request log: until -Until, given the operation's requests, is true;
# returns them. A test asserts what did not happen on the log once the event came, never after a fixed sleep.
function Wait-EmulatorRequest {
    param($Emulator, [string] $Operation, [scriptblock] $Until, [int] $TimeoutSec = 60)
    $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        $requests = @(Get-EmulatorRequest $Emulator $Operation)
        if (& $Until $requests) { return , $requests }
        if ([datetime]::UtcNow -ge $deadline) {
            throw "The emulator's $Operation requests did not reach { $Until } within $TimeoutSec s: $($requests | Select-Object sequence, completed, clientAborted, statusCode | ConvertTo-Json -Compress)"
        }
        Start-Sleep -Milliseconds 50
    }
}
