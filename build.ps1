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
    Docs    Build, then with Microsoft.PowerShell.PlatyPS 1.0 installed: Update-MarkdownCommandHelp
            brings en-US/*.md up to date with the built cmdlets (printing what changed) and
            Test-MarkdownCommandHelp checks it. The MAML help that ships,
            en-US/ImageBuilderScan.dll-Help.xml, is always the one every build generates from
            en-US/*.md (src/ImageBuilderScan.HelpBuilder), never PlatyPS's Export-MamlCommandHelp.
    Package Build, then a nupkg for Publish-PSResource (Compress-PSResource when
            Microsoft.PowerShell.PSResourceGet is installed) or else a zip of the module folder.
    Demo    Build, start the emulator with samples/findings.json on a free port and run the cmdlets
            against it: no AWS account needed.
    Screenshot
            Build, then make the sample HTML report from samples/ (gate results, a comparison and the
            history of web-frontend-al2023, against the emulator) and take docs/images/html-report.png
            of it in headless chromium (network off). The README shows that picture.
.EXAMPLE
    ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package', 'Demo', 'Screenshot')]
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
    # The shipped MAML always comes from the build's own generator (src/ImageBuilderScan.HelpBuilder):
    # PlatyPS 1.0.3's Export-MamlCommandHelp writes broken MAML (see DESIGN.md), so it is never used.
    # PlatyPS only brings the markdown up to date with the built cmdlets and checks it.
    $markdown = @(Get-ChildItem (Join-Path $root 'en-US') -Filter '*.md')
    if (-not (Get-Module -ListAvailable Microsoft.PowerShell.PlatyPS)) {
        Write-Host "Docs: Microsoft.PowerShell.PlatyPS is not installed (Install-PSResource Microsoft.PowerShell.PlatyPS), so en-US/*.md was not updated from the built cmdlets nor checked by PlatyPS. The MAML help the build generated from it is complete: $moduleFolder/en-US/ImageBuilderScan.dll-Help.xml"
        return
    }
    Import-Module Microsoft.PowerShell.PlatyPS
    # Update-MarkdownCommandHelp reads each cmdlet from the session: the built module, not an installed copy.
    Import-Module (Join-Path $moduleFolder 'ImageBuilderScan.psd1') -Force
    $before = @{}
    foreach ($file in $markdown) { $before[$file.FullName] = @(Get-Content -LiteralPath $file.FullName) }
    Update-MarkdownCommandHelp -LiteralPath $markdown.FullName -NoBackup
    $changed = 0
    foreach ($file in $markdown) {
        $difference = @(Compare-Object $before[$file.FullName] @(Get-Content -LiteralPath $file.FullName))
        if ($difference.Count -eq 0) { continue }
        $changed++
        Write-Host "Update-MarkdownCommandHelp changed $($file.Name) (review it; git diff shows it in place):"
        foreach ($line in $difference) { Write-Host "  $($line.SideIndicator -eq '=>' ? '+' : '-') $($line.InputObject)" }
    }
    if ($changed -eq 0) { Write-Host 'Update-MarkdownCommandHelp: en-US/*.md already matches the built cmdlets.' }

    $invalid = @(Test-MarkdownCommandHelp -FullName $markdown.FullName -DetailView | Where-Object { -not $_.IsValid })
    foreach ($result in $invalid) { Write-Host "Test-MarkdownCommandHelp: $($result.Path)`n  $($result.Messages -join "`n  ")" }
    if ($invalid.Count -gt 0) { throw "Test-MarkdownCommandHelp found $($invalid.Count) invalid markdown file(s)." }
    Write-Host 'Test-MarkdownCommandHelp: en-US/*.md is valid.'

    # The MAML is made from the markdown by the build: rebuild so it follows any update.
    if ($changed -gt 0) { Invoke-Build }
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
    # No Docs: it would rewrite en-US/*.md while packaging; the build already made the MAML.
    Invoke-Build
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

function Invoke-Screenshot {
    Invoke-Build
    $chromium = Get-Command chromium, chromium-browser, google-chrome -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $chromium) { throw 'chromium is not installed (apt-get install -y chromium): the screenshot is taken in a real browser.' }
    . (Join-Path $root 'tests/ImageBuilderScan.TestHelpers.ps1')
    $emulator = Start-TestEmulator -PageSize 25
    $work = Join-Path $root 'output/screenshot'
    $null = New-Item -ItemType Directory -Force $work
    $report = Join-Path $work 'sample-report.html'
    $profileDir = Join-Path ([System.IO.Path]::GetTempPath()) "ibscan-screenshot-$PID"
    try {
        # A child pwsh: the module loaded to make the report never stays in this session.
        $script = Join-Path $work 'make-report.ps1'
        Set-Content $script @'
param($Manifest, $Url, $AccessKey, $SecretKey, $Report, $Exceptions)
Import-Module $Manifest
$aws = @{ EndpointUrl = $Url; Region = 'us-east-1'; AccessKey = $AccessKey; SecretKey = $SecretKey }
$image = 'arn:aws:imagebuilder:us-east-1:111122223333:image/web-frontend-al2023'
# One build passes, one fails: a failed gate ends a script, so its results are kept by -OutVariable.
try { $null = Test-IBScanGate @aws -ImageBuildVersionArn "$image/1.4.1/2", "$image/1.5.0/1" -ExceptionPath $Exceptions -OutVariable gate } catch { }
$changes = @(Compare-IBScanFinding @aws -DifferenceImageBuildVersionArn "$image/1.5.0/1")
$history = @(Get-IBScanHistory @aws -ImagePipelineArn 'arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend-al2023', 'arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/payments-api-al2023')
@($gate) + $changes + $history | Export-IBScanReport -Format Html -Path $Report
'@
        $pwsh = @(Get-PwshCommand)
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -File $script (Join-Path $moduleFolder 'ImageBuilderScan.psd1') $emulator.Url `
            $emulator.Aws.AccessKey $emulator.Aws.SecretKey $report (Join-Path $root 'samples/scan-exceptions.yaml')
        if ($LASTEXITCODE -ne 0) { throw "Making the sample report failed (exit code $LASTEXITCODE)." }
    }
    finally {
        Stop-TestEmulator $emulator
    }
    $png = Join-Path $root 'docs/images/html-report.png'
    $null = New-Item -ItemType Directory -Force (Split-Path $png)
    $arguments = @('--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', "--user-data-dir=$profileDir", '--disable-background-networking',
        '--disable-component-update', '--proxy-server=http://127.0.0.1:9', '--hide-scrollbars', '--window-size=1100,1500', "--screenshot=$png", [System.Uri]::new($report).AbsoluteUri)
    $null = & $chromium.Source @arguments 2>&1
    Remove-Item $profileDir -Recurse -Force -ErrorAction SilentlyContinue
    if (-not (Test-Path $png)) { throw "chromium wrote no screenshot ($png)." }
    Write-Host "Screenshot: $png (from $report)"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Docs' { Invoke-Build; Invoke-Docs }
    'Package' { Invoke-Package }
    'Demo' { Invoke-Demo }
    'Screenshot' { Invoke-Screenshot }
}
