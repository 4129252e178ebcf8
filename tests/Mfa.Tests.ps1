#Requires -Version 7.4
# Pester 5. An assume-role profile with mfa_serial (issue 22): in an interactive session the code is asked for through
# the PowerShell host, on the pipeline thread, once per command (a fan-out over regions included), and AssumeRole
# carries SerialNumber and TokenCode to the emulator's STS, which answers only with the device's current code.
# A host that answers is a PSHost of the tests' own (Shared/PromptingHost.cs); a session that cannot prompt is a real
# `pwsh -NonInteractive -File`, which must fail before any request with an error naming mfa_serial and what to do.
# The code never appears in any output, error, host screen or the emulator's request log.

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.GateTestHelpers.ps1')
    # Compiled into the hosted test run; pwsh itself compiles the one source.
    if (-not ('ImageBuilderScan.Tests.Shared.PromptingHost' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'Shared/PromptingHost.cs') }
    # Here only for the case that never prompts (the role without its code); the prompting cases run in their own host.
    Import-Module (Get-BuiltModuleManifest) -Force -ErrorAction Stop

    $script:Role = 'arn:aws:iam::444455556666:role/ScanAudit'
    $script:Serial = 'arn:aws:iam::111122223333:mfa/scan-operator'
    # A code no sample value contains, so finding it anywhere means it leaked.
    $script:Code = '408317'
    $script:Emulator = Start-TestEmulator -PageSize 1 -ExtraArgs '--mfa-role', $Role, '--mfa-serial', $Serial, '--mfa-code', $Code

    # The profile as the CLI and AWS Tools read it. This process keeps what it read of a config file (AWSSDK.Core reads
    # AWS_CONFIG_FILE once per process), so here the profile is in the credentials file, read afresh by each command;
    # the child pwsh reads the ~/.aws/config form: [profile mfa] in config, the source keys in credentials.
    $script:CredentialsFile = Join-Path $TestDrive 'credentials'
    Set-Content $CredentialsFile "[operator]`naws_access_key_id = $EmulatorAccessKey`naws_secret_access_key = $EmulatorSecretKey`n`n[mfa]`nrole_arn = $Role`nsource_profile = operator`nmfa_serial = $Serial`n"
    $script:AwsFolder = Join-Path $TestDrive 'aws'
    $null = New-Item -ItemType Directory $AwsFolder
    $script:ChildCredentialsFile = Join-Path $AwsFolder 'credentials'
    $script:ChildConfigFile = Join-Path $AwsFolder 'config'
    Set-Content $ChildCredentialsFile "[operator]`naws_access_key_id = $EmulatorAccessKey`naws_secret_access_key = $EmulatorSecretKey`n"
    Set-Content $ChildConfigFile "[profile mfa]`nrole_arn = $Role`nsource_profile = operator`nmfa_serial = $Serial`n"

    $script:SavedEnvironment = @{}
    foreach ($name in 'AWS_ENDPOINT_URL_STS', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_PROFILE', 'AWS_REGION') {
        $SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $env:AWS_ENDPOINT_URL_STS = $Emulator.Url
    $env:AWS_SHARED_CREDENTIALS_FILE = $CredentialsFile
    $env:AWS_CONFIG_FILE = Join-Path $TestDrive 'no-config'
    Remove-Item Env:AWS_PROFILE, Env:AWS_REGION -ErrorAction SilentlyContinue

    function Reset-Emulator { $null = Invoke-RestMethod "$($Emulator.Url)/_emulator/reset" -Method Post }
    # Invoke-RestMethod writes a JSON array as one object: assigned first, it is enumerated.
    function Get-StsRequest { $recent = Invoke-RestMethod "$($Emulator.Url)/_emulator/requests"; @($recent | Where-Object { $_.body -match 'Action=AssumeRole' }) }

    # Runs $Script in a runspace of a PromptingHost that answers $Answer; returns the host, what the script returned,
    # its error records (as text) and the pipeline thread's id.
    function Invoke-WithPromptingHost([string] $Answer, [scriptblock] $Script) {
        $answering = [ImageBuilderScan.Tests.Shared.PromptingHost]::new($Answer)
        $runspace = [runspacefactory]::CreateRunspace($answering, [initialsessionstate]::CreateDefault2())
        $runspace.Open()
        try {
            $shell = [powershell]::Create($runspace)
            $null = $shell.AddScript('param($Manifest) Import-Module $Manifest -ErrorAction Stop').AddArgument((Get-BuiltModuleManifest))
            # One statement: the thread that runs it is the pipeline thread of the command in it.
            $null = $shell.AddStatement().AddScript("[Environment]::CurrentManagedThreadId`n$Script")
            $out = @($shell.Invoke())
            [pscustomobject]@{
                Host     = $answering
                Thread   = $out[0]
                Output   = @($out | Select-Object -Skip 1)
                Errors   = @($shell.Streams.Error | ForEach-Object { "$_ $($_.ErrorDetails) $($_.FullyQualifiedErrorId)" })
                Verbose  = @($shell.Streams.Verbose | ForEach-Object Message)
            }
        }
        finally { $runspace.Dispose() }
    }
}

AfterAll {
    Stop-TestEmulator $script:Emulator
    foreach ($name in $SavedEnvironment.Keys) {
        if ($null -eq $SavedEnvironment[$name]) { Remove-Item -LiteralPath "env:$name" -ErrorAction SilentlyContinue } else { Set-Item -LiteralPath "env:$name" -Value $SavedEnvironment[$name] }
    }
}

Describe 'MFA: an assume-role profile with mfa_serial' {
    BeforeEach { Reset-Emulator }

    It 'asks for the code through the host on the pipeline thread, naming the device, and the listing succeeds' {
        $url = $Emulator.Url
        $run = Invoke-WithPromptingHost $Code ([scriptblock]::Create("Get-IBScanFindingAggregation -ProfileName mfa -Region us-east-1 -EndpointUrl '$url' -Verbose"))
        $run.Errors | Should -BeNullOrEmpty
        @($run.Output | ForEach-Object { "$($_.AccountId) $($_.All)" }) | Should -Be @('444455556666 14')
        $prompts = @($run.Host.Prompts)
        $prompts.Count | Should -Be 1
        $prompts[0].Caption | Should -Match "profile 'mfa'"
        $prompts[0].Message | Should -Match ([regex]::Escape($Serial))
        $prompts[0].Message | Should -Match 'mfa_serial'
        $prompts[0].ThreadId | Should -Be $run.Thread -Because 'a host is asked on the pipeline thread only'
        # What STS received: the device and a code (recorded as *** by the emulator).
        $sts = @(Get-StsRequest)
        $sts.Count | Should -Be 1
        $sts[0].body | Should -Match ('SerialNumber=' + [regex]::Escape([uri]::EscapeDataString($Serial)))
        $sts[0].body | Should -Match 'TokenCode=\*\*\*'
        ($run.Verbose -join "`n") | Should -Match 'with MFA'
        foreach ($text in @($run.Host.Screen) + $run.Verbose + $run.Errors + @(Invoke-RestMethod "$url/_emulator/requests" | ConvertTo-Json -Depth 5)) {
            $text | Should -Not -Match $Code
        }
    }

    It 'asks once for a fan-out over two regions, from its worker threads through the pipeline thread' {
        $url = $Emulator.Url
        $run = Invoke-WithPromptingHost $Code ([scriptblock]::Create("Get-IBScanFindingAggregation -ProfileName mfa -Region us-east-1, eu-west-1 -EndpointUrl '$url'"))
        $run.Errors | Should -BeNullOrEmpty
        @($run.Output | ForEach-Object { "$($_.Region) $($_.AccountId) $($_.All)" }) | Should -Be @('us-east-1 444455556666 14')
        @($run.Host.Prompts).Count | Should -Be 1
        @($run.Host.Prompts)[0].ThreadId | Should -Be $run.Thread
        @(Get-StsRequest).Count | Should -Be 1 -Because 'one code serves every target of the command, and none is sent twice'
    }

    It 'a code STS refuses names the profile, the role and the device, never the code' {
        $url = $Emulator.Url
        $run = Invoke-WithPromptingHost '000000' ([scriptblock]::Create("Get-IBScanFindingAggregation -ProfileName mfa -Region us-east-1 -EndpointUrl '$url'"))
        $run.Output | Should -BeNullOrEmpty
        $text = $run.Errors -join "`n"
        $text | Should -Match 'AssumeRoleFailed'
        $text | Should -Match "profile 'mfa'"
        $text | Should -Match ([regex]::Escape($Serial))
        $text | Should -Not -Match '000000'
        (Get-EmulatorRequestCount $Emulator ListImageScanFindingAggregations) | Should -Be 0
    }

    It 'an answer that is not 6 digits is refused before anything is sent' {
        $url = $Emulator.Url
        $run = Invoke-WithPromptingHost '12 45x' ([scriptblock]::Create("Get-IBScanFindingAggregation -ProfileName mfa -Region us-east-1 -EndpointUrl '$url'"))
        ($run.Errors -join "`n") | Should -Match 'InvalidMfaCode'
        ($run.Errors -join "`n") | Should -Not -Match '12 45x'
        (Invoke-RestMethod "$url/_emulator/stats").total | Should -Be 0
    }

    It 'a real pwsh in a terminal asks for the code, masked, and the listing succeeds' -Skip:(-not (Get-Command script -CommandType Application -ErrorAction SilentlyContinue)) {
        $script = Join-Path $TestDrive 'interactive.ps1'
        Set-Content $script @"
Import-Module '$(Get-BuiltModuleManifest)' -ErrorAction Stop
`$rows = @(Get-IBScanFindingAggregation -ProfileName mfa -Region us-east-1 -EndpointUrl '$($Emulator.Url)' -ErrorAction Stop)
'ROWS ' + ((`$rows | ForEach-Object { "`$(`$_.AccountId)=`$(`$_.All)" }) -join ',')
"@
        $transcript = Join-Path $TestDrive 'terminal.txt'
        # script(1) gives pwsh a terminal and types what it reads on its stdin. The code is typed once pwsh reads the
        # field: after 'Code: ', .NET's console asks the cursor position (ESC [6n) with echo already off. Typed earlier,
        # the terminal itself would echo it, which no person typing at a prompt can cause.
        $info = [System.Diagnostics.ProcessStartInfo]::new('script')
        foreach ($argument in '-q', '-f', '-e', '-c', "'$(Get-PwshPath)' -NoProfile -File '$script'", $transcript) { $info.ArgumentList.Add($argument) }
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        $info.Environment['NO_COLOR'] = '1'
        $terminal = [System.Diagnostics.Process]::Start($info)
        try {
            $screen = $terminal.StandardOutput.ReadToEndAsync()
            $deadline = [datetime]::UtcNow.AddSeconds(120)
            while (-not ((Get-Content $transcript -Raw -ErrorAction SilentlyContinue) -match "Code: [^\n]*`e\[6n") -and -not $terminal.HasExited -and [datetime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 100
            }
            $terminal.StandardInput.Write("$Code`r")
            $terminal.StandardInput.Flush()
            $terminal.WaitForExit(120000) | Should -BeTrue
            $terminal.ExitCode | Should -Be 0
            $raw = [System.IO.File]::ReadAllText($transcript)
            $raw | Should -Match ([regex]::Escape($Serial))
            $raw | Should -Match 'ROWS 444455556666=14'
            $raw | Should -Not -Match $Code
            $screen.Result | Should -Not -Match $Code
        }
        finally {
            if (-not $terminal.HasExited) { $terminal.Kill($true) }
            $terminal.Dispose()
        }
    }

    It 'pwsh -NonInteractive -File fails before any request, naming mfa_serial, the profile and what to do' {
        $script = Join-Path $TestDrive 'noninteractive.ps1'
        Set-Content $script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-BuiltModuleManifest)'
Get-IBScanFindingAggregation -ProfileName mfa -Region us-east-1 -EndpointUrl '$($Emulator.Url)' -ErrorAction Stop
"@
        $run = Invoke-ChildPwsh $script @{ AWS_ENDPOINT_URL_STS = $Emulator.Url; AWS_SHARED_CREDENTIALS_FILE = $ChildCredentialsFile; AWS_CONFIG_FILE = $ChildConfigFile } $TestDrive
        $run.ExitCode | Should -Be 1 -Because 'the error ends the script ($ErrorActionPreference Stop)'
        $text = $run.Output -replace '\s+', ' '
        $text | Should -Match 'mfa_serial'
        $text | Should -Match "profile 'mfa'"
        $text | Should -Match ([regex]::Escape($Serial))
        $text | Should -Match 'get-session-token'
        $text | Should -Match 'Nothing was sent'
        $text | Should -Not -Match 'Error calling AssumeRole'
        (Invoke-RestMethod "$($Emulator.Url)/_emulator/stats").total | Should -Be 0 -Because 'nothing reaches STS or Image Builder'
    }

    It 'the emulator refuses the MFA role without a code, so the module cannot pass by leaving it out' {
        # Signed by the caller's keys, AssumeRole without SerialNumber/TokenCode: the trust policy's MFA condition is not met.
        $keys = @{ EndpointUrl = $Emulator.Url; Region = 'us-east-1'; AccessKey = $EmulatorAccessKey; SecretKey = $EmulatorSecretKey }
        { Get-IBScanFindingAggregation @keys -RoleArn $Role -ErrorAction Stop } | Should -Throw -ExpectedMessage '*AccessDenied*'
        (Get-EmulatorRequestCount $Emulator ListImageScanFindingAggregations) | Should -Be 0
    }
}
