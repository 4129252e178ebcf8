#Requires -Version 7.4
# Pester 5. Test-IBScanGate against the built module and local emulators: the sample data set (with
# one finding made unfixable) and a generated one with 30 findings per image (more than a page).

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.GateTestHelpers.ps1')
    $data = Get-Content (Join-Path $script:RepoRoot 'samples/findings.json') -Raw | ConvertFrom-Json
    # windows-iis 2024.11.0/1: HIGH CVE-2024-21338 without a fix, CRITICAL CVE-2024-38063 with one.
    # (No fix named on its package either: a package that names a fixed-in version makes a finding fixable whatever fixAvailable says.)
    $noFix = $data.findings | Where-Object { $_.packageVulnerabilityDetails.vulnerabilityId -eq 'CVE-2024-21338' }
    $noFix.fixAvailable = 'NO'
    $noFix.packageVulnerabilityDetails.vulnerablePackages | ForEach-Object { $_.fixedInVersion = 'NotAvailable' }
    # payments-api 2.2.0/1 (SCANNING): one MEDIUM finding so far.
    $partial = ($data.findings | Where-Object { $_.packageVulnerabilityDetails.vulnerabilityId -eq 'ALAS2023-2024-575' } | Select-Object -Last 1 | ConvertTo-Json -Depth 30 | ConvertFrom-Json)
    $partial.imageBuildVersionArn = 'arn:aws:imagebuilder:us-east-1:111122223333:image/payments-api-al2023/2.2.0/1'
    $data.findings += $partial
    $dataFile = Join-Path $TestDrive 'findings.json'
    $data | ConvertTo-Json -Depth 30 | Set-Content $dataFile
    Initialize-EmulatorSuite -Data $dataFile
    $script:Big = Start-GeneratedEmulator @('--accounts', '1', '--pipelines', '1', '--images-per-pipeline', '2', '--findings-per-image', '30')
    $script:BigImages = @((Invoke-RestMethod "$($Big.Url)/_emulator/data").images.arn | Sort-Object)
    $script:Samples = Join-Path $script:RepoRoot 'samples/scan-exceptions.yaml'
    Set-SampleBuildVariable
    function script:Invoke-Gate { param([hashtable] $Options) try { Test-IBScanGate @Aws @Options -WarningAction SilentlyContinue } catch { } }
    function script:Get-GateError {
        param([hashtable] $Options)
        try { $null = Test-IBScanGate @Aws @Options -WarningAction SilentlyContinue; $null } catch { $_ }
    }
    function script:New-ExceptionsFile { param([string] $Name, [string] $Text) $path = Join-Path $TestDrive $Name; Set-Content $path $Text -NoNewline; $path }
}

AfterAll { Stop-EmulatorSuite -Others $script:Big }

Describe 'Test-IBScanGate' {
    Context 'policy' {
        It '-FailOn HIGH (the default) fails on HIGH and passes MEDIUM and LOW' {
            (Invoke-Gate @{ ImageBuildVersionArn = $Web150 }).Passed | Should -BeFalse
            $pass = Invoke-Gate @{ ImageBuildVersionArn = $Web141 }
            $pass.Passed | Should -BeTrue
            $pass.Counts.Medium | Should -Be 2
            $pass.Summary | Should -Be 'PASSED'
        }

        It '-FailOn MEDIUM fails what HIGH passes, and names the violations' {
            $result = Invoke-Gate @{ ImageBuildVersionArn = $Web141; FailOn = 'medium' }
            $result.Passed | Should -BeFalse
            @($result.Violations.Finding.VulnerabilityId | Sort-Object) | Should -Be @('CVE-2024-0727', 'GHSA-c2qf-rxjj-qqgw')
            $result.FailedSeverities | Should -Be 'Medium'
        }

        It '-FailOn CRITICAL passes HIGH findings' {
            (Invoke-Gate @{ ImageBuildVersionArn = $Web150; FailOn = 'CRITICAL' }).Passed | Should -BeTrue
        }

        It '-FailOn refuses a severity outside the set itself (not at binding, so -ExitCode sees it), naming the parameter' {
            $e = Get-GateError @{ ImageBuildVersionArn = $Web150; FailOn = 'SEVERE' }
            $e.FullyQualifiedErrorId | Should -BeLike 'InvalidInput,*TestIBScanGateCommand'
            $e.Exception.Message | Should -BeLike '*FailOn*SEVERE*CRITICAL, HIGH*'
        }

        It 'an empty -ImageBuildVersionArn (an unset variable) is the gate''s own refusal naming the parameter' {
            $e = Get-GateError @{ ImageBuildVersionArn = '' }
            $e.FullyQualifiedErrorId | Should -BeLike 'InvalidInput,*TestIBScanGateCommand'
            $e.Exception.Message | Should -BeLike '*ImageBuildVersionArn*'
        }

        It '-MaxCount allows up to the count and fails above it' {
            (Invoke-Gate @{ ImageBuildVersionArn = $Web150; MaxCount = @{ HIGH = 2 } }).Passed | Should -BeTrue
            $over = Invoke-Gate @{ ImageBuildVersionArn = $Web150; MaxCount = @{ high = 1 } }
            $over.Passed | Should -BeFalse
            $over.Summary | Should -BeLike '*2 HIGH (allowed 1)*'
        }

        It '-MaxCount refuses <Case>, naming the parameter, before any request' -ForEach @(
            @{ Case = 'a key that is no severity'; MaxCount = @{ SEVERE = 1 }; Text = "*MaxCount*'SEVERE' is not a severity*" }
            @{ Case = 'a negative count'; MaxCount = @{ HIGH = -1 }; Text = '*MaxCount*HIGH is not a whole number*' }
            @{ Case = 'a count that is no number'; MaxCount = @{ HIGH = 'five' }; Text = '*MaxCount*HIGH is not a whole number*' }
            @{ Case = 'a severity below -FailOn'; MaxCount = @{ LOW = 3 }; Text = '*MaxCount*LOW is below -FailOn HIGH*' }
            @{ Case = 'one severity twice (a case-sensitive hashtable)'; Text = '*MaxCount*HIGH is named twice*'
               MaxCount = & { $h = [hashtable]::new([StringComparer]::Ordinal); $h['HIGH'] = 0; $h['high'] = 5; $h } }
        ) {
            $null = Invoke-RestMethod "$($Emulator.Url)/_emulator/reset" -Method Post
            $e = Get-GateError @{ ImageBuildVersionArn = $Web150; MaxCount = $MaxCount }
            $e | Should -Not -BeNullOrEmpty
            $e.FullyQualifiedErrorId | Should -BeLike 'InvalidInput,*'
            $e.Exception.Message | Should -BeLike $Text
            (Invoke-RestMethod "$($Emulator.Url)/_emulator/stats").total | Should -Be 0
        }

        It '-FixableOnly counts only findings with a fix' {
            $all = Invoke-Gate @{ ImageBuildVersionArn = $Iis; MaxCount = @{ CRITICAL = 1 } }
            $all.Passed | Should -BeFalse
            $all.Violations.Finding.VulnerabilityId | Should -Be 'CVE-2024-21338'
            $fixable = Invoke-Gate @{ ImageBuildVersionArn = $Iis; MaxCount = @{ CRITICAL = 1 }; FixableOnly = $true }
            $fixable.Passed | Should -BeTrue
            $fixable.NotFixable.Finding.VulnerabilityId | Should -Be 'CVE-2024-21338'
        }
    }

    Context 'the exceptions file' {
        It 'suppresses by package wildcard and pipeline wildcard, with the reason' {
            $result = Invoke-Gate @{ ImageBuildVersionArn = $Pay200; FailOn = 'CRITICAL'; ExceptionPath = $Samples }
            $result.Passed | Should -BeTrue
            @($result.Suppressed.Finding.VulnerabilityId | Sort-Object) | Should -Be @('CVE-2021-44228', 'CVE-2024-3094')
            ($result.Suppressed | Where-Object { $_.Finding.VulnerabilityId -eq 'CVE-2021-44228' }).Exception.Reason | Should -BeLike '*log4j jar is a test fixture*'
            (Invoke-Gate @{ ImageBuildVersionArn = $Pay200; FailOn = 'CRITICAL' }).Passed | Should -BeFalse
        }

        It 'suppresses by image wildcard, and only on images that match' {
            $web = Invoke-Gate @{ ImageBuildVersionArn = $Web140; ExceptionPath = $Samples }
            $web.Suppressed.Finding.VulnerabilityId | Should -Be 'CVE-2024-6387'
            $path = New-ExceptionsFile 'other-image.yaml' "- vulnerabilityId: cve-2024-6387`n  image: batch-*`n  reason: not this image`n"
            @((Invoke-Gate @{ ImageBuildVersionArn = $Web140; ExceptionPath = $path }).Suppressed) | Should -HaveCount 0
        }

        It 'an expired entry no longer suppresses, and a warning names it and its date' {
            $path = New-ExceptionsFile 'expired.yaml' "- vulnerabilityId: CVE-2024-12797`n  package: openssl-*`n  reason: waiting for the rebuild`n  expires: 2020-01-31`n"
            try { $null = Test-IBScanGate @Aws -ImageBuildVersionArn $Web150 -ExceptionPath $path -WarningVariable warnings -WarningAction SilentlyContinue -OutVariable results } catch { }
            $result = $results[0]
            @($warnings) | Should -HaveCount 1
            "$($warnings[0])" | Should -BeLike "*CVE-2024-12797*expired.yaml:1*2020-01-31*no longer suppresses*"
            $result.Passed | Should -BeFalse
            $result.ExpiredMatches.Exception.ExpiresText | Should -Be '2020-01-31'
            $result.Violations.Finding.VulnerabilityId | Should -Contain 'CVE-2024-12797'
        }

        It 'refuses <Case>, naming the file, the line and the key' -ForEach @(
            @{ Case = 'an unknown key'; Text = "- vulnerabilityId: CVE-2024-12797`n  reason: x`n  colour: red`n"; Expected = "*bad.yaml:3: key 'colour': unknown key*" }
            @{ Case = 'a missing reason'; Text = "- vulnerabilityId: CVE-2024-12797`n  package: openssl-libs`n"; Expected = "*bad.yaml:1: key 'reason': missing*" }
            @{ Case = 'a bad date'; Text = "- vulnerabilityId: CVE-2024-12797`n  reason: x`n  expires: 31/12/2026`n"; Expected = "*bad.yaml:3: key 'expires': '31/12/2026' is not a date*" }
        ) {
            $path = New-ExceptionsFile 'bad.yaml' $Text
            $e = Get-GateError @{ ImageBuildVersionArn = $Web141; ExceptionPath = $path }
            $e | Should -Not -BeNullOrEmpty
            $e.FullyQualifiedErrorId | Should -BeLike 'InvalidExceptionsFile,*'
            $e.Exception.Message | Should -BeLike $Expected
        }

        It 'refuses a hostile file: <Case>' -ForEach @(
            @{ Case = 'YAML anchors and aliases'; Text = "- vulnerabilityId: &a CVE-2024-12797`n  reason: *a`n"; Expected = '*anchor*' }
            @{ Case = 'deep nesting'; Text = "- vulnerabilityId: $('[' * 200)$(']' * 200)`n  reason: x`n"; Expected = "*key 'vulnerabilityId': a list or mapping*" }
            @{ Case = 'binary content'; Text = "- vulnerabilityId: CVE-1`n  reason: x`0`n"; Expected = '*NUL byte*' }
            @{ Case = 'a file over the size cap'; Text = "# $('x' * 1100000)`n"; Expected = '*larger than 1048576 bytes*' }
        ) {
            $path = New-ExceptionsFile 'hostile.yaml' $Text
            $e = Get-GateError @{ ImageBuildVersionArn = $Web141; ExceptionPath = $path }
            $e.FullyQualifiedErrorId | Should -BeLike 'InvalidExceptionsFile,*'
            $e.Exception.Message | Should -BeLike "*hostile.yaml*"
            $e.Exception.Message | Should -BeLike $Expected
        }

        It 'a file that does not exist is an error naming it' {
            $e = Get-GateError @{ ImageBuildVersionArn = $Web141; ExceptionPath = (Join-Path $TestDrive 'missing.yaml') }
            $e.Exception.Message | Should -BeLike '*missing.yaml*cannot be read*'
        }
    }

    Context 'fails closed' {
        It 'fails a scan that is SCANNING, saying the state' {
            $result = Invoke-Gate @{ ImageBuildVersionArn = $Scanning }
            $result.Passed | Should -BeFalse
            $result.ScanStatus | Should -Be 'SCANNING'
            $result.Summary | Should -BeLike '*SCANNING*'
        }

        It 'fails a FAILED scan, saying its reason' {
            $result = Invoke-Gate @{ ImageBuildVersionArn = $FailedScan }
            $result.Passed | Should -BeFalse
            $result.ScanReason | Should -Not -BeNullOrEmpty
            $result.Summary | Should -BeLike "*FAILED*$($result.ScanReason)*"
        }

        It 'fails an image whose scanning is not enabled' {
            $result = Invoke-Gate @{ ImageBuildVersionArn = $NotScanned }
            $result.Passed | Should -BeFalse
            $result.Summary | Should -BeLike '*scanning is not enabled*'
        }

        It '-AllowIncompleteScan judges the findings, but an incomplete scan with no findings still fails' {
            # payments-api 2.2.0 (SCANNING) was given one MEDIUM finding in BeforeAll.
            (Invoke-Gate @{ ImageBuildVersionArn = $Scanning }).Passed | Should -BeFalse
            $judged = Invoke-Gate @{ ImageBuildVersionArn = $Scanning; AllowIncompleteScan = $true }
            $judged.Passed | Should -BeTrue
            $judged.Counts.Medium | Should -Be 1
            (Invoke-Gate @{ ImageBuildVersionArn = $Scanning; AllowIncompleteScan = $true; FailOn = 'MEDIUM' }).Passed | Should -BeFalse
            $empty = Invoke-Gate @{ ImageBuildVersionArn = $FailedScan; AllowIncompleteScan = $true }
            $empty.Passed | Should -BeFalse
            $empty.Summary | Should -BeLike '*no findings*proves nothing*'
        }

        It 'zero findings on a completed scan pass' {
            $result = Invoke-Gate @{ ImageBuildVersionArn = $Clean }
            $result.Passed | Should -BeTrue
            $result.Outcomes | Should -HaveCount 0
            Test-IBScanGate @Aws -ImageBuildVersionArn $Clean -Quiet | Should -BeTrue
        }

        It 'piped findings: all of them pass; fewer than the service counts fail' {
            $findings = @(Get-IBScanFinding @Aws -ImageBuildVersionArn $Web141)
            ($findings | Test-IBScanGate @Aws).Passed | Should -BeTrue
            $e = $null
            try { $null = Get-IBScanFinding @Aws -ImageBuildVersionArn $Web141 | Select-Object -Skip 1 | Test-IBScanGate @Aws -OutVariable partial } catch { $e = $_ }
            $e.FullyQualifiedErrorId | Should -BeLike 'ScanGateFailed,*'
            $partial[0].Passed | Should -BeFalse
            $partial[0].Summary | Should -BeLike '*2 finding(s) were handed in, but the service counts 3*'
        }

        It 'no input at all fails' {
            $e = $null
            try { @() | Test-IBScanGate @Aws } catch { $e = $_ }
            $e.FullyQualifiedErrorId | Should -BeLike 'ScanGateFailed,*'
            $e.Exception.Message | Should -BeLike '*nothing to judge*'
            @() | Test-IBScanGate @Aws -Quiet | Should -BeFalse
        }

        It 'a piped listing that failed on page 2 fails the gate' {
            Clear-EmulatorFaults $Emulator
            Add-EmulatorFault $Emulator @{ kind = 'serviceError'; operation = 'listImageScanFindings'; onRequest = 2 }
            $piped = @(Get-IBScanFinding @Aws -ImageBuildVersionArn $Web141 -PageSize 1 -MaxAttempts 1 -ErrorAction SilentlyContinue -ErrorVariable listingErrors)
            Clear-EmulatorFaults $Emulator
            @($listingErrors) | Should -Not -BeNullOrEmpty
            $piped.Count | Should -BeLessThan 3
            $e = $null
            try { $null = $piped | Test-IBScanGate @Aws -OutVariable result } catch { $e = $_ }
            $e.FullyQualifiedErrorId | Should -BeLike 'ScanGateFailed,*'
            $result[0].Passed | Should -BeFalse
            $result[0].Summary | Should -BeLike '*the listing may have failed part way*'
        }

        It 'its own listing failing on page 2 (more than 25 findings) fails the image' {
            $bigAws = $Big.Aws
            Clear-EmulatorFaults $Big
            $complete = $null
            try { $complete = Test-IBScanGate @bigAws -ImageBuildVersionArn $BigImages[0] -FailOn CRITICAL -MaxCount @{ CRITICAL = 30 } } catch { }
            $complete.Outcomes | Should -HaveCount 30
            $complete.Passed | Should -BeTrue
            Add-EmulatorFault $Big @{ kind = 'serviceError'; operation = 'listImageScanFindings'; onRequest = 2; maxCount = 5 }
            $e = $null
            try { $null = Test-IBScanGate @bigAws -ImageBuildVersionArn $BigImages[0] -FailOn CRITICAL -MaxCount @{ CRITICAL = 30 } -MaxAttempts 1 -OutVariable broken } catch { $e = $_ }
            Clear-EmulatorFaults $Big
            $e.FullyQualifiedErrorId | Should -BeLike 'ScanGateFailed,*'
            $broken[0].Passed | Should -BeFalse
            $broken[0].Summary | Should -BeLike '*could not be read completely*'
        }
    }

    Context 'output and errors' {
        It '-Quiet returns one bool for all images and raises nothing' {
            $answer = @(Test-IBScanGate @Aws -ImageBuildVersionArn $Web141, $Clean -Quiet)
            $answer | Should -HaveCount 1
            $answer[0] | Should -BeOfType [bool]
            $answer[0] | Should -BeTrue
            $mixed = @(Test-IBScanGate @Aws -ImageBuildVersionArn $Web141, $Web150 -Quiet)
            $mixed | Should -HaveCount 1
            $mixed[0] | Should -BeFalse
        }

        It 'a failed gate writes its results, then raises ScanGateFailed (SecurityError) naming the image and violations' {
            $e = $null
            try { $null = Test-IBScanGate @Aws -ImageBuildVersionArn $Web141, $Web150 -OutVariable results; $reached = $true } catch { $e = $_ }
            $reached | Should -BeNullOrEmpty
            $results | Should -HaveCount 2
            $e.FullyQualifiedErrorId | Should -Be 'ScanGateFailed,ImageBuilderScan.Commands.TestIBScanGateCommand'
            $e.CategoryInfo.Category | Should -Be 'SecurityError'
            $e.Exception.Message | Should -BeLike '*1 of 2 image(s)*web-frontend-al2023 1.5.0/1*CVE-2024-12797 HIGH in openssl-libs*'
            $e.TargetObject | Should -Be $Web150
        }

        It 'Should -Throw sees the error id' {
            { Test-IBScanGate @Aws -ImageBuildVersionArn $Web150 } | Should -Throw -ErrorId 'ScanGateFailed,*'
        }

        It 'pwsh -File gate.ps1 exits non-zero and stops on a failed gate, and exits 0 on a pass, with no preference set' {
            $script = Join-Path $TestDrive 'gate.ps1'
            Set-Content $script @"
Import-Module '$(Get-BuiltModuleManifest)'
Test-IBScanGate -ImageBuildVersionArn `$env:IMAGE_ARN
'after the gate'
"@
            $environment = Get-EmulatorEnvironment $Emulator
            $environment.IMAGE_ARN = $Web150
            $failed = Invoke-ChildPwsh $script $environment $TestDrive
            $failed.ExitCode | Should -Not -Be 0 -Because $failed.Output
            $failed.Output | Should -Not -Match 'after the gate'
            $failed.Output | Should -Match 'The scan gate failed'
            $environment.IMAGE_ARN = $Web141
            $passed = Invoke-ChildPwsh $script $environment $TestDrive
            $passed.ExitCode | Should -Be 0 -Because $passed.Output
            $passed.Output | Should -Match 'after the gate'
        }
    }

    Context 'new findings only' {
        It '-NewOnly names the previous build and counts a finding that got worse since as new' {
            # GHSA-c2qf-rxjj-qqgw in semver was MEDIUM in 1.4.1 and is HIGH in 1.5.0: new, at HIGH.
            $result = Invoke-Gate @{ ImageBuildVersionArn = $Web150; NewOnly = $true }
            $result.BaselineImageBuildVersionArn | Should -Be $Web141
            $result.InheritedCount | Should -Be 0
            @($result.Violations.Finding.VulnerabilityId | Sort-Object) | Should -Be @('CVE-2024-12797', 'GHSA-c2qf-rxjj-qqgw')
        }

        It '-BaselineImageBuildVersionArn names the baseline (and implies -NewOnly)' {
            $result = Invoke-Gate @{ ImageBuildVersionArn = $Web150; BaselineImageBuildVersionArn = $Web140 }
            $result.BaselineImageBuildVersionArn | Should -Be $Web140
            $result.InheritedCount | Should -Be 0
            $onlyNew = Invoke-Gate @{ ImageBuildVersionArn = $Web141; FailOn = 'LOW'; BaselineImageBuildVersionArn = $Web140 }
            $onlyNew.InheritedCount | Should -Be 1
            @($onlyNew.Violations.Finding.VulnerabilityId | Sort-Object) | Should -Be @('CVE-2022-40897', 'CVE-2024-0727')
        }

        It 'the first build of a pipeline has no baseline: everything is new' {
            $result = Invoke-Gate @{ ImageBuildVersionArn = $Web140; NewOnly = $true }
            $result.BaselineImageBuildVersionArn | Should -BeNullOrEmpty
            $result.InheritedCount | Should -Be 0
            $result.Violations | Should -HaveCount 4
        }

        It 'a baseline whose scan did not complete fails the image' {
            $result = Invoke-Gate @{ ImageBuildVersionArn = $Pay200; BaselineImageBuildVersionArn = $Scanning }
            $result.Passed | Should -BeFalse
            $result.Summary | Should -BeLike '*baseline*'
        }
    }

    Context 'documentation runs as written' {
        It 'every help example exits as its text says' {
            $run = Invoke-HelpExampleCheck 'Test-IBScanGate' -Expected @{ 1 = 1; 2 = 1; 3 = 0; 4 = 0; 5 = 1 } -ImageArn $Web150
            ($run.Examples.Code -join "`n") | Should -Match '-NewOnly'
            Join-Path $run.Work 'gate-summary.md' | Should -Exist
        }

        It 'the README''s <Kind> step, run as its CI runs it, exits 1 for a failing image, 0 for a passing one and 2 for one not judged, with its reports' -ForEach @(
            @{ Kind = 'GitHub' }
            @{ Kind = 'AzureDevOps' }
        ) {
            $steps = @(Get-ReadmeCiStep | Where-Object Kind -eq $Kind)
            $steps | Should -HaveCount 1
            $steps[0].Script | Should -Match 'Test-IBScanGate .*-ExitCode'
            foreach ($case in @(@{ Image = $Web150; Exit = 1 }, @{ Image = $Web141; Exit = 0 }, @{ Image = $Scanning; Exit = 2 })) {
                $work = Join-Path $TestDrive "$Kind-$($case.Exit)"
                $null = New-Item -ItemType Directory $work -Force
                Copy-Item $Samples $work
                $script = Join-Path $work 'step.ps1'
                Set-Content $script $steps[0].Script
                $environment = Get-EmulatorEnvironment $Emulator
                $environment.IMAGE_ARN = $case.Image
                $environment.GITHUB_STEP_SUMMARY = Join-Path $work 'summary.md'
                Set-Content $environment.GITHUB_STEP_SUMMARY '# an earlier step''s summary'
                $environment.BUILD_ARTIFACTSTAGINGDIRECTORY = $work
                $run = Invoke-ChildPwsh $script $environment $work -GitHubShell:($Kind -eq 'GitHub')
                $run.ExitCode | Should -Be $case.Exit -Because $run.Output
                if ($Kind -eq 'GitHub') {
                    $summary = Get-Content (Join-Path $work 'summary.md') -Raw
                    $summary | Should -Match '^# an earlier step''s summary' -Because 'the job summary is appended to'
                    $sarif = Join-Path $work 'imagebuilder.sarif'
                    if ($case.Exit -eq 2) { $sarif | Should -Not -Exist -Because 'only a judged run''s alerts are uploaded' }
                    else {
                        $summary | Should -Match ($case.Exit ? '\*\*FAILED\*\*' : '\*\*PASSED\*\*')
                        (Get-Content $sarif -Raw | ConvertFrom-Json).version | Should -Be '2.1.0'
                        Get-Content (Join-Path $work 'scan-report.html') -Raw | Should -Match ($case.Exit ? 'FAILED: 1 of 1 build' : 'PASSED: 1 of 1 build')
                    }
                } else {
                    if ($case.Exit -ne 2) { ([xml](Get-Content (Join-Path $work 'scan-results.xml') -Raw)).testsuites.testsuite.name | Should -BeLike '*-al2023*' }
                    $run.Output | Should -Match '##vso\[task.uploadsummary\]'
                    Join-Path $work 'scan-summary.md' | Should -Exist
                }
            }
        }
    }
}
