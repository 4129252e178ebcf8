#Requires -Version 7.4
# Pester 5. Runs against the built module (output/ImageBuilderScan/<version>) and a local emulator.

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    Initialize-EmulatorSuite
    # What the sample data holds, seen through the findings API (every finding, every key).
    Set-SampleFindingVariable
    $script:Cmdlet = 'ImageBuilderScan.Commands.GetIBScanFindingCommand'
}

AfterAll { Stop-EmulatorSuite }

Describe 'Get-IBScanFinding' {
    Context 'parameter sets' {
        It 'lists every finding without a filter: as many as the account aggregations count' {
            $AllFindings.Count | Should -BeGreaterThan 3
            (Get-IBScanFindingAggregation @Aws | Measure-Object All -Sum).Sum | Should -Be $AllFindings.Count
        }

        It 'filters by -ImageBuildVersionArn, several values as successive calls in order' {
            $arns = $ImageArns[0..1]
            $result = @(Get-IBScanFinding @Aws -ImageBuildVersionArn $arns)
            $result.Count | Should -Be @($AllFindings | Where-Object ImageBuildVersionArn -in $arns).Count
            $firstOfSecond = [array]::FindIndex([object[]]$result, [Predicate[object]] { param($f) $f.ImageBuildVersionArn -eq $arns[1] })
            @($result[$firstOfSecond..($result.Count - 1)] | Where-Object ImageBuildVersionArn -eq $arns[0]) | Should -BeNullOrEmpty
        }

        It 'filters by -ImagePipelineArn' {
            @(Get-IBScanFinding @Aws -ImagePipelineArn $PipelineArns[0]).Count | Should -Be @($AllFindings | Where-Object ImagePipelineArn -eq $PipelineArns[0]).Count
        }

        It 'filters by -VulnerabilityId' {
            $result = @(Get-IBScanFinding @Aws -VulnerabilityId $VulnerabilityIds[0])
            $result.Count | Should -Be @($AllFindings | Where-Object VulnerabilityId -eq $VulnerabilityIds[0]).Count
            $result.VulnerabilityId | Sort-Object -Unique | Should -Be $VulnerabilityIds[0]
        }

        It 'filters by -Severity in any case' {
            $result = @(Get-IBScanFinding @Aws -Severity critical, High)
            $result.Count | Should -Be @($AllFindings | Where-Object Severity -in 'CRITICAL', 'HIGH').Count
        }

        It 'refuses a severity outside the fixed set, and completes the set' {
            { Get-IBScanFinding @Aws -Severity SEVERE } | Should -Throw -ErrorId 'ParameterArgumentValidationError*' -ExpectedMessage "*'SEVERE' is not a severity: one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNTRIAGED*"
            $line = 'Get-IBScanFinding -Severity cr'
            $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $completion.CompletionMatches.CompletionText | Should -Contain 'CRITICAL'
        }

        It 'takes -PageSize 1..25 with the alias MaxResults' {
            @(Get-IBScanFinding @Aws -MaxResults 2).Count | Should -Be $AllFindings.Count
            { Get-IBScanFinding @Aws -PageSize 26 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        }
    }

    Context 'drill-down from aggregations' {
        It 'an image aggregation lists the findings behind its counts' {
            $image = @(Get-IBScanFindingAggregation @Aws -ImageBuildVersionArn $ImageArns[0]) | Where-Object { "$($_.Kind)" -eq 'Image' } | Select-Object -First 1
            $findings = @($image | Get-IBScanFinding @Aws)
            $findings.Count | Should -Be $image.All
            @($findings | Where-Object Severity -eq 'CRITICAL').Count | Should -Be $image.Critical
            $findings.ImageBuildVersionArn | Sort-Object -Unique | Should -Be $image.ImageBuildVersionArn
        }

        It 'a vulnerability aggregation lists that vulnerability''s findings' {
            $aggregations = @(Get-IBScanFindingAggregation @Aws -VulnerabilityId $VulnerabilityIds[0])
            $findings = @($aggregations | Get-IBScanFinding @Aws)
            $findings.Count | Should -Be ($aggregations | Measure-Object All -Sum).Sum
        }

        It 'an account aggregation lists that account''s findings' {
            $account = @(Get-IBScanFindingAggregation @Aws)[0]
            $findings = @($account | Get-IBScanFinding @Aws)
            $findings.Count | Should -Be $account.All
        }

        It 'a foreign object PowerShell converts into an aggregation without a key lists nothing' {
            # No property binds by name, so PowerShell may build an aggregation through its
            # parameterless constructor: without a key it must be refused, not widened to every finding.
            $out = @([pscustomobject]@{ Kind = 'Account' } | Get-IBScanFinding @Aws -ErrorAction SilentlyContinue -ErrorVariable err)
            $out.Count | Should -Be 0
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Match "^(InvalidInput,$([regex]::Escape($Cmdlet))|InputObjectNotBound,.*)$"
        }

        It 'a foreign object with only an AccountId is refused with a message that says why' {
            # ListImageScanFindings has no account filter, so AccountId does not bind by name here.
            $out = @([pscustomobject]@{ AccountId = '111122223333' } | Get-IBScanFinding @Aws -ErrorAction SilentlyContinue -ErrorVariable err)
            $out.Count | Should -Be 0
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be "InvalidInput,$Cmdlet"
            $err[0].Exception.Message | Should -Match 'not an aggregation from Get-IBScanFindingAggregation'
            $err[0].Exception.Message | Should -Not -Match "aggregation ''"
        }

        It 'a foreign object binds the one key it carries' {
            @([pscustomobject]@{ ImagePipelineArn = $PipelineArns[0] } | Get-IBScanFinding @Aws).Count |
                Should -Be @($AllFindings | Where-Object ImagePipelineArn -eq $PipelineArns[0]).Count
        }
    }

    Context 'what can be piped (issue 13, point 4)' {
        It 'classifies piped strings by shape' {
            $result = @($ImageArns[0], $VulnerabilityIds[0] | Get-IBScanFinding @Aws)
            $expected = @($AllFindings | Where-Object ImageBuildVersionArn -eq $ImageArns[0]).Count + @($AllFindings | Where-Object VulnerabilityId -eq $VulnerabilityIds[0]).Count
            $result.Count | Should -Be $expected
        }

        It 'takes AWS Tools'' image and pipeline objects by their Arn' {
            @([pscustomobject]@{ Arn = $PipelineArns[0]; Name = 'web' } | Get-IBScanFinding @Aws).Count |
                Should -Be @($AllFindings | Where-Object ImagePipelineArn -eq $PipelineArns[0]).Count
            @(@{ Arn = $ImageArns[0] } | Get-IBScanFinding @Aws).Count |
                Should -Be @($AllFindings | Where-Object ImageBuildVersionArn -eq $ImageArns[0]).Count
        }

        It 'refuses a piped finding (three keys) with a message that says what to pipe, sending nothing' {
            $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindings'
            $out = @($AllFindings[0] | Get-IBScanFinding @Aws -ErrorAction SilentlyContinue -ErrorVariable err)
            $out.Count | Should -Be 0
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be "InvalidInput,$Cmdlet"
            $err[0].FullyQualifiedErrorId | Should -Not -BeLike '*InputObjectNotBound*'
            $err[0].Exception.Message | Should -Match 'ImageBuildVersionArn, ImagePipelineArn and VulnerabilityId'
            $err[0].Exception.Message | Should -Match ([regex]::Escape('ForEach-Object ImageBuildVersionArn | Get-IBScanFinding'))
            $err[0].TargetObject | Should -Be $AllFindings[0]
            (Get-EmulatorRequestCount $Emulator 'ListImageScanFindings') | Should -Be $before
        }

        It 'does what the refusal says: one property of the findings, each distinct value listed once' {
            $findings = @(Get-IBScanFinding @Aws -ImageBuildVersionArn $ImageArns[0])
            $findings.Count | Should -BeGreaterThan 1
            $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindings'
            $again = @($findings | ForEach-Object ImageBuildVersionArn | Get-IBScanFinding @Aws -PageSize 25)
            $again.Count | Should -Be $findings.Count
            (Get-EmulatorRequestCount $Emulator 'ListImageScanFindings') - $before | Should -Be 1
        }

        It 'refuses a string of no key''s shape and an account id (no account filter)' {
            'not-a-key' | Get-IBScanFinding @Aws -ErrorAction SilentlyContinue -ErrorVariable e1 | Should -BeNullOrEmpty
            $e1[0].FullyQualifiedErrorId | Should -Be "InvalidInput,$Cmdlet"
            $AllFindings[0].AccountId | Get-IBScanFinding @Aws -ErrorAction SilentlyContinue -ErrorVariable e2 | Should -BeNullOrEmpty
            $e2[0].Exception.Message | Should -Match ([regex]::Escape("Get-IBScanFindingAggregation -AccountId $($AllFindings[0].AccountId) | Get-IBScanFinding"))
        }
    }

    Context 'paging' {
        It '-NoAutoPage and -NextToken walk the same findings; the variable is $null at the end' {
            $walk = Invoke-PageWalk Get-IBScanFinding ($Aws + @{ PageSize = 2 })
            $walk.PageSizes.Count | Should -BeGreaterThan 1
            ($walk.PageSizes | Measure-Object -Maximum).Maximum | Should -BeLessOrEqual 2
            $walk.Items.Count | Should -Be $AllFindings.Count
            $walk.NextToken | Should -BeNullOrEmpty
        }

        It 'sends one request for Select-Object -First 1' {
            $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindings'
            @(Get-IBScanFinding @Aws -PageSize 1 | Select-Object -First 1).Count | Should -Be 1
            (Get-EmulatorRequestCount $Emulator 'ListImageScanFindings') - $before | Should -Be 1
        }

        It 'sends no second request for a stop within the first page, and reads at most one page ahead after it (issue 12)' {
            $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindings'
            @(Get-IBScanFinding @Aws -PageSize 10 | Select-Object -First 10).Count | Should -Be 10
            (Get-EmulatorRequestCount $Emulator 'ListImageScanFindings') - $before | Should -Be 1

            # Stopped on the second page: the third was being fetched while the second was written.
            $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindings'
            $first = @(Get-IBScanFinding @Aws -PageSize 10 | Select-Object -First 15)
            ($first | ForEach-Object { "$($_.ImageBuildVersionArn)|$($_.VulnerabilityId)" }) |
                Should -Be ($AllFindings[0..14] | ForEach-Object { "$($_.ImageBuildVersionArn)|$($_.VulnerabilityId)" })
            $sent = (Get-EmulatorRequestCount $Emulator 'ListImageScanFindings') - $before
            $sent | Should -BeGreaterOrEqual 2
            $sent | Should -BeLessOrEqual 3
        }
    }

    Context 'what users see' {
        It 'renders the finding table' {
            $finding = $AllFindings | Where-Object PackageName | Select-Object -First 1
            $text = $finding | Out-PlainText -Width 120
            $text | Should -Match '(?m)^Severity\s+VulnerabilityId\s+Score\s+Package Installed -> FixedIn\s*$'
            $text | Should -Match '(?m)^\s*Image: '
            $text | Should -Match ([regex]::Escape($finding.VulnerabilityId))
            $text | Should -Match ([regex]::Escape($finding.PackageName))
            $text | Should -Match ([regex]::Escape($finding.FixedInVersion))
            ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 }) | Should -BeNullOrEmpty
            # An 80-column console keeps severity, id, score and the package with both versions (tests/Views.Tests.ps1 has more).
            $narrow = $finding | Out-PlainText -Width 80
            $narrow | Should -Match '(?m)^Severity\s+VulnerabilityId\s+Score\s+Package Installed -> FixedIn\s*$'
            $narrow | Should -Match ([regex]::Escape($finding.FixedInVersion))
            ($narrow -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        }

        It 'exports list members to CSV as their values, not a type name' {
            $finding = $AllFindings | Where-Object { $_.ReferenceUrls.Count -gt 0 -and $_.VulnerablePackages.Count -gt 0 } | Select-Object -First 1
            $finding | Should -Not -BeNullOrEmpty
            $csv = ($finding | ConvertTo-Csv -NoTypeInformation) -join "`n"
            $csv | Should -Not -Match 'System\.(Collections|String\[\])'
            $csv | Should -Match ([regex]::Escape($finding.ReferenceUrls[0]))
            $csv | Should -Match ([regex]::Escape($finding.VulnerablePackages[0].Name))
            # JSON keeps them lists.
            ($finding | ConvertTo-Json -Depth 4 | ConvertFrom-Json).ReferenceUrls.Count | Should -Be $finding.ReferenceUrls.Count
        }

        It 'declares its output type' {
            (Get-Command Get-IBScanFinding).OutputType.Name | Should -Be 'ImageBuilderScan.Client.Model.ScanFinding'
        }
    }

    Context 'errors' {
        It 'writes a non-terminating error with id, category and target, then -ErrorAction Stop throws' {
            Get-IBScanFinding @Aws -ImageBuildVersionArn 'arn:aws:imagebuilder:us-east-1:123:image/x' -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -Be "InvalidInput,$Cmdlet"
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err[0].TargetObject | Should -Contain 'arn:aws:imagebuilder:us-east-1:123:image/x'
            { Get-IBScanFinding @Aws -VulnerabilityId '' -ErrorAction Stop } | Should -Throw
        }

        It 'reports a forged -NextToken as InvalidPaginationTokenException' {
            Get-IBScanFinding @Aws -NextToken 'forged-token' -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -Be "InvalidPaginationTokenException,$Cmdlet"
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
    }

    Context 'help' {
        # The build generates the MAML from en-US/*.md (no PlatyPS needed), so it is always there.
        It 'has synopsis, description, parameters and examples in Get-Help' {
            Assert-ListingHelp Get-IBScanFinding -Synopsis 'image scan findings' -Description 'ListImageScanFindings'
            $severity = Get-Help Get-IBScanFinding -Parameter Severity
            $severity.required | Should -Be 'true'
            ($severity.description | Out-String) | Should -Match 'INFORMATIONAL'
            (Get-Help Get-IBScanFinding -Parameter ExpandPackage).type.name | Should -Match 'SwitchParameter'
            (Get-Help Get-IBScanFinding -Parameter PageSize).aliases | Should -Be 'MaxResults'
        }
    }
}

Describe 'Get-IBScanFinding output objects (issue 13 point 8)' {
    It 'sorts by severity rank, not alphabetically, and compares with severity names' {
        $ranks = @{ UNTRIAGED = 0; INFORMATIONAL = 1; LOW = 2; MEDIUM = 3; HIGH = 4; CRITICAL = 5 }
        $sorted = @($AllFindings | Sort-Object Severity | ForEach-Object { "$($_.Severity)" })
        @($sorted | Select-Object -Unique).Count | Should -BeGreaterThan 2
        for ($i = 1; $i -lt $sorted.Count; $i++) { $ranks[$sorted[$i]] | Should -BeGreaterOrEqual $ranks[$sorted[$i - 1]] }
        "$((@($AllFindings | Sort-Object Severity -Descending))[0].Severity)" | Should -Be 'CRITICAL'
        @($AllFindings | Where-Object Severity -eq 'high').Count | Should -Be @($AllFindings | Where-Object { "$($_.Severity)" -ceq 'HIGH' }).Count
        @($AllFindings | Where-Object Severity -ge 'HIGH').Count | Should -Be @($AllFindings | Where-Object { "$($_.Severity)" -in 'HIGH', 'CRITICAL' }).Count
    }

    It 'writes the severity name in JSON and CSV, and every property is in the list view' {
        $finding = $AllFindings | Where-Object { $_.VulnerablePackages.Count -gt 0 } | Select-Object -First 1
        ($finding | ConvertTo-Json -Depth 4 | ConvertFrom-Json).Severity | Should -BeOfType [string]
        ($finding | ConvertTo-Json -Depth 4 | ConvertFrom-Json).Severity | Should -Be "$($finding.Severity)"
        ($finding | ConvertTo-Csv | ConvertFrom-Csv).Severity | Should -Be "$($finding.Severity)"
        $listed = ($finding | Format-List | Out-String -Width 300) -split "`n" | ForEach-Object { if ($_ -match '^(\w+)\s*:') { $Matches[1] } }
        $properties = $finding.PSObject.Properties.Name
        $properties | Where-Object { $_ -notin $listed } | Should -BeNullOrEmpty
    }

    It 'is read-only: setting a property fails and leaves the value' {
        $finding = $AllFindings[0]
        $title = $finding.Title
        { $finding.Title = 'changed' } | Should -Throw -ExpectedMessage '*ReadOnly*'
        { $finding.Severity = 'LOW' } | Should -Throw
        $finding.Title | Should -Be $title
        { $finding.VulnerablePackages[0].Name = 'x' } | Should -Throw
        @($finding.PSObject.Properties | Where-Object { $_.IsSettable }).Name | Should -BeNullOrEmpty
    }
}

Describe 'Get-IBScanFinding progress (issue 12)' {
    BeforeEach { Clear-EmulatorFaults $Emulator }
    AfterEach { Clear-EmulatorFaults $Emulator }

    BeforeAll {
        # A hosted runspace: its progress stream holds what an interactive host would draw.
        function Invoke-Hosted([string] $Script, [hashtable] $Aws) {
            $shell = [powershell]::Create()
            try {
                $null = $shell.AddScript("param(`$m, `$aws) Import-Module `$m; $Script").AddArgument((Get-BuiltModuleManifest)).AddArgument($Aws)
                $output = @($shell.Invoke())
                [pscustomobject]@{ Output = $output; Progress = @($shell.Streams.Progress); Errors = @($shell.Streams.Error) }
            }
            finally { $shell.Dispose() }
        }
        function Set-SlowPages([string] $Url, [int] $Ms) {
            Add-EmulatorFault @{ Url = $Url } @{ kind = 'latency'; latencyMs = $Ms; maxCount = 1000 }
        }
    }

    It 'shows pages and items so far on a listing longer than a second, then completes the bar' {
        Set-SlowPages $Emulator.Url 400   # pages of 5 at 0.4 s each: over a second
        $run = Invoke-Hosted 'Get-IBScanFinding @aws -PageSize 5' $Aws
        $run.Output.Count | Should -Be $AllFindings.Count
        $shown = @($run.Progress | Where-Object RecordType -eq 'Processing')
        $shown.Count | Should -BeGreaterThan 0
        $shown[-1].StatusDescription | Should -Match '^\d+ page\(s\), \d+ finding\(s\) so far$'
        $shown[-1].Activity | Should -Be 'Get-IBScanFinding'
        $run.Progress[-1].RecordType | Should -Be 'Completed'
    }

    It 'shows none for a short listing or with $ProgressPreference = SilentlyContinue / -ProgressAction' {
        (Invoke-Hosted 'Get-IBScanFinding @aws -PageSize 100' $Aws).Progress | Should -BeNullOrEmpty
        Set-SlowPages $Emulator.Url 400
        $quiet = Invoke-Hosted '$ProgressPreference = ''SilentlyContinue''; Get-IBScanFinding @aws -PageSize 5' $Aws
        $quiet.Output.Count | Should -Be $AllFindings.Count
        $quiet.Progress | Should -BeNullOrEmpty
        (Invoke-Hosted 'Get-IBScanFinding @aws -PageSize 5 -ProgressAction SilentlyContinue' $Aws).Progress | Should -BeNullOrEmpty
    }

    It 'completes the bar when the listing fails part way and when a downstream command stops it' {
        Set-SlowPages $Emulator.Url 400
        Add-EmulatorFault $Emulator @{ kind = 'serviceError'; operation = 'listImageScanFindings'; onRequest = 5; maxCount = 100 }
        $failed = Invoke-Hosted 'Get-IBScanFinding @aws -PageSize 5 -MaxAttempts 1' $Aws
        $failed.Errors.Count | Should -BeGreaterThan 0
        @($failed.Progress | Where-Object RecordType -eq 'Processing').Count | Should -BeGreaterThan 0
        $failed.Progress[-1].RecordType | Should -Be 'Completed'

        Clear-EmulatorFaults $Emulator
        Set-SlowPages $Emulator.Url 400
        $stopped = Invoke-Hosted 'Get-IBScanFinding @aws -PageSize 5 | Select-Object -First 20' $Aws
        $stopped.Output.Count | Should -Be 20
        @($stopped.Progress | Where-Object RecordType -eq 'Processing').Count | Should -BeGreaterThan 0
        $stopped.Progress[-1].RecordType | Should -Be 'Completed'
    }
}
