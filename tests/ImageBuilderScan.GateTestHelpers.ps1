# Shared by the gate, comparison and report suites: a real
# pwsh process for scripts whose exit code matters, and the documented examples and CI snippets cut
# out of the markdown so they run as written. Dot-source from BeforeAll after ImageBuilderScan.TestHelpers.ps1.

# A real pwsh: the suites run in a hosted PowerShell (no pwsh.exe of its own) or in pwsh itself. Nothing is
# installed here (the test run touches no network): .ci/run installs the PowerShell dotnet tool 7.6.9 into
# output/bench/pwsh-7.6.9 before the tests when no pwsh is on PATH.
function Get-PwshPath {
    $name = $IsWindows ? 'pwsh.exe' : 'pwsh'
    $candidates = @(
        (Get-Command pwsh -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
        $env:IBSCAN_TEST_PWSH
        (Join-Path $PSHOME $name)
        (Join-Path ([Environment]::GetFolderPath('UserProfile')) ".dotnet/tools/$name")
        @(Get-ChildItem (Join-Path $RepoRoot 'output/bench') -Directory -Filter 'pwsh-*' -ErrorAction SilentlyContinue | Sort-Object Name -Descending | ForEach-Object { Join-Path $_.FullName $name })
    ) | Where-Object { $_ -and (Test-Path $_ -PathType Leaf) }
    if ($candidates) { return @($candidates)[0] }
    throw "No pwsh found (PATH, IBSCAN_TEST_PWSH, ~/.dotnet/tools, output/bench/pwsh-*). .ci/run installs it before the tests: dotnet tool install --tool-path output/bench/pwsh-7.6.9 PowerShell --version 7.6.9"
}

# The environment a CI job gives its step: the emulator's endpoint, region and keys, nothing else of AWS.
function Get-EmulatorEnvironment {
    param($Emulator)
    @{
        AWS_ENDPOINT_URL      = $Emulator.Url
        AWS_REGION            = 'us-east-1'
        AWS_ACCESS_KEY_ID     = $script:EmulatorAccessKey
        AWS_SECRET_ACCESS_KEY = $script:EmulatorSecretKey
        PSModulePath          = (Split-Path -Parent (Split-Path -Parent (Split-Path -Parent (Get-BuiltModuleManifest))))
    }
}

# Runs a script file in a new pwsh with that environment; returns its exit code and what it wrote.
# -GitHubShell runs it as GitHub Actions' `shell: pwsh` does: the file gets `$ErrorActionPreference = 'stop'`
# before it and `exit $LASTEXITCODE` (when set) after it, and is dot-sourced by `pwsh -command ". '<file>'"`.
function Invoke-ChildPwsh {
    param([string] $ScriptPath, [hashtable] $Environment, [string] $WorkingDirectory, [switch] $GitHubShell)
    Wait-ChildPwsh (Start-ChildPwsh $ScriptPath $Environment $WorkingDirectory -GitHubShell:$GitHubShell)
}

# The same, started without waiting: several runs overlap (Wait-ChildPwsh collects each).
function Start-ChildPwsh {
    param([string] $ScriptPath, [hashtable] $Environment, [string] $WorkingDirectory, [switch] $GitHubShell)
    $info = [System.Diagnostics.ProcessStartInfo]::new((Get-PwshPath))
    $arguments = if ($GitHubShell) {
        $wrapped = [System.IO.Path]::ChangeExtension($ScriptPath, '.github.ps1')
        Set-Content $wrapped ("`$ErrorActionPreference = 'stop'`n" + (Get-Content $ScriptPath -Raw) + "`nif ((Test-Path -LiteralPath variable:\LASTEXITCODE)) { exit `$LASTEXITCODE }")
        '-NoProfile', '-NonInteractive', '-command', ". '$wrapped'"
    } else { '-NoProfile', '-NonInteractive', '-File', $ScriptPath }
    foreach ($argument in $arguments) { $info.ArgumentList.Add($argument) }
    $info.WorkingDirectory = $WorkingDirectory
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    foreach ($name in 'AWS_PROFILE', 'AWS_DEFAULT_REGION', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL_IMAGEBUILDER', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE') { $null = $info.Environment.Remove($name) }
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $info.Environment.Remove($name) } else { $info.Environment[$name] = [string]$Environment[$name] }
    }
    $info.Environment['NO_COLOR'] = '1'
    $process = [System.Diagnostics.Process]::Start($info)
    [pscustomobject]@{ Process = $process; Script = $ScriptPath; Stdout = $process.StandardOutput.ReadToEndAsync(); Stderr = $process.StandardError.ReadToEndAsync() }
}

function Wait-ChildPwsh {
    param($Run)
    # A run that hangs is that run's failure (no exit code), not the whole suite's.
    if (-not $Run.Process.WaitForExit(180000)) { $Run.Process.Kill($true); return [pscustomobject]@{ ExitCode = $null; Output = "pwsh -File $($Run.Script) did not end within 180 s." } }
    [pscustomobject]@{ ExitCode = $Run.Process.ExitCode; Output = $Run.Stdout.Result + $Run.Stderr.Result }
}

# Runs every help example of a cmdlet as written, in a folder of its own under TestDrive holding the sample exceptions
# file, against $Emulator with IMAGE_ARN (and -Environment) set, and checks each exits as -Expected (number -> exit
# code) says. Returns the folder, the environment and the examples, for what a suite checks besides.
function Invoke-HelpExampleCheck {
    param([string] $Cmdlet, [hashtable] $Expected, [string] $ImageArn, [hashtable] $Environment = @{})
    $work = Join-Path $TestDrive "$Cmdlet-examples"
    $null = New-Item -ItemType Directory $work -Force
    Copy-Item (Join-Path $script:RepoRoot 'samples/scan-exceptions.yaml') $work
    $variables = Get-EmulatorEnvironment $script:Emulator
    $variables.IMAGE_ARN = $ImageArn
    foreach ($name in $Environment.Keys) { $variables[$name] = $Environment[$name] }
    $examples = @(Get-HelpExample $Cmdlet)
    $examples.Count | Should -BeGreaterOrEqual 4
    Invoke-HelpExampleScript $Cmdlet $variables $work $Expected | Should -Be ($examples | ForEach-Object { "$($_.Number)=$($Expected[$_.Number])" })
    [pscustomobject]@{ Work = $work; Environment = $variables; Examples = $examples }
}

# The examples of a help file: number, title and code, exactly as Get-Help shows them.
# Runs each help example of a cmdlet as written, in its own pwsh -File (the module imported first),
# and returns "<number>=<exit code>" per example, in order, for comparison with what their texts say.
function Invoke-HelpExampleScript {
    param([string] $Cmdlet, [hashtable] $Environment, [string] $WorkingDirectory, [hashtable] $Expected)
    foreach ($example in @(Get-HelpExample $Cmdlet)) {
        $script = Join-Path $WorkingDirectory "example$($example.Number).ps1"
        Set-Content $script "Import-Module '$(Get-BuiltModuleManifest)'`n$($example.Code)"
        $run = Invoke-ChildPwsh $script $Environment $WorkingDirectory
        if ($run.ExitCode -ne $Expected[$example.Number]) { Write-Host "Example $($example.Number): $($run.Output)" }
        "$($example.Number)=$($run.ExitCode)"
    }
}

function Get-HelpExample {
    param([string] $Cmdlet)
    $text = (Get-Content (Join-Path $script:RepoRoot "en-US/$Cmdlet.md") -Raw) -replace "`r`n", "`n"
    $section = $text.Substring($text.IndexOf('## EXAMPLES'), $text.IndexOf('## PARAMETERS') - $text.IndexOf('## EXAMPLES'))
    [regex]::Matches($section, '(?ms)^### Example (\d+): (.*?)$.*?^```powershell\n(.*?)\n```$') | ForEach-Object {
        [pscustomobject]@{ Number = [int]$_.Groups[1].Value; Title = $_.Groups[2].Value; Code = $_.Groups[3].Value }
    }
}

# The script of each documented pwsh CI step: GitHub's `run: |` in the README's "CI gate" section and
# Azure DevOps' `- pwsh: |` in docs/ci-gate.md, which the section links to.
function Get-ReadmeCiStep {
    $text = (Get-Content (Join-Path $script:RepoRoot 'README.md') -Raw) -replace "`r`n", "`n"
    $start = $text.IndexOf("`n## CI gate`n")
    if ($start -lt 0) { throw 'README.md has no "## CI gate" section.' }
    $end = $text.IndexOf("`n## ", $start + 5)
    $section = $text.Substring($start, $end - $start) + "`n" + ((Get-Content (Join-Path $script:RepoRoot 'docs/ci-gate.md') -Raw) -replace "`r`n", "`n")
    foreach ($block in [regex]::Matches($section, '(?ms)^```yaml\n(.*?)^```$')) {
        $lines = $block.Groups[1].Value -split "`n"
        for ($i = 0; $i -lt $lines.Count; $i++) {
            $key = [regex]::Match($lines[$i], '^(\s*)(?:- )?(run|pwsh): \|\s*$')
            if (-not $key.Success) { continue }
            $body = @()
            $indent = $null
            for ($j = $i + 1; $j -lt $lines.Count; $j++) {
                $line = $lines[$j]
                if ($line.Trim() -eq '') { $body += ''; continue }
                $lead = $line.Length - $line.TrimStart().Length
                if ($null -eq $indent) { $indent = $lead }
                if ($lead -lt $indent) { break }
                $body += $line.Substring($indent)
            }
            [pscustomobject]@{ Kind = if ($key.Groups[2].Value -eq 'run') { 'GitHub' } else { 'AzureDevOps' }; Script = ($body -join "`n").TrimEnd() }
        }
    }
}
