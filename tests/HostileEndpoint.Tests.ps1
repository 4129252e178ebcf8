#Requires -Version 7.4
# Pester 5. An endpoint that is not the service (issue 21): a hostile server of the tests' own (ScriptedServer,
# 127.0.0.1) answers what a misconfigured proxy or a look-alike endpoint might. The gate never passes on what it
# could not read exactly (thrown, and a non-zero exit code under pwsh -File); no raw control sequence from the wire
# reaches a terminal (a real pty, through `script`); the session token in use is in no stream, transcript or report.

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.GateTestHelpers.ps1')
    Import-Module (Get-BuiltModuleManifest) -Force -ErrorAction Stop
    # Compiled into the hosted test run; pwsh itself compiles the one source.
    if (-not ('ImageBuilderScan.Tests.Shared.ScriptedServer' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'Shared/ScriptedServer.cs') }

    $script:Image = 'arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.3/4'
    $script:Secret = 'HostileSecretKeyThatMustNeverBeSeen00001'
    $script:Token = 'HostileSessionToken/That+MustNeverBeSeen=0002'
    # What acts on a terminal or a CI log when written raw: OSC 52 (clipboard), clear screen, OSC 8 (link), a bidi
    # override, Azure Pipelines and GitHub Actions commands on lines of their own.
    $script:Active = "x`e]52;c;cHduZWQ=`a`e[2J`e]8;;https://evil.example/`e\link`e]8;;`e\`u{202E}txt.exe`n##vso[task.setvariable variable=x]1`n::error::pwned"

    function ConvertTo-JsonText([string] $Text) { ($Text | ConvertTo-Json -Compress) }
    function New-Answer([string] $Body, [string] $RequestId = 'hostile-req') { [ImageBuilderScan.Tests.Shared.ScriptedResponse]::Json($Body, $RequestId) }
    function New-Finding([string] $Severity = 'HIGH', [string] $Id = 'CVE-2025-38064', [string] $Text = 'title') {
        '{{"imageBuildVersionArn":"{0}","severity":{1},"title":{2},"packageVulnerabilityDetails":{{"vulnerabilityId":{3},"vulnerablePackages":[{{"name":{2},"version":"1"}}]}}}}' -f `
            $Image, (ConvertTo-JsonText $Severity), (ConvertTo-JsonText $Text), (ConvertTo-JsonText $Id)
    }
    # A server answering a gate by ARN: GetImage, the findings listing and the image's own count.
    function New-GateServer {
        param([string[]] $Findings = @(), [long] $Counted = $Findings.Count, [string] $Status = 'COMPLETED', [string] $ImageArn = $Image, [string] $Reason = 'done')
        $server = [ImageBuilderScan.Tests.Shared.ScriptedServer]::new()
        $server.Route('/GetImage', (New-Answer ('{{"image":{{"arn":"{0}","state":{{"status":"AVAILABLE"}},"imageScanningConfiguration":{{"imageScanningEnabled":true}},"scanState":{{"status":{1},"reason":{2}}}}}}}' -f $ImageArn, (ConvertTo-JsonText $Status), (ConvertTo-JsonText $Reason))))
        $server.Route('/ListImageScanFindings', (New-Answer ('{{"findings":[{0}]}}' -f ($Findings -join ','))))
        $server.Route('/ListImageScanFindingAggregations', (New-Answer ('{{"aggregationType":"imageBuildVersionArn","responses":[{{"imageAggregation":{{"imageBuildVersionArn":"{0}","severityCounts":{{"all":{1},"critical":0,"high":0,"medium":0}}}}}}]}}' -f $Image, $Counted)))
        $server
    }
    function Get-Connection($Server) {
        @{ EndpointUrl = $Server.BaseAddress.ToString(); Region = 'us-east-1'; AccessKey = 'AKIAIBSCANHOSTILE001'; SecretKey = $Secret; SessionToken = $Token; MaxAttempts = 1 }
    }
}

AfterAll {
    Remove-Module ImageBuilderScan -ErrorAction SilentlyContinue
}

Describe 'A hostile endpoint' {
    Context 'the gate never judges what it could not read exactly' {
        It 'does not pass <Label>' -ForEach @(
            @{ Label = 'a CRITICAL with a zero-width space (a 9.8 finding that used to rank UNTRIAGED)'; Severity = "CRITICAL`u{200B}"; Expect = '*severity*' }
            @{ Label = 'a dotted capital I'; Severity = "CR`u{0130}TICAL"; Expect = '*severity*' }
            @{ Label = 'a finding with no severity'; NoSeverity = $true; Expect = '*no severity*' }
            @{ Label = 'a listing that ends early (one LOW while the image counts five)'; Severity = 'LOW'; Counted = 5; Expect = '*counts 5*' }
            @{ Label = 'a GetImage answer about another image'; OtherImage = $true; Expect = '*ImageMismatch*' }
            @{ Label = 'a scan status the model does not define'; Status = 'COMPLETED '; Expect = '*scan status*' }
        ) {
            $findings = if ($NoSeverity) { @('{"imageBuildVersionArn":"' + $Image + '"}') } elseif ($Severity) { @(New-Finding $Severity) } else { @() }
            $arguments = @{ Findings = $findings }
            if ($Counted) { $arguments.Counted = $Counted }
            if ($OtherImage) { $arguments.ImageArn = $Image -replace '/4$', '/5' }
            if ($Status) { $arguments.Status = $Status }
            $server = New-GateServer @arguments
            try {
                $connection = Get-Connection $server
                { Test-IBScanGate @connection -ImageBuildVersionArn $Image -FailOn CRITICAL } | Should -Throw -ExpectedMessage $Expect
            }
            finally { $server.Dispose() }
        }

        It 'exits <Exit> under pwsh -File when the endpoint sends a look-alike severity (<Mode>)' -ForEach @(
            @{ Mode = 'default preferences'; Switch = ''; Exit = 'non-zero' }
            @{ Mode = '-ExitCode: not judged'; Switch = ' -ExitCode'; Exit = 2 }
        ) {
            $server = New-GateServer -Findings @(New-Finding "CRITICAL`u{200B}")
            try {
                $script = Join-Path $TestDrive 'gate.ps1'
                Set-Content -LiteralPath $script -Value @"
Import-Module ImageBuilderScan -ErrorAction Stop
Test-IBScanGate -ImageBuildVersionArn '$Image' -FailOn CRITICAL -MaxAttempts 1$Switch
'gate passed'
"@
                $environment = @{
                    AWS_ENDPOINT_URL = $server.BaseAddress.ToString(); AWS_REGION = 'us-east-1'
                    AWS_ACCESS_KEY_ID = 'AKIAIBSCANHOSTILE001'; AWS_SECRET_ACCESS_KEY = $Secret; AWS_SESSION_TOKEN = $Token
                    PSModulePath = (Split-Path -Parent (Split-Path -Parent (Split-Path -Parent (Get-BuiltModuleManifest))))
                }
                $run = Invoke-ChildPwsh -ScriptPath $script -Environment $environment -WorkingDirectory $TestDrive
                if ($Exit -eq 2) { $run.ExitCode | Should -Be 2 -Because $run.Output }
                else { $run.ExitCode | Should -Not -Be 0 -Because $run.Output }
                $run.Output | Should -Not -Match 'gate passed'
                $run.Output | Should -Match 'u200B'
            }
            finally { $server.Dispose() }
        }
    }

    Context 'no raw control sequence reaches a terminal' {
        It 'shows wire text in the default views and error output as escapes, in a real pty' -Skip:(-not (Get-Command script -CommandType Application -ErrorAction SilentlyContinue)) {
            $server = [ImageBuilderScan.Tests.Shared.ScriptedServer]::new()
            try {
                $finding = New-Finding 'HIGH' $Active $Active
                $server.Enqueue((New-Answer ('{{"findings":[{0}]}}' -f $finding)), (New-Answer ('{{"findings":[{0}]}}' -f $finding)),
                    [ImageBuilderScan.Tests.Shared.ScriptedResponse]::Error(400, 'InvalidRequestException', ('{{"message":{0}}}' -f (ConvertTo-JsonText $Active))))
                $script = Join-Path $TestDrive 'views.ps1'
                Set-Content -LiteralPath $script -Value @"
Import-Module '$(Get-BuiltModuleManifest)' -ErrorAction Stop
`$c = @{ EndpointUrl = '$($server.BaseAddress)'; Region = 'us-east-1'; AccessKey = 'AKIAIBSCANHOSTILE001'; SecretKey = '$Secret'; MaxAttempts = 1 }
Get-IBScanFinding @c -ImageBuildVersionArn '$Image' -Verbose
Get-IBScanFinding @c -ImageBuildVersionArn '$Image' | Format-List
Get-IBScanFinding @c -ImageBuildVersionArn '$Image'
"@
                $transcript = Join-Path $TestDrive 'pty.txt'
                $pwsh = Get-PwshPath
                $null = & script -q -e -c "'$pwsh' -NoProfile -NonInteractive -File '$script'" $transcript
                $raw = [System.IO.File]::ReadAllText($transcript)
                $raw | Should -Match 'Verbose|VERBOSE'
                $raw | Should -Match 'u001B'
                foreach ($sequence in "`e]52", "`e[2J", "`e]8;", "`u{202E}", "`n##vso[", "`n::error::") {
                    $raw.Contains($sequence) | Should -BeFalse -Because "$([regex]::Escape($sequence)) must not reach the terminal raw"
                }
            }
            finally { $server.Dispose() }
        }

        It 'writes a warning that carries wire text inert (the one warning path scrubs)' {
            # A severity outside the model is warned about with the value the service sent: CI commands first, so they
            # would start a line if the text went out raw.
            $server = [ImageBuilderScan.Tests.Shared.ScriptedServer]::new()
            try {
                $server.Default = New-Answer ('{{"findings":[{0}]}}' -f (New-Finding "`n##vso[task.setvariable variable=x]1`n::error::pwned`n`e[2J`u{202E}txt`e]52;c;cHduZWQ=`a"))
                $connection = Get-Connection $server
                $warnings = @(Get-IBScanFinding @connection -ImageBuildVersionArn $Image 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
                $text = @($warnings.Message) -join "`n"
                $text | Should -Match 'returned the severity'
                $text | Should -Match '\\u001B'
                foreach ($raw in "`e", "`u{202E}", "`a") { $text.Contains($raw) | Should -BeFalse -Because "$([int][char]$raw) must not reach the warning stream raw" }
                foreach ($line in $text -split "`n") { $line.TrimStart() | Should -Not -Match '^(##vso\[|##\[|::)' }
            }
            finally { $server.Dispose() }
        }
    }

    Context 'the session token in use is never echoed' {
        It 'is in no stream, transcript or report when the endpoint echoes it in every form' {
            $echo = "query ?X-Amz-Security-Token=$([uri]::EscapeDataString($Token))&a=1 header`nx-amz-security-token: $Token json {""X-Amz-Security-Token"":""$Token""} html <td>X-Amz-Security-Token</td><td>$Token</td> bare $Token secret $Secret"
            $server = [ImageBuilderScan.Tests.Shared.ScriptedServer]::new()
            try {
                $finding = New-Finding 'HIGH' 'CVE-2025-38064' $echo
                $server.Default = New-Answer ('{{"findings":[{0}]}}' -f $finding)
                $connection = Get-Connection $server
                $transcript = Join-Path $TestDrive 'transcript.txt'
                $null = Start-Transcript -LiteralPath $transcript
                try {
                    $findings = @(Get-IBScanFinding @connection -ImageBuildVersionArn $Image -Verbose -Debug 5>&1 4>&1 3>&1 2>&1 6>&1)
                    $findings | Out-Host
                    $server.Default = [ImageBuilderScan.Tests.Shared.ScriptedResponse]::Error(403, 'ForbiddenException', (@{ message = $echo } | ConvertTo-Json -Compress))
                    $errors = @(Get-IBScanFinding @connection -ImageBuildVersionArn $Image -Verbose -Debug 5>&1 4>&1 3>&1 2>&1 6>&1)
                    $errors | Out-Host
                }
                finally { $null = Stop-Transcript }
                $real = @($findings | Where-Object { $_.GetType().Name -eq 'ScanFinding' })
                $real.Count | Should -Be 1
                $reports = foreach ($format in 'Sarif', 'JUnit', 'Markdown') {
                    $path = Join-Path $TestDrive "report.$format"
                    $real | Export-IBScanReport -Format $format -Path $path
                    $path
                }
                $streams = (@($findings | Where-Object { $_ -isnot [string] -and $_.GetType().Name -ne 'ScanFinding' }) + $errors | Out-String -Width 500) +
                    ($errors | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.ToString() } })
                foreach ($text in @($streams, [System.IO.File]::ReadAllText($transcript)) + @($reports | ForEach-Object { [System.IO.File]::ReadAllText($_) })) {
                    $text.Contains($Token) | Should -BeFalse
                    $text.Contains([uri]::EscapeDataString($Token)) | Should -BeFalse
                    $text.Contains($Secret) | Should -BeFalse
                }
                $errors.Count | Should -BeGreaterThan 0
            }
            finally { $server.Dispose() }
        }
    }
}
