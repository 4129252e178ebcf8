#Requires -Version 7.4
# Pester 5. The CI exit contract of Test-IBScanGate (issue 20): every case of the table runs as a real
# `pwsh -File` process against the sample emulator, with -ExitCode and without it, and its exit code is
# asserted: 0 every build judged and passed, 1 a build judged and failed, 2 the gate could not judge.
# A case whose default has no promise to keep ($null in Without) runs with -ExitCode only; the README
# says why for each (a downstream stop, an explicit SilentlyContinue, an upstream command's error).

BeforeDiscovery {
    $a = 'arn:aws:imagebuilder:us-east-1:111122223333:image'
    $script:Cases = @(
        # all builds judged, none fails
        @{ Name = 'passes, by ARN'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN'; With = 0; Without = 0 }
        @{ Name = 'passes, two builds piped from Get-IBScanFinding'; Body = 'Get-IBScanFinding -ImageBuildVersionArn $env:PASS_ARN | GATE'; With = 0; Without = 0 }
        @{ Name = 'passes with an exception expiring 9999-12-31'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN -ExceptionPath ./far.yaml'; With = 0; Without = 0 }
        @{ Name = 'passes with an expired exception that matches (a warning written)'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN -ExceptionPath ./expired.yaml'; With = 0; Without = 0 }
        # a build judged and fails
        @{ Name = 'fails, by ARN'; Body = 'GATE -ImageBuildVersionArn $env:FAIL_ARN'; With = 1; Without = 1; Ends = $true }
        @{ Name = 'fails, piped'; Body = 'Get-IBScanFinding -ImageBuildVersionArn $env:FAIL_ARN | GATE'; With = 1; Without = 1; Ends = $true }
        @{ Name = 'fails, | Select-Object -First 1 (the failing build second)'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN, $env:FAIL_ARN | Select-Object -First 1'; With = 1; Without = $null }
        @{ Name = 'fails, | Out-Null'; Body = 'GATE -ImageBuildVersionArn $env:FAIL_ARN | Out-Null'; With = 1; Without = 1; Ends = $true }
        @{ Name = 'fails, assigned'; Body = '$verdict = GATE -ImageBuildVersionArn $env:FAIL_ARN'; With = 1; Without = 1; Ends = $true }
        @{ Name = 'fails, SilentlyContinue set earlier'; Body = "`$ErrorActionPreference = 'SilentlyContinue'`nGATE -ImageBuildVersionArn `$env:FAIL_ARN"; With = 1; Without = $null; Ends = $true }
        @{ Name = 'fails, Stop set earlier'; Body = "`$ErrorActionPreference = 'Stop'`nGATE -ImageBuildVersionArn `$env:FAIL_ARN"; With = 1; Without = 1; Ends = $true }
        @{ Name = 'fails, | Sort-Object | Format-Table'; Body = 'GATE -ImageBuildVersionArn $env:FAIL_ARN | Sort-Object ImageName | Format-Table'; With = 1; Without = 1; Ends = $true }
        @{ Name = 'fails, inside try/catch'; Body = 'try { GATE -ImageBuildVersionArn $env:FAIL_ARN } catch { "caught: $_" }'; With = 1; Without = $null; Ends = $true }
        # anything kept the gate from judging
        @{ Name = 'empty ARN'; Body = 'GATE -ImageBuildVersionArn $env:EMPTY_ARN'; With = 2; Without = 1; Ends = $true }
        @{ Name = 'malformed ARN'; Body = 'GATE -ImageBuildVersionArn not-an-arn'; With = 2; Without = 1; Ends = $true; Says = 'failed for 1 of 1 image' }
        @{ Name = 'malformed ARN, with Stop at the top (the README pattern)'; Body = "`$ErrorActionPreference = 'Stop'`nGATE -ImageBuildVersionArn `$env:PASS_ARN, not-an-arn"; With = 2; Without = 1; Ends = $true }
        @{ Name = 'malformed ARN piped, with -ErrorAction Stop'; Body = "'not-an-arn' | GATE -ErrorAction Stop"; With = 2; Without = 1; Ends = $true }
        @{ Name = 'misspelled value (-FailOn HIGHT)'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN -FailOn HIGHT'; With = 2; Without = 1; Ends = $true }
        @{ Name = 'misspelled parameter name (-ExceptionsPath)'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN -ExceptionsPath ./far.yaml'; With = 2; Without = $null }
        @{ Name = 'misspelled parameter name, with Stop at the top (the README pattern)'; Body = "`$ErrorActionPreference = 'Stop'`nGATE -ImageBuildVersionArn `$env:PASS_ARN -ExceptionsPath ./far.yaml"; With = 1; Without = 1; Ends = $true }
        @{ Name = 'missing module, with Stop at the top (the README pattern)'; Body = "`$ErrorActionPreference = 'Stop'`nImport-Module ImageBuilderScanMisspelled`nGATE -ImageBuildVersionArn `$env:PASS_ARN"; With = 1; Without = 1; Ends = $true; NoImport = $true }
        @{ Name = 'upstream terminating error: no credentials'; Body = 'Get-IBScanFinding -ImageBuildVersionArn $env:FAIL_ARN | GATE'; Environment = @{ AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null; AWS_EC2_METADATA_DISABLED = 'true'; AWS_SHARED_CREDENTIALS_FILE = './none'; AWS_CONFIG_FILE = './none' }; With = 2; Without = $null }
        @{ Name = 'upstream terminating error: AWS_REGION=US_EAST_1'; Body = 'Get-IBScanFinding -ImageBuildVersionArn $env:FAIL_ARN | GATE'; Environment = @{ AWS_REGION = 'US_EAST_1' }; With = 2; Without = $null }
        @{ Name = 'upstream terminating error: AWS_MAX_ATTEMPTS=three'; Body = 'Get-IBScanFinding -ImageBuildVersionArn $env:FAIL_ARN | GATE'; Environment = @{ AWS_MAX_ATTEMPTS = 'three' }; With = 2; Without = $null }
        @{ Name = 'upstream terminating error, with Stop at the top (the README pattern)'; Body = "`$ErrorActionPreference = 'Stop'`nGet-IBScanFinding -ImageBuildVersionArn `$env:FAIL_ARN | GATE"; Environment = @{ AWS_MAX_ATTEMPTS = 'three' }; With = 1; Without = 1; Ends = $true }
        @{ Name = 'no credentials'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN'; Environment = @{ AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null; AWS_EC2_METADATA_DISABLED = 'true'; AWS_SHARED_CREDENTIALS_FILE = './none'; AWS_CONFIG_FILE = './none' }; With = 2; Without = 1; Ends = $true }
        @{ Name = 'bad region'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN'; Environment = @{ AWS_REGION = 'US_EAST_1' }; With = 2; Without = 1; Ends = $true }
        @{ Name = 'service down'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN'; Environment = @{ AWS_ENDPOINT_URL = 'DOWN'; AWS_MAX_ATTEMPTS = '1' }; With = 2; Without = 1; Ends = $true }
        @{ Name = 'exceptions file missing'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN -ExceptionPath ./missing.yaml'; With = 2; Without = 1; Ends = $true }
        @{ Name = 'exceptions file broken'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN -ExceptionPath ./broken.yaml'; With = 2; Without = 1; Ends = $true }
        @{ Name = 'exceptions path that does not resolve (C:\ci\x.yaml on Linux)'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN -ExceptionPath C:\ci\x.yaml'; With = 2; Without = 1; Ends = $true; Skip = $IsWindows }
        @{ Name = 'exceptions path that is a directory'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN -ExceptionPath ./'; With = 2; Without = 1; Ends = $true }
        @{ Name = 'exceptions file a FIFO with no writer'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN -ExceptionPath ./nowriter.fifo'; With = 2; Without = 1; Ends = $true; Skip = $IsWindows }
        @{ Name = 'a warning stops the gate: -WarningAction Stop and an expired exception that matches'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN -ExceptionPath ./expired.yaml -WarningAction Stop'; With = 2; Without = 1; Ends = $true; Says = 'WarningAction or \$WarningPreference is Stop' }
        @{ Name = "a warning stops the gate: `$WarningPreference = 'Stop' set earlier"; Body = "`$WarningPreference = 'Stop'`nGATE -ImageBuildVersionArn `$env:PASS_ARN -ExceptionPath ./expired.yaml"; With = 2; Without = 1; Ends = $true; Says = 'WarningAction or \$WarningPreference is Stop' }
        @{ Name = "a verbose line stops the gate: `$VerbosePreference = 'Stop' set earlier"; Body = "`$VerbosePreference = 'Stop'`nGATE -ImageBuildVersionArn `$env:PASS_ARN"; With = 2; Without = 1; Ends = $true; Says = '\$VerbosePreference is Stop' }
        @{ Name = "a debug line stops the gate: `$DebugPreference = 'Stop' set earlier"; Body = "`$DebugPreference = 'Stop'`nGATE -ImageBuildVersionArn `$env:PASS_ARN"; With = 2; Without = 1; Ends = $true; Says = '\$DebugPreference is Stop' }
        @{ Name = 'incomplete scan (SCANNING)'; Body = 'GATE -ImageBuildVersionArn $env:SCANNING_ARN'; With = 2; Without = 1; Ends = $true }
        @{ Name = 'scan that failed'; Body = 'GATE -ImageBuildVersionArn $env:FAILEDSCAN_ARN'; With = 2; Without = 1; Ends = $true }
        @{ Name = 'one build passes, one not judged'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN, $env:SCANNING_ARN'; With = 2; Without = 1; Ends = $true }
        @{ Name = 'baseline refused: the build itself'; Body = 'GATE -ImageBuildVersionArn $env:FAIL_ARN -BaselineImageBuildVersionArn $env:FAIL_ARN'; With = 2; Without = 1; Ends = $true }
        @{ Name = 'baseline refused: a newer build'; Body = 'GATE -ImageBuildVersionArn $env:PASS_ARN -BaselineImageBuildVersionArn $env:FAIL_ARN'; With = 2; Without = 1; Ends = $true }
        # an upstream command's non-terminating error: what reached the gate may have a hole in it
        @{ Name = 'upstream non-terminating error: Get-Content of a missing file'; Body = 'Get-Content ./arns.txt, ./missing.txt | GATE'; With = 2; Without = 1; Ends = $true; Says = 'Get-Content: .*missing\.txt' }
        @{ Name = 'upstream Write-Error inside ForEach-Object'; Body = '$env:PASS_ARN | ForEach-Object { Write-Error ''one build lost''; $_ } | GATE'; With = 2; Without = 1; Ends = $true; Says = 'one build lost' }
        @{ Name = 'upstream error silenced with -ErrorAction SilentlyContinue'; Body = 'Get-Content ./arns.txt, ./missing.txt -ErrorAction SilentlyContinue | GATE'; With = 2; Without = 1; Ends = $true }
        @{ Name = 'an error in the gate''s own argument'; Body = 'GATE -ImageBuildVersionArn (Get-Content ./arns.txt, ./missing.txt)'; With = 2; Without = 1; Ends = $true; Says = 'Get-Content: .*missing\.txt' }
        @{ Name = 'the same statement run twice, the error only the first time (-Quiet)'; Body = "foreach (`$f in './missing.txt', './arns.txt') { `$ok = GATE -Quiet -ErrorAction Ignore -ImageBuildVersionArn (@(Get-Content ./arns.txt) + @(Get-Content `$f -ErrorAction SilentlyContinue)); `"run: `$ok`" }"; With = 2; Without = 0; Outputs = 'run: False\s+run: True' }
        @{ Name = 'upstream error ignored with -ErrorAction Ignore'; Body = 'Get-Content ./arns.txt, ./missing.txt -ErrorAction Ignore | GATE'; With = 0; Without = 0 }
        @{ Name = 'an error caught before the gate''s statement'; Body = "try { Get-Item ./missing.txt -ErrorAction Stop } catch { }`nGet-Item ./missing.txt -ErrorAction SilentlyContinue`nGet-Content ./arns.txt | GATE"; With = 0; Without = 0 }
        # a report that cannot be written after a passing gate: the job must not go on without it
        @{ Name = 'report to a folder that does not exist, after a passing gate'; Body = 'try { GATE -ImageBuildVersionArn $env:PASS_ARN -OutVariable gate } finally { $gate | Export-IBScanReport -Format Markdown -Path ./no/such/folder/summary.md }'; With = 2; Without = 1; Ends = $true; Report = $true }
        # -ExitCode after a parameter PowerShell cannot bind (it binds in the order written and stops there): still the switch's run.
        # No GATE in these bodies: -ExitCode goes last, as typed; without it nothing is promised.
        @{ Name = '-ExitCode last, after -ExceptionPath $env:UNSET'; Body = 'Test-IBScanGate -ImageBuildVersionArn $env:PASS_ARN -ExceptionPath $env:UNSET_VAR -ExitCode'; With = 2; Without = $null; Ends = $true }
        @{ Name = 'empty -ExceptionPath, -BaselineImageBuildVersionArn or -ImagePipelineArn: the gate''s refusal'; Body = "GATE -ImageBuildVersionArn `$env:PASS_ARN -BaselineImageBuildVersionArn `$env:UNSET_VAR"; With = 2; Without = 1; Ends = $true }
        @{ Name = '-ExitCode last, after -MaxCount HIGH=5, the gate second in a pipeline'; Body = 'Write-Output $env:PASS_ARN | Test-IBScanGate -MaxCount HIGH=5 -ExitCode'; With = 2; Without = $null }
        @{ Name = '-ExitCode last, after -MaxCount HIGH=5 (no conversion to a hashtable)'; Body = 'Test-IBScanGate -ImageBuildVersionArn $env:PASS_ARN -MaxCount HIGH=5 -ExitCode'; With = 2; Without = $null }
        @{ Name = '-ExitCode last, after a misspelled parameter name'; Body = 'Test-IBScanGate -ImageBuildVersionArn $env:PASS_ARN -ExceptionsPath ./far.yaml -ExitCode'; With = 2; Without = $null }
        @{ Name = '-Exit (a prefix) last, after -Region $env:UNSET'; Body = "Test-IBScanGate -ImageBuildVersionArn `$env:PASS_ARN -Region `$env:UNSET_VAR ```n  -Exit"; With = 2; Without = $null }
        @{ Name = 'splatted ExitCode with an unset Region'; Body = '$p = @{ ImageBuildVersionArn = $env:PASS_ARN; Region = $env:UNSET_VAR; ExitCode = $true }; Test-IBScanGate @p'; With = 2; Without = $null }
        @{ Name = '-ExitCode:$false last, after -MaxCount HIGH=5 (not asked)'; Body = 'Test-IBScanGate -ImageBuildVersionArn $env:PASS_ARN -MaxCount HIGH=5 -ExitCode:$false'; With = 0; Without = $null; NotAsked = $true }
        # piped input the binder would drop: refused by the gate instead
        @{ Name = 'a $null among piped builds'; Body = '@($env:PASS_ARN, $env:UNSET_VAR) | GATE'; With = 2; Without = 1; Ends = $true; Says = 'failed for 1 of 2 image' }
        @{ Name = 'builds piped beside -ImagePipelineArn'; Body = '$env:PASS_ARN | GATE -ImagePipelineArn $env:PIPE_ARN'; With = 2; Without = 1; Ends = $true }
        # a report step PowerShell cannot bind, after a passing gate: no report, so not 0
        @{ Name = 'report with -Path $env:UNSET, after a passing gate'; Body = 'try { GATE -ImageBuildVersionArn $env:PASS_ARN -OutVariable gate } finally { $gate | Export-IBScanReport -Format Markdown -Path $env:UNSET_VAR }'; With = 2; Without = $null; Report = $true }
        @{ Name = 'report with -Format Markdwn, after a passing gate'; Body = 'try { GATE -ImageBuildVersionArn $env:PASS_ARN -OutVariable gate } finally { $gate | Export-IBScanReport -Format Markdwn -Path ./summary.md }'; With = 2; Without = $null; Report = $true }
        # a report of the gate's results says what the gate decided, also what a downstream stop kept it from writing
        @{ Name = 'report after | Select-Object -First 1 (the failing build second) shows the failure'; Body = 'try { GATE -ImageBuildVersionArn $env:PASS_ARN, $env:FAIL_ARN -OutVariable gate | Select-Object -First 1 } finally { $gate | Export-IBScanReport -Format Markdown -Path ./first.md; Get-Content ./first.md -TotalCount 3 }'; With = 1; Without = $null; Says = 'FAILED\*\*: 1 of 2 images' }
        # a report step that PowerShell itself fails (a drive that does not exist, a prompt no one can answer): not 0
        @{ Name = 'report to C:\out\summary.md where there is no drive C:, after a passing gate'; Body = 'try { GATE -ImageBuildVersionArn $env:PASS_ARN -OutVariable gate } finally { $gate | Export-IBScanReport -Format Markdown -Path C:\out\summary.md }'; With = 2; Without = 1; Ends = $true; Report = $true; Skip = $IsWindows }
        @{ Name = 'report with $ConfirmPreference = ''Low'' under -NonInteractive, after a passing gate'; Body = "`$ConfirmPreference = 'Low'`ntry { GATE -ImageBuildVersionArn `$env:PASS_ARN -OutVariable gate } finally { `$gate | Export-IBScanReport -Format Markdown -Path ./confirm.md }"; With = 2; Without = 1; Ends = $true; Report = $true }
        # once a gate decided 1 or 2, the process never ends with 0: not by a later exit, nor from another runspace
        @{ Name = 'fails, then exit $LASTEXITCODE after a native command in finally'; Body = 'try { GATE -ImageBuildVersionArn $env:FAIL_ARN } finally { hostname; exit $LASTEXITCODE }'; With = 1; Without = $null }
        @{ Name = 'fails, then exit 0 in finally'; Body = 'try { GATE -ImageBuildVersionArn $env:FAIL_ARN } finally { exit 0 }'; With = 1; Without = $null }
        @{ Name = 'fails inside ForEach-Object -Parallel'; Body = '$env:FAIL_ARN | ForEach-Object -Parallel { GATE -ImageBuildVersionArn $_ }'; With = 1; Without = $null }
        @{ Name = 'fails inside Start-ThreadJob'; Body = 'Start-ThreadJob { GATE -ImageBuildVersionArn $using:env:FAIL_ARN } | Receive-Job -Wait -AutoRemoveJob'; With = 1; Without = $null }
        @{ Name = 'fails in a runspace of its own'; Body = '$ps = [powershell]::Create(); $null = $ps.AddScript(''GATE -ImageBuildVersionArn $env:FAIL_ARN''); $ps.Invoke()'; With = 1; Without = $null }
        @{ Name = 'not judged inside ForEach-Object -Parallel, then exit 0'; Body = "'not-an-arn' | ForEach-Object -Parallel { GATE -ImageBuildVersionArn `$_ }`nexit 0"; With = 2; Without = $null; Silent = $true }
        @{ Name = 'report onto a symbolic link, after a passing gate'; Body = 'try { GATE -ImageBuildVersionArn $env:PASS_ARN -OutVariable gate } finally { $gate | Export-IBScanReport -Format Markdown -Path ./link.md }'; With = 2; Without = 1; Ends = $true; Report = $true }
    )
    $script:Runs = foreach ($case in $Cases) {
        foreach ($mode in 'With', 'Without') {
            if ($null -eq $case[$mode]) { continue }
            @{ Case = $case; Mode = $mode; Key = "$mode|$($case.Name)"; Name = $case.Name; Expected = $case[$mode]; Skip = [bool]$case.Skip }
        }
    }
    # GitHub Actions' pwsh shell (dot-sourced under -command): the code must hold there too.
    $script:GitHubCases = @($Cases | Where-Object { $_.Name -in 'passes, by ARN', 'fails, by ARN', 'upstream non-terminating error: Get-Content of a missing file', 'fails, | Select-Object -First 1 (the failing build second)', 'malformed ARN', 'upstream terminating error: AWS_MAX_ATTEMPTS=three', 'incomplete scan (SCANNING)', 'a warning stops the gate: -WarningAction Stop and an expired exception that matches', 'report to a folder that does not exist, after a passing gate', '-ExitCode last, after -ExceptionPath $env:UNSET', 'report with -Path $env:UNSET, after a passing gate', 'fails, then exit 0 in finally', 'fails inside ForEach-Object -Parallel' })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.GateTestHelpers.ps1')
    $script:Emulator = Start-TestEmulator -PageSize 5
    $a = 'arn:aws:imagebuilder:us-east-1:111122223333:image'
    $b = 'arn:aws:imagebuilder:us-east-1:444455556666:image'
    $script:Work = Join-Path $TestDrive 'exit'
    $null = New-Item -ItemType Directory $Work -Force
    Set-Content (Join-Path $Work 'far.yaml') "exceptions:`n  - vulnerabilityId: CVE-1999-0001`n    reason: unrelated, far in the future`n    expires: 9999-12-31`n"
    # Matches a MEDIUM finding of PASS_ARN (which passes either way): the gate warns that it expired.
    Set-Content (Join-Path $Work 'expired.yaml') "exceptions:`n  - vulnerabilityId: CVE-2024-0727`n    reason: expired long ago`n    expires: 2020-01-01`n"
    Set-Content (Join-Path $Work 'arns.txt') "$a/web-frontend-al2023/1.4.1/2"
    Set-Content (Join-Path $Work 'broken.yaml') "exceptions:`n  - vulnerabilityId: [unclosed`n"
    if (-not $IsWindows) { & mkfifo (Join-Path $Work 'nowriter.fifo') }
    Set-Content (Join-Path $Work 'linked.md') 'the link''s target'
    $null = New-Item -ItemType SymbolicLink (Join-Path $Work 'link.md') -Target (Join-Path $Work 'linked.md')
    $downPort = Get-FreeTcpPort

    # Runs every case of the table (both modes, and under GitHub's shell) up front, four processes
    # at a time: each It then asserts its own run.
    function script:New-CaseScript([hashtable] $Case, [string] $Mode, [string] $Suffix) {
        $gate = $Mode -eq 'With' ? 'Test-IBScanGate -ExitCode' : 'Test-IBScanGate'
        $path = Join-Path $Work ("case-{0}-{1}{2}.ps1" -f [Math]::Abs($Case.Name.GetHashCode()), $Mode, $Suffix)
        $import = $Case.NoImport ? '' : "Import-Module ImageBuilderScan`n"
        Set-Content $path ($import + ($Case.Body -creplace '\bGATE\b', $gate) + "`n'after the gate'")
        $path
    }
    function script:Get-CaseEnvironment([hashtable] $Case) {
        $environment = Get-EmulatorEnvironment $Emulator
        $environment.PASS_ARN = "$a/web-frontend-al2023/1.4.1/2"
        $environment.FAIL_ARN = "$a/web-frontend-al2023/1.5.0/1"
        $environment.SCANNING_ARN = "$a/payments-api-al2023/2.2.0/1"
        $environment.FAILEDSCAN_ARN = "$b/batch-worker-ubuntu/3.4.0/1"
        $environment.EMPTY_ARN = ''
        $environment.PIPE_ARN = 'arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend-al2023'
        $environment.UNSET_VAR = $null
        if ($Case.Environment) { foreach ($name in @($Case.Environment.Keys)) { $environment[$name] = $Case.Environment[$name] } }
        if ($environment.AWS_ENDPOINT_URL -eq 'DOWN') { $environment.AWS_ENDPOINT_URL = "http://127.0.0.1:$downPort" }
        $environment
    }
    function script:Invoke-Batch([object[]] $Jobs) {
        $results = @{}
        $pending = [System.Collections.Generic.Queue[object]]::new()
        foreach ($job in $Jobs) { $pending.Enqueue($job) }
        $running = [System.Collections.Generic.List[object]]::new()
        while ($pending.Count -gt 0 -or $running.Count -gt 0) {
            while ($pending.Count -gt 0 -and $running.Count -lt 4) {
                $job = $pending.Dequeue()
                $running.Add(@{ Key = $job.Key; Run = Start-ChildPwsh $job.Script $job.Environment $Work -GitHubShell:$job.GitHubShell })
            }
            $done = $running[0]
            $running.RemoveAt(0)
            $results[$done.Key] = Wait-ChildPwsh $done.Run
        }
        $results
    }

    $jobs = foreach ($run in $Runs) {
        if ($run.Skip) { continue }
        @{ Key = $run.Key; Script = (New-CaseScript $run.Case $run.Mode ''); Environment = (Get-CaseEnvironment $run.Case) }
    }
    $jobs = @($jobs) + @(foreach ($case in $GitHubCases) {
        @{ Key = "GitHub|$($case.Name)"; Script = (New-CaseScript $case 'With' '-gh'); Environment = (Get-CaseEnvironment $case); GitHubShell = $true }
    })
    $script:Results = Invoke-Batch $jobs
}

AfterAll {
    Stop-TestEmulator $script:Emulator
}

Describe 'Test-IBScanGate exit codes under pwsh -File' {
    It '<Mode> -ExitCode: <Name> exits <Expected>' -ForEach $Runs -Skip:$Skip {
        $run = $Results[$Key]
        $run.ExitCode | Should -Be $Expected -Because $run.Output
        if ($Case.Ends -and $Expected -ne 0) { $run.Output | Should -Not -Match 'after the gate' -Because 'a failed or refused gate ends the script' }
        if ($Mode -eq 'With' -and $Expected -eq 2 -and -not $Case.Name.Contains('Stop at the top') -and -not $Case.Report -and -not $Case.Silent) { $run.Output | Should -Match 'exit (code )?2 \(the gate could not judge\)' }
        if ($Case.Report) { $run.Output | Should -Match '-Path|Path:|no/such/folder|Format' -Because 'the error names where the report was to go' }
        if ($Case.Says -and $Mode -eq 'With') { $run.Output | Should -Match $Case.Says -Because 'a stop by preference says which preference stopped the gate' }
        if ($Case.Outputs -and $Mode -eq 'Without') { $run.Output | Should -Match $Case.Outputs }
        if ($Case.NotAsked) { $run.Output | Should -Not -Match 'exit (code )?2' -Because '-ExitCode:$false leaves the exit code alone' }
    }

    It 'a report onto a symbolic link leaves the link and its target as they were' {
        (Get-Item (Join-Path $Work 'link.md')).LinkTarget | Should -Be (Join-Path $Work 'linked.md')
        Get-Content (Join-Path $Work 'linked.md') | Should -Be 'the link''s target'
    }

    It 'under GitHub Actions'' pwsh shell, -ExitCode: <Name> exits <With>' -ForEach $GitHubCases {
        $run = $Results["GitHub|$Name"]
        $run.ExitCode | Should -Be $With -Because $run.Output
    }

    It 'a failed gate piped to Sort-Object | Format-Table names its failed builds as it ends the script' {
        $run = $Results['With|fails, | Sort-Object | Format-Table']
        $run.Output | Should -Match 'web-frontend-al2023'
    }

    It 'with | Select-Object -First 1, every build is still judged (the failing one is second)' {
        $run = $Results['With|fails, | Select-Object -First 1 (the failing build second)']
        $run.Output | Should -Match 'exit 1 \(a build was judged and failed\)'
    }
}
