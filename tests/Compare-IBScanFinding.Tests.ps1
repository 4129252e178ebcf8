#Requires -Version 7.4
# Pester 5. Compare-IBScanFinding against the built module, the sample data set and a generated one
# with 30 findings per image (each listing spans two pages).

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.GateTestHelpers.ps1')
    Initialize-EmulatorSuite
    $script:Big = Start-GeneratedEmulator @('--accounts', '1', '--pipelines', '1', '--images-per-pipeline', '3', '--findings-per-image', '30', '--vulnerabilities', '45')
    $script:BigImages = @((Invoke-RestMethod "$($Big.Url)/_emulator/data").images | Sort-Object dateCreated | ForEach-Object arn)
    Set-SampleBuildVariable
    function script:Get-Keys { param($Findings) @($Findings | ForEach-Object { "$($_.VulnerabilityId)|$($_.PackageName)" } | Sort-Object -Unique) }
    function script:Get-CompareError {
        param([hashtable] $Options)
        $errors = $null
        $null = Compare-IBScanFinding @Aws @Options -ErrorAction SilentlyContinue -ErrorVariable errors
        @($errors)[0]
    }
}

AfterAll { Stop-EmulatorSuite -Others $script:Big }

Describe 'Compare-IBScanFinding' {
    Context 'change kinds' {
        It 'finds the previous build by itself, says so in -Verbose and on every object' {
            $changes = @(Compare-IBScanFinding @Aws -DifferenceImageBuildVersionArn $Web150 -Verbose 4>&1)
            $verbose = @($changes | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            $rows = @($changes | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            ($verbose.Message -join "`n") | Should -Match ([regex]::Escape("previous build of") + '.*' + [regex]::Escape("is $Web141"))
            $rows.ReferenceImageBuildVersionArn | Sort-Object -Unique | Should -Be $Web141
            $rows.DifferenceImageBuildVersionArn | Sort-Object -Unique | Should -Be $Web150
        }

        It 'writes Added, SeverityChanged and Fixed, and Unchanged only with -IncludeEqual' {
            $changes = @(Compare-IBScanFinding @Aws -DifferenceImageBuildVersionArn $Web150)
            ($changes | Where-Object Change -eq 'Added').VulnerabilityId | Should -Be 'CVE-2024-12797'
            $changed = $changes | Where-Object Change -eq 'SeverityChanged'
            $changed.VulnerabilityId | Should -Be 'GHSA-c2qf-rxjj-qqgw'
            $changed.ReferenceSeverity | Should -Be 'MEDIUM'
            $changed.DifferenceSeverity | Should -Be 'HIGH'
            @(($changes | Where-Object Change -eq 'Fixed').VulnerabilityId | Sort-Object) | Should -Be @('CVE-2022-40897', 'CVE-2024-0727')
            $changes.Change | Should -Not -Contain 'Unchanged'
            $equal = @(Compare-IBScanFinding @Aws -DifferenceImageBuildVersionArn $Web141 -IncludeEqual)
            ($equal | Where-Object Change -eq 'Unchanged').VulnerabilityId | Should -Be 'GHSA-c2qf-rxjj-qqgw'
            @(Compare-IBScanFinding @Aws -DifferenceImageBuildVersionArn $Web141).Change | Should -Not -Contain 'Unchanged'
        }

        It 'an explicit reference: installed versions and fixed-in versions of both sides' {
            $changes = @(Compare-IBScanFinding @Aws -ReferenceImageBuildVersionArn $Web140 -DifferenceImageBuildVersionArn $Web150 -IncludeEqual)
            $changes.ReferenceImageBuildVersionArn | Sort-Object -Unique | Should -Be $Web140
            $fixed = $changes | Where-Object VulnerabilityId -eq 'CVE-2024-6387'
            $fixed.Change | Should -Be 'Fixed'
            $fixed.ReferenceInstalledVersion | Should -Not -BeNullOrEmpty
            $fixed.DifferenceInstalledVersion | Should -BeNullOrEmpty
            $fixed.FixedInVersion | Should -Not -BeNullOrEmpty
        }

        It 'a clean image compared with a build that had findings: everything Fixed' {
            $changes = @(Compare-IBScanFinding @Aws -ReferenceImageBuildVersionArn 'arn:aws:imagebuilder:us-east-1:444455556666:image/windows-iis-2022/2025.1.0/3' -DifferenceImageBuildVersionArn $Clean)
            $changes.Count | Should -Be 3
            $changes.Change | Sort-Object -Unique | Should -Be 'Fixed'
        }
    }

    Context 'errors' {
        It 'the first build of a pipeline has no previous build: NoPreviousBuild' {
            $e = Get-CompareError @{ DifferenceImageBuildVersionArn = $Web140 }
            $e.FullyQualifiedErrorId | Should -BeLike 'NoPreviousBuild,*'
            $e.Exception.Message | Should -BeLike "*$Web140*first build*"
        }

        It 'an image whose scan is <State> is an error naming it and its state' -ForEach @(
            @{ State = 'SCANNING'; Reference = $null; Difference = 'arn:aws:imagebuilder:us-east-1:111122223333:image/payments-api-al2023/2.2.0/1'; Text = '*2.2.0/1*SCANNING*' }
            @{ State = 'not enabled'; Reference = 'arn:aws:imagebuilder:us-east-1:111122223333:image/payments-api-al2023/2.1.1/1'; Difference = 'arn:aws:imagebuilder:us-east-1:111122223333:image/payments-api-al2023/2.1.0/1'; Text = '*2.1.1/1*scanning is not enabled*' }
        ) {
            $options = @{ DifferenceImageBuildVersionArn = $Difference }
            if ($Reference) { $options.ReferenceImageBuildVersionArn = $Reference }
            $e = Get-CompareError $options
            $e.FullyQualifiedErrorId | Should -BeLike 'ScanNotComplete,*'
            $e.Exception.Message | Should -BeLike $Text
        }
    }

    Context 'pipeline input' {
        It 'takes AWS Tools-like objects with an Arn' {
            $changes = @([pscustomobject]@{ Arn = $Web150 } | Compare-IBScanFinding @Aws)
            $changes.DifferenceImageBuildVersionArn | Sort-Object -Unique | Should -Be $Web150
            $changes.Count | Should -Be 4
        }

        It 'compares the build of piped findings once' {
            $findings = @(Get-IBScanFinding @Aws -ImageBuildVersionArn $Web141)
            $findings.Count | Should -Be 3
            $changes = @($findings | Compare-IBScanFinding @Aws)
            $changes.Count | Should -Be @(Compare-IBScanFinding @Aws -DifferenceImageBuildVersionArn $Web141).Count
        }

        It 'streams: the first build''s changes come out before the next input is piped; the rest keep input order and an error each' {
            $missing = 'arn:aws:imagebuilder:us-east-1:111122223333:image/no-such-image/1.0.0/1'
            $seen = [System.Collections.Generic.List[string]]::new()
            # One thread runs the whole pipeline: the upstream's check needs no waiting, and a command that collected its
            # input before comparing would have written nothing yet.
            $upstream = {
                $Web150
                if ($seen.Count -eq 0) { throw 'no comparison was written before the second input was piped' }
                $missing
                $Web141
            }
            $changes = @(& $upstream | Compare-IBScanFinding @Aws -ErrorVariable failed -ErrorAction SilentlyContinue |
                ForEach-Object { $seen.Add($_.DifferenceImageBuildVersionArn); $_ })
            @($seen | Select-Object -Unique) | Should -Be @($Web150, $Web141)
            $changes.Count | Should -Be (@(Compare-IBScanFinding @Aws $Web150).Count + @(Compare-IBScanFinding @Aws $Web141).Count)
            @($failed).Count | Should -Be 1
            $failed[0].TargetObject | Should -Be $missing
        }

        It 'takes image aggregations, each compared with its own previous build' {
            $changes = @(Get-IBScanFindingAggregation @Aws -ImageBuildVersionArn $Web141, $Web150 | Compare-IBScanFinding @Aws)
            @($changes.DifferenceImageBuildVersionArn | Sort-Object -Unique) | Should -Be @($Web141, $Web150)
            ($changes | Where-Object DifferenceImageBuildVersionArn -eq $Web141).ReferenceImageBuildVersionArn | Sort-Object -Unique | Should -Be $Web140
        }
    }

    Context 'findings that span pages, checked independently' {
        It 'Added and Fixed are the set differences of the findings Get-IBScanFinding lists (<Pair>)' -ForEach @(
            @{ Pair = 'generated, 30 per image'; Generated = $true }
            @{ Pair = 'sample 1.4.0 -> 1.5.0'; Generated = $false }
        ) {
            if ($Generated) { $side = $Big.Aws; $reference = $BigImages[0]; $difference = $BigImages[1] } else { $side = $Aws; $reference = $Web140; $difference = $Web150 }
            $before = @(Get-IBScanFinding @side -ImageBuildVersionArn $reference -PageSize 25)
            $after = @(Get-IBScanFinding @side -ImageBuildVersionArn $difference -PageSize 25)
            if ($Generated) { $before.Count | Should -Be 30; $after.Count | Should -Be 30 }
            $beforeKeys = Get-Keys $before
            $afterKeys = Get-Keys $after
            $changes = @(Compare-IBScanFinding @side -ReferenceImageBuildVersionArn $reference -DifferenceImageBuildVersionArn $difference -IncludeEqual)
            Get-Keys ($changes | Where-Object Change -eq 'Added') | Should -Be @($afterKeys | Where-Object { $_ -notin $beforeKeys })
            Get-Keys ($changes | Where-Object Change -eq 'Fixed') | Should -Be @($beforeKeys | Where-Object { $_ -notin $afterKeys })
            Get-Keys ($changes | Where-Object Change -in 'Unchanged', 'SeverityChanged') | Should -Be @($afterKeys | Where-Object { $_ -in $beforeKeys })
        }

        It 'the previous build of a generated pipeline is the one created just before' {
            $bigAws = $Big.Aws
            $changes = @(Compare-IBScanFinding @bigAws -DifferenceImageBuildVersionArn $BigImages[2] -IncludeEqual)
            $changes.ReferenceImageBuildVersionArn | Sort-Object -Unique | Should -Be $BigImages[1]
        }
    }

    Context 'documentation runs as written' {
        It 'every help example exits as its text says, and one is the CI step on what a build adds' {
            $run = Invoke-HelpExampleCheck 'Compare-IBScanFinding' -Expected @{ 1 = 0; 2 = 1; 3 = 0; 4 = 0 } -ImageArn $Web150
            $run.Examples.Title | Should -Contain 'Fail only on what this build adds'
            $run.Environment.IMAGE_ARN = $Web141
            (Invoke-ChildPwsh (Join-Path $run.Work 'example2.ps1') $run.Environment $run.Work).ExitCode | Should -Be 0
        }
    }
}
