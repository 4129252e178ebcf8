#Requires -Version 7.4
# Pester 5. What a daily AWS Tools user types (issue 22): AWS Tools' parameter names and aliases, the key at
# position 0, no abbreviation that lands a secret or a profile in another parameter.
# Runs against the built module (output/ImageBuilderScan/<version>) and a local emulator.

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.GateTestHelpers.ps1')
    Import-Module (Get-BuiltModuleManifest) -Force -ErrorAction Stop
    $script:Emulator = Start-TestEmulator -PageSize 25 -ExtraArgs '--disabled-regions', 'ap-south-1'
    $script:Aws = $script:Emulator.Aws
    $script:AllFindings = @(Get-IBScanFinding @Aws -ErrorAction Stop)
    $script:Image = @($AllFindings.ImageBuildVersionArn | Where-Object { $_ -like '*:us-east-1:*' } | Sort-Object -Unique)[0]
    $script:AwsCmdlets = @(Get-Command -Module ImageBuilderScan | Where-Object { $_.Parameters.ContainsKey('SessionToken') })
}

AfterAll {
    Stop-TestEmulator $script:Emulator
    Remove-Module ImageBuilderScan -ErrorAction SilentlyContinue
}

Describe 'AWS Tools parameter names' {
    It '<_> takes -AK, -SK, -ST, -SecretAccessKey, -RegionToCall, -StoredCredentials, -ProfilesLocation' -ForEach @('Get-IBScanFinding', 'Get-IBScanFindingAggregation', 'Test-IBScanGate', 'Compare-IBScanFinding') {
        $command = Get-Command $_
        $command.ResolveParameter('AK').Name | Should -Be 'AccessKey'
        $command.ResolveParameter('SK').Name | Should -Be 'SecretKey'
        $command.ResolveParameter('SecretAccessKey').Name | Should -Be 'SecretKey'
        $command.ResolveParameter('ST').Name | Should -Be 'SessionToken'
        $command.ResolveParameter('RegionToCall').Name | Should -Be 'Region'
        $command.ResolveParameter('StoredCredentials').Name | Should -Be 'ProfileName'
        $command.ResolveParameter('AWSProfileName').Name | Should -Be 'ProfileName'
        $command.ResolveParameter('ProfilesLocation').Name | Should -Be 'ProfileLocation'
        $command.ResolveParameter('AWSProfilesLocation').Name | Should -Be 'ProfileLocation'
    }

    It 'PowerShell''s own resolver binds no prefix of a name or alias to another parameter that takes a secret or a profile' {
        $sensitive = 'AccessKey', 'SecretKey', 'SessionToken', 'Credential', 'ProfileName', 'ProfileLocation'
        $wrong = foreach ($command in $AwsCmdlets) {
            foreach ($parameter in $command.Parameters.Values) {
                foreach ($name in @($parameter.Name) + @($parameter.Aliases)) {
                    for ($length = 1; $length -le $name.Length; $length++) {
                        $typed = $name.Substring(0, $length)
                        # AmbiguousParameter is an error that binds nothing: not a wrong binding.
                        $resolved = try { $command.ResolveParameter($typed) } catch { $null }
                        # A name the other parameter declares exactly (-St of -StoredCredentials is AWS Tools' -ST) is not an abbreviation.
                        $exact = $resolved -and ($typed -eq $resolved.Name -or $resolved.Aliases -contains $typed)
                        if ($resolved -and -not $exact -and $resolved.Name -ne $parameter.Name -and ($resolved.Name -in $sensitive -or $parameter.Name -in $sensitive)) {
                            "$($command.Name) -$typed (of -$name) binds -$($resolved.Name)"
                        }
                    }
                }
            }
        }
        $wrong | Should -BeNullOrEmpty
    }

    It '-AK/-SK/-ST sign a real request (the emulator verifies SigV4 with these keys)' {
        $found = @(Get-IBScanFinding -ImageBuildVersionArn $Image -EndpointUrl $Aws.EndpointUrl -RegionToCall us-east-1 -AK $Aws.AccessKey -SK $Aws.SecretKey -ErrorAction Stop)
        $found.Count | Should -BeGreaterThan 0
    }

    It '-ST with a token is the session token: never looked up as a profile, never printed' {
        $token = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN0123456789'
        $errors = @(Get-IBScanFinding -ImageBuildVersionArn $Image -EndpointUrl $Aws.EndpointUrl -AK $Aws.AccessKey -SK $Aws.SecretKey -ST $token 2>&1 |
            Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        # The emulator refuses a token it did not issue; what matters is how the token was taken.
        foreach ($e in $errors) {
            "$e $($e.ErrorDetails) $($e.Exception)" | Should -Not -Match ([regex]::Escape($token))
            $e.FullyQualifiedErrorId | Should -Not -Match 'Profile'
        }
    }
}

Describe 'The key at position 0' {
    It 'Get-IBScanFinding with an ARN first lists that build''s findings (as -ImageBuildVersionArn does)' {
        $positional = @(Get-IBScanFinding $Image @Aws -ErrorAction Stop)
        $named = @(Get-IBScanFinding -ImageBuildVersionArn $Image @Aws -ErrorAction Stop)
        $positional.Count | Should -Be $named.Count
        $positional.Count | Should -BeGreaterThan 0
        @($positional.ImageBuildVersionArn | Sort-Object -Unique) | Should -Be @($Image)
    }

    It 'Get-IBScanFindingAggregation with an ARN first is that build''s aggregation' {
        $aggregation = @(Get-IBScanFindingAggregation $Image @Aws -ErrorAction Stop)
        $aggregation.Count | Should -Be 1
        $aggregation[0].Key | Should -Be $Image
    }

    It 'Test-IBScanGate with an ARN first judges the build' {
        # Passed or failed, the result is written before a failure ends the statement.
        try { $null = Test-IBScanGate $Image @Aws -OutVariable result } catch { $_.FullyQualifiedErrorId | Should -Match 'ScanGateFailed' }
        $result.ImageBuildVersionArn | Should -Be $Image
    }
}

Describe 'Type accelerators for the output types' {
    It '[ImageBuilderScan.<_>] names the type the cmdlets write' -ForEach @('ScanFinding', 'ScanFindingAggregation', 'GateResult', 'FindingChange', 'BuildHistoryEntry', 'VulnerablePackage') {
        $type = "ImageBuilderScan.$_" -as [type]
        $type | Should -Not -BeNullOrEmpty
        $type.Name | Should -Be $_
    }

    It '-is works in a script with the user-facing names' {
        $finding = Get-IBScanFinding $Image @Aws | Select-Object -First 1
        $finding -is [ImageBuilderScan.ScanFinding] | Should -BeTrue
        (Get-IBScanFindingAggregation $Image @Aws) -is [ImageBuilderScan.ScanFindingAggregation] | Should -BeTrue
        $finding.VulnerablePackages[0] -is [ImageBuilderScan.VulnerablePackage] | Should -BeTrue
    }

    It 'are removed with the module and come back with it' {
        # In a process of its own: the accelerators are the process's, kept while any runspace still has the module
        # imported (the hosted test run imports it in several at once), and removed with the last import.
        $script = Join-Path $TestDrive 'accelerators.ps1'
        Set-Content -LiteralPath $script -Value @"
`$accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
Import-Module '$(Get-BuiltModuleManifest)' -ErrorAction Stop
"imported: `$(`$accelerators::Get.ContainsKey('ImageBuilderScan.GateResult'))"
Remove-Module ImageBuilderScan
"removed: `$(@(`$accelerators::Get.Keys -like 'ImageBuilderScan.*').Count)"
Import-Module '$(Get-BuiltModuleManifest)' -ErrorAction Stop
"again: `$(`$accelerators::Get.ContainsKey('ImageBuilderScan.GateResult'))"
"@
        $run = Invoke-ChildPwsh -ScriptPath $script -Environment @{} -WorkingDirectory $TestDrive
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'imported: True'
        $run.Output | Should -Match 'removed: 0'
        $run.Output | Should -Match 'again: True'
    }
}

Describe 'Export-IBScanReport writes files as PowerShell''s own export cmdlets do' {
    BeforeAll {
        $script:Findings = @(Get-IBScanFinding $Image @Aws -ErrorAction Stop)
        $script:Folder = Join-Path ([IO.Path]::GetTempPath()) "ibscan-i22-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory -Path $Folder
    }
    AfterAll {
        Get-ChildItem $Folder -Recurse -File | ForEach-Object { $_.IsReadOnly = $false }
        Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It '-WhatIf writes nothing' {
        $path = Join-Path $Folder 'whatif.md'
        # The "What if:" line goes to the host, which a test cannot capture; nothing written is what counts.
        $Findings | Export-IBScanReport Markdown $path -WhatIf
        Test-Path $path | Should -BeFalse
        @(Get-ChildItem $Folder -Force -Filter '*.tmp').Count | Should -Be 0
    }

    It '-Confirm:$false writes (SupportsShouldProcess, ConfirmImpact Medium)' {
        (Get-Command Export-IBScanReport).Parameters.ContainsKey('Confirm') | Should -BeTrue
        $path = Join-Path $Folder 'confirm.md'
        $Findings | Export-IBScanReport Markdown $path -Confirm:$false
        Test-Path $path | Should -BeTrue
    }

    It 'a missing folder names -Path and the folder, not a temporary file, and is no UnexpectedError' {
        $path = Join-Path $Folder 'no-such-folder/report.sarif'
        $failure = { $Findings | Export-IBScanReport Sarif $path } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Not -Match 'UnexpectedError'
        $failure.Exception.Message | Should -Match '^Path:'
        $failure.Exception.Message | Should -Match ([regex]::Escape((Join-Path $Folder 'no-such-folder')))
        $failure.Exception.Message | Should -Not -Match '\.tmp'
        "$($failure.Exception)" | Should -Not -Match '\.tmp'
        @(Get-ChildItem $Folder -Recurse -Force -Filter '*.tmp').Count | Should -Be 0
    }

    It 'a folder given as the path names the parameter and is no UnexpectedError' {
        $failure = { $Findings | Export-IBScanReport JUnit -Path $Folder } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Not -Match 'UnexpectedError'
        $failure.Exception.Message | Should -Match '^Path:'
        $failure.Exception.Message | Should -Match 'is a folder'
        $failure = { $Findings | Export-IBScanReport JUnit -LiteralPath $Folder } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match '^LiteralPath:'
    }

    It '-LiteralPath takes [ and ] as they are; -Path refuses a wildcard that names no file and says to use -LiteralPath' {
        $literal = Join-Path $Folder 'report[1].md'
        $Findings | Export-IBScanReport Markdown -LiteralPath $literal
        Test-Path -LiteralPath $literal | Should -BeTrue
        $other = Join-Path $Folder 'other[2].md'
        $failure = { $Findings | Export-IBScanReport Markdown -Path $other } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match 'LiteralPath'
        Test-Path -LiteralPath $other | Should -BeFalse
    }

    It 'a read-only file is replaced only with -Force, and stays read-only' {
        $path = Join-Path $Folder 'readonly.md'
        Set-Content -LiteralPath $path -Value 'old'
        (Get-Item -LiteralPath $path).IsReadOnly = $true
        $failure = { $Findings | Export-IBScanReport Markdown $path } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Match 'ReportFileReadOnly'
        $failure.Exception.Message | Should -Match '-Force'
        Get-Content -LiteralPath $path -Raw | Should -Match '^old'
        $Findings | Export-IBScanReport Markdown $path -Force
        Get-Content -LiteralPath $path -Raw | Should -Not -Match '^old'
        (Get-Item -LiteralPath $path).IsReadOnly | Should -BeTrue
    }

    It '-PassThru writes the file as Get-Item does (provider properties, the file system table filled)' {
        $path = Join-Path $Folder 'passthru.md'
        $file = $Findings | Export-IBScanReport Markdown $path -PassThru
        $file | Should -BeOfType [System.IO.FileInfo]
        $file.PSParentPath | Should -Not -BeNullOrEmpty
        $table = $file | Format-Table | Out-String -Width 140
        $table | Should -Match 'passthru\.md'
        $table | Should -Match ([regex]::Escape("$($file.Length)"))
        $table | Should -Match ([regex]::Escape($file.Mode))
    }

    It '-FailOn with gate results is refused, naming -FailOn (the gate decided with its own)' {
        try { $null = Test-IBScanGate $Image @Aws -OutVariable gate } catch { }
        $gate | Should -Not -BeNullOrEmpty
        $path = Join-Path $Folder 'gate.xml'
        $failure = { $gate | Export-IBScanReport JUnit $path -FailOn CRITICAL } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match '^FailOn:'
        Test-Path $path | Should -BeFalse
        $gate | Export-IBScanReport JUnit $path
        Test-Path $path | Should -BeTrue
    }
}

Describe 'Regions as AWS Tools users expect' {
    It '-Region completion offers region names only (no us-east-1-regional, no aws-global)' {
        $line = 'Get-IBScanFinding -Region us-e'
        $offered = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText)
        $offered | Should -Contain 'us-east-1'
        $offered | Should -Contain 'us-east-2'
        $offered | Should -Not -Contain 'us-east-1-regional'
        $all = @((TabExpansion2 -inputScript 'Get-IBScanFinding -Region ' -cursorColumn 26).CompletionMatches.CompletionText)
        $all | Should -Not -Contain 'aws-global'
        $all | ForEach-Object { $_ | Should -Match '^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$' }
    }

    It '$StoredAWSRegion (Set-DefaultAWSRegion) never beats an ARN''s own region (as AWS_REGION does not)' {
        $noRegion = $Aws.Clone(); $noRegion.Remove('Region')
        $expected = @(Get-IBScanFinding -ImageBuildVersionArn $Image @Aws -ErrorAction Stop)
        $global:StoredAWSRegion = 'eu-central-1'
        try {
            $found = @(Get-IBScanFinding -ImageBuildVersionArn $Image @noRegion -ErrorAction Stop)
            $found.Count | Should -Be $expected.Count
            @(Get-IBScanFindingAggregation $Image @noRegion -ErrorAction Stop).Count | Should -Be 1
            # -Region given still pins: the mismatch is an error naming both regions.
            $failure = @(Get-IBScanFinding -ImageBuildVersionArn $Image @noRegion -Region eu-central-1 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $failure[0].FullyQualifiedErrorId | Should -BeLike 'RegionMismatch*'
        }
        finally { Remove-Variable StoredAWSRegion -Scope Global -ErrorAction SilentlyContinue }
    }

    It 'a wrong secret key is advised as a wrong secret key (read from the error code), not as a missing permission' {
        $wrong = $Aws.Clone(); $wrong.SecretKey = 'NotTheSecretKeyOfThisAccessKey0000000000'
        $failure = @(Get-IBScanFinding $Image @wrong 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })[0]
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidSignatureException*'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'secret access key'
        $failure.ErrorDetails.RecommendedAction | Should -Not -Match 'may call Image Builder'
    }

    It 'a disabled region with -RoleArn is advised as a region to enable, not as a trust policy' {
        $keys = @{ EndpointUrl = $Aws.EndpointUrl; AccessKey = $Aws.AccessKey; SecretKey = $Aws.SecretKey }
        $saved = $env:AWS_ENDPOINT_URL_STS
        $env:AWS_ENDPOINT_URL_STS = $Aws.EndpointUrl
        try {
            $errors = $null
            $null = Get-IBScanFindingAggregation @keys -Region us-east-1, ap-south-1 -RoleArn 'arn:aws:iam::111122223333:role/ScanAudit' -ErrorAction SilentlyContinue -ErrorVariable errors
        }
        finally { if ($null -eq $saved) { Remove-Item env:AWS_ENDPOINT_URL_STS -ErrorAction SilentlyContinue } else { $env:AWS_ENDPOINT_URL_STS = $saved } }
        $errors.Count | Should -Be 1
        $text = "$($errors[0].Exception.Message) $($errors[0].ErrorDetails.RecommendedAction)"
        $text | Should -Match 'ap-south-1'
        $text | Should -Match 'not enabled'
        $text | Should -Not -Match 'trust policy'
    }
}

Describe 'Copies of findings (Import-Clixml, Start-Job, ForEach-Object -Parallel) are taken by their shape' {
    BeforeAll {
        $script:Live = @(Get-IBScanFinding $Image @Aws -ErrorAction Stop)
        $script:Clixml = Join-Path ([IO.Path]::GetTempPath()) "ibscan-i22-$([guid]::NewGuid().ToString('N')).clixml"
        $Live | Export-Clixml -LiteralPath $Clixml
        $script:Copies = @(Import-Clixml -LiteralPath $Clixml)
        # The gate's verdict on the live findings, to compare with.
        try { $null = $Live | Test-IBScanGate @Aws -OutVariable liveVerdict } catch { }
        $script:LiveVerdict = $liveVerdict[0]
    }
    AfterAll { Remove-Item -LiteralPath $Clixml -ErrorAction SilentlyContinue }

    It 'Import-Clixml copies are copies (not the live type), with their packages whole' {
        $Copies[0] -is [ImageBuilderScan.ScanFinding] | Should -BeFalse
        $Copies[0].PSTypeNames[0] | Should -Be 'Deserialized.ImageBuilderScan.ScanFinding'
        @($Copies[0].VulnerablePackages).Count | Should -BeGreaterThan 0
        $Copies[0].VulnerablePackages[0].Name | Should -Not -BeNullOrEmpty
    }

    It 'Test-IBScanGate judges Import-Clixml copies as it judges the live findings' {
        try { $null = $Copies | Test-IBScanGate @Aws -OutVariable verdict } catch { $_.FullyQualifiedErrorId | Should -Match 'ScanGateFailed' }
        $verdict[0].Passed | Should -Be $LiveVerdict.Passed
        $verdict[0].ImageBuildVersionArn | Should -Be $Image
        $verdict[0].Summary | Should -Be $LiveVerdict.Summary
    }

    It 'a missing copy fails the gate on the service''s count' {
        $fewer = @($Copies | Select-Object -Skip 1)
        $passed = $fewer | Test-IBScanGate @Aws -FailOn CRITICAL -MaxCount @{ CRITICAL = 100000 } -Quiet
        $passed | Should -BeFalse
    }

    It 'a copy handed in twice is refused though the number matches (a repeat must not stand in for a missing finding): not judged' {
        $twice = @($Copies | Select-Object -Skip 1) + @($Copies[1])
        $twice.Count | Should -Be $Copies.Count
        $e = $null
        try { $null = $twice | Test-IBScanGate @Aws -FailOn CRITICAL -MaxCount @{ CRITICAL = 100000 } -OutVariable verdict } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'ScanGateFailed,*'
        $verdict[0].Passed | Should -BeFalse
        $verdict[0].ScanProblem | Should -BeLike "1 finding(s) were handed in more than once (the first: $($Copies[1].VulnerabilityId)*"
    }

    It 'a copy whose severity was lowered is refused, naming the severity whose count differs: not judged' {
        $edited = @(Import-Clixml -LiteralPath $Clixml)
        $critical = @($edited | Where-Object { "$($_.Severity)" -eq 'CRITICAL' })
        $critical.Count | Should -BeGreaterThan 0
        $critical[0].Severity = 'LOW'
        $e = $null
        try { $null = $edited | Test-IBScanGate @Aws -FailOn CRITICAL -MaxCount @{ CRITICAL = 100000 } -OutVariable verdict } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'ScanGateFailed,*'
        $verdict[0].ScanProblem | Should -BeLike "*$($critical.Count - 1) CRITICAL finding(s) were handed in, but the service counts $($critical.Count) CRITICAL for this image*"
    }

    It 'findings serialized as jobs and remoting do (depth 1, the type''s own depth honoured) reach the gate whole' {
        $copies = @([System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($Live, 1)))
        $copies[0].PSTypeNames[0] | Should -BeLike 'Deserialized.*'
        $copies[0].VulnerablePackages[0].Name | Should -Not -BeNullOrEmpty
        try { $null = $copies | Test-IBScanGate @Aws -OutVariable verdict } catch { }
        $verdict[0].Summary | Should -Be $LiveVerdict.Summary
    }

    # Start-Job needs a pwsh executable in $PSHOME, which a host application (dotnet test's SDK host) has not.
    It 'findings from Start-Job (deserialized) reach the gate and the report' -Skip:(-not (Test-Path (Join-Path $PSHOME 'pwsh*'))) {
        $manifest = Get-BuiltModuleManifest
        $job = Start-Job -ScriptBlock { param($m, $aws, $arn) Import-Module $m; Get-IBScanFinding $arn @aws } -ArgumentList $manifest, $Aws, $Image
        $fromJob = @($job | Wait-Job | Receive-Job)
        $job | Remove-Job
        $fromJob.Count | Should -Be $Live.Count
        $fromJob[0].PSTypeNames[0] | Should -BeLike 'Deserialized.*'
        try { $null = $fromJob | Test-IBScanGate @Aws -OutVariable verdict } catch { }
        $verdict[0].Summary | Should -Be $LiveVerdict.Summary
        $path = Join-Path ([IO.Path]::GetTempPath()) "ibscan-i22-job-$([guid]::NewGuid().ToString('N')).sarif"
        try {
            $fromJob | Export-IBScanReport Sarif $path
            $livePath = Join-Path ([IO.Path]::GetTempPath()) "ibscan-i22-live-$([guid]::NewGuid().ToString('N')).sarif"
            $Live | Export-IBScanReport Sarif $livePath
            (Get-Content $path -Raw | ConvertFrom-Json).runs[0].results.Count | Should -Be (Get-Content $livePath -Raw | ConvertFrom-Json).runs[0].results.Count
        }
        finally { Remove-Item $path, $livePath -ErrorAction SilentlyContinue }
    }

    It 'ForEach-Object -Parallel passes live findings (same process): the gate takes them' {
        $fromParallel = @($Live | ForEach-Object -Parallel { $_ } -ThrottleLimit 2)
        $fromParallel[0] -is [ImageBuilderScan.ScanFinding] | Should -BeTrue
        try { $null = $fromParallel | Test-IBScanGate @Aws -OutVariable verdict } catch { }
        $verdict[0].Summary | Should -Be $LiveVerdict.Summary
    }

    It 'a copy of a gate result is refused by Export-IBScanReport with what to do instead' {
        $gateCopy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($LiveVerdict))
        $path = Join-Path ([IO.Path]::GetTempPath()) "ibscan-i22-gatecopy-$([guid]::NewGuid().ToString('N')).md"
        $errors = $null
        $ended = $false
        try { $gateCopy | Export-IBScanReport Markdown $path -ErrorVariable errors -ErrorAction SilentlyContinue } catch { $ended = $true }
        $ended | Should -BeTrue
        "$($errors[0])" | Should -Match 'where Test-IBScanGate ran'
        # The closing error does not contradict it by listing gate results as what was expected.
        "$($errors[-1])" | Should -Match 'could not be reported'
        "$($errors[-1])" | Should -Not -Match 'result from Test-IBScanGate'
        Test-Path $path | Should -BeFalse
    }
}
