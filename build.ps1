#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, documents, packages or demonstrates the ImageBuilderScan module.
.DESCRIPTION
    Build   dotnet build: lays out output/ImageBuilderScan/<version>/ as it installs (the same layout
            a plain `dotnet build src/ImageBuilderScan -c Release` gives).
    Test    Build, then `dotnet test` of the solution and Pester 5 (tests/*.Tests.ps1) against the
            built module in this PowerShell when Pester is installed (else dotnet test runs the
            Pester suites in the PowerShell 7.6 it hosts).
    Docs    Regenerates the MAML help with Microsoft.PowerShell.PlatyPS 1.0 when installed
            (Import-MarkdownCommandHelp | Export-MamlCommandHelp), overwriting the file the build
            writes. Without PlatyPS nothing is lost: every build already generates
            en-US/ImageBuilderScan.dll-Help.xml from en-US/*.md (src/ImageBuilderScan.HelpBuilder).
    Package Build and Docs, then a nupkg for Publish-PSResource (Compress-PSResource when
            Microsoft.PowerShell.PSResourceGet is installed) or else a zip of the module folder.
    Demo    Build, start the emulator with samples/findings.json on a free port and run the cmdlets
            against it: no AWS account needed.
.EXAMPLE
    ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package', 'Demo')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
[xml]$props = Get-Content (Join-Path $root 'Directory.Build.props') -Raw
$version = $props.SelectSingleNode('//VersionPrefix').InnerText
$moduleFolder = Join-Path $root "output/ImageBuilderScan/$version"

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Dotnet build (Join-Path $root 'ImageBuilderScan.sln') --configuration $Configuration
    if (-not (Test-Path (Join-Path $moduleFolder 'bin/ImageBuilderScan.dll'))) { throw "The build did not lay out $moduleFolder." }
    Write-Host "Module: $moduleFolder"
}

function Invoke-Docs {
    if (-not (Get-Module -ListAvailable Microsoft.PowerShell.PlatyPS)) {
        # The build's own generator already wrote the MAML; PlatyPS would only replace it with its own rendering.
        Write-Host 'Docs: Microsoft.PowerShell.PlatyPS is not installed, so the MAML help the build generated from en-US/*.md is kept (full Get-Help: synopsis, description, parameters, examples).'
        return
    }
    Import-Module Microsoft.PowerShell.PlatyPS
    $help = Join-Path $moduleFolder 'en-US'
    $null = New-Item -ItemType Directory -Force $help
    $staging = Join-Path ([System.IO.Path]::GetTempPath()) "ibscan-maml-$PID"
    Get-ChildItem (Join-Path $root 'en-US') -Filter '*.md' | ForEach-Object { Import-MarkdownCommandHelp -Path $_.FullName } |
        Export-MamlCommandHelp -OutputFolder $staging -Force | Out-Null
    # PlatyPS writes <OutputFolder>/<ModuleName>/<ModuleName>-Help.xml. For a binary module PowerShell
    # looks for <cmdlet assembly file name>-Help.xml in the module's culture folder, so that is the name.
    $maml = @(Get-ChildItem $staging -Recurse -Filter '*-Help.xml')
    if ($maml.Count -ne 1) { throw "Expected one MAML file from PlatyPS under $staging, found $($maml.Count)." }
    Copy-Item $maml[0].FullName -Destination (Join-Path $help 'ImageBuilderScan.dll-Help.xml') -Force
    Remove-Item $staging -Recurse -Force
    Write-Host "MAML help -> $help"
}

function Get-PwshCommand {
    # The command line that starts this PowerShell again. The process is not always pwsh: installed
    # as a dotnet tool (or run as `dotnet pwsh.dll`) it is the dotnet host, which needs pwsh.dll.
    $process = [Environment]::ProcessPath
    if ([System.IO.Path]::GetFileNameWithoutExtension($process) -in 'pwsh', 'powershell') { return , $process }
    $apphost = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    if (Test-Path $apphost -PathType Leaf) { return , $apphost }
    return $process, (Join-Path $PSHOME 'pwsh.dll')
}

function Invoke-Test {
    Invoke-Build
    $pester = Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0.0' | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        # dotnet test runs the Pester suites too, in the PowerShell 7.6 it hosts (ImageBuilderScan.PowerShell.Tests).
        Write-Warning 'Pester 5 is not installed (Install-PSResource Pester): the Pester suites run only inside dotnet test, in its hosted PowerShell 7.6, not in this PowerShell.'
        Invoke-Dotnet test (Join-Path $root 'ImageBuilderScan.sln') --configuration $Configuration --no-build
        return
    }
    # The hosted run of the Pester suites is left out here: they run next, in this PowerShell.
    Invoke-Dotnet test (Join-Path $root 'ImageBuilderScan.sln') --configuration $Configuration --no-build --filter 'FullyQualifiedName!~ImageBuilderScan.PowerShell.Tests'

    # A child process, so the module loaded by the tests never stays in this session.
    # The path goes inside a single-quoted literal: a quote in it is doubled, not a parse error.
    $testsPath = (Join-Path $root 'tests') -replace "'", "''"
    $script = "Import-Module Pester -MinimumVersion 5.0.0; `$c = New-PesterConfiguration; `$c.Run.Path = '$testsPath'; `$c.Run.Exit = `$true; `$c.Output.Verbosity = 'Detailed'; Invoke-Pester -Configuration `$c"
    $pwsh = @(Get-PwshCommand)
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -Command $script
    if ($LASTEXITCODE -ne 0) { throw "Pester failed (exit code ${LASTEXITCODE}: the number of failed tests, or a run that could not start)." }
}

function Invoke-Package {
    Invoke-Build
    Invoke-Docs
    $packages = Join-Path $root 'output/packages'
    $null = New-Item -ItemType Directory -Force $packages
    if (Get-Command Compress-PSResource -ErrorAction SilentlyContinue) {
        Compress-PSResource -Path $moduleFolder -DestinationPath $packages
        Write-Host "nupkg -> $packages (publish with Publish-PSResource -NupkgPath <file> -Repository PSGallery)"
    }
    else {
        $zip = Join-Path $packages "ImageBuilderScan-$version.zip"
        # ImageBuilderScan/<version>/... inside the zip, so it extracts straight into a PSModulePath
        # folder (zipping the version folder itself would leave a bare '<version>' folder).
        $staging = Join-Path ([System.IO.Path]::GetTempPath()) "ibscan-zip-$PID"
        if (Test-Path $staging) { Remove-Item $staging -Recurse -Force }
        $null = New-Item -ItemType Directory -Force (Join-Path $staging 'ImageBuilderScan')
        Copy-Item $moduleFolder -Destination (Join-Path $staging 'ImageBuilderScan') -Recurse -Force
        Compress-Archive -Path (Join-Path $staging 'ImageBuilderScan') -DestinationPath $zip -Force
        Remove-Item $staging -Recurse -Force
        Write-Host "zip -> $zip (Compress-PSResource not found: install Microsoft.PowerShell.PSResourceGet 1.1+ for a nupkg)"
    }
}

function Invoke-Demo {
    Invoke-Build
    . (Join-Path $root 'tests/ImageBuilderScan.TestHelpers.ps1')
    $emulator = Start-TestEmulator -PageSize 2
    try {
        Import-Module (Join-Path $moduleFolder 'ImageBuilderScan.psd1') -Force
        $aws = $emulator.Aws
        Write-Host "`nEmulator on $($emulator.Url) with samples/findings.json. Parameters used below:" -ForegroundColor Cyan
        Write-Host "  -EndpointUrl $($aws.EndpointUrl) -Region $($aws.Region) -AccessKey $($aws.AccessKey) -SecretKey <emulator secret>`n"
        Write-Host '> Get-IBScanFindingAggregation @aws     # counts per account' -ForegroundColor Cyan
        Get-IBScanFindingAggregation @aws | Format-Table | Out-Host
        $image = Get-IBScanFinding @aws -PageSize 25 | Select-Object -First 1 -ExpandProperty ImageBuildVersionArn
        Write-Host "> Get-IBScanFindingAggregation @aws -ImageBuildVersionArn $image" -ForegroundColor Cyan
        $aggregation = Get-IBScanFindingAggregation @aws -ImageBuildVersionArn $image
        $aggregation | Format-Table | Out-Host
        Write-Host '> $aggregation | Get-IBScanFinding @aws   # drill down to the findings behind the counts' -ForegroundColor Cyan
        $aggregation | Get-IBScanFinding @aws | Format-Table | Out-Host
        Write-Host '> Get-IBScanFinding @aws -Severity CRITICAL, HIGH | Select-Object -First 5' -ForegroundColor Cyan
        Get-IBScanFinding @aws -Severity CRITICAL, HIGH | Select-Object -First 5 | Format-Table | Out-Host
    }
    finally {
        Stop-TestEmulator $emulator
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Docs' { Invoke-Build; Invoke-Docs }
    'Package' { Invoke-Package }
    'Demo' { Invoke-Demo }
}
