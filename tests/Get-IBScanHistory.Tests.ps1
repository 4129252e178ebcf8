#Requires -Version 7.4
# Pester 5. Get-IBScanHistory against the built module: the sample data set (three pipelines with
# builds whose scans completed, are still running, failed or were never enabled, in two regions) and
# a generated one with 25 builds in one pipeline (three aggregation requests of ten ARNs at most).

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    Initialize-EmulatorSuite
    $p = 'arn:aws:imagebuilder:{0}:111122223333:image-pipeline/{1}'
    $script:WebUs = $p -f 'us-east-1', 'web-frontend-al2023'
    $script:WebEu = $p -f 'eu-west-1', 'web-frontend-al2023'
    $script:Payments = $p -f 'us-east-1', 'payments-api-al2023'
    $script:Data = Invoke-RestMethod "$($Emulator.Url)/_emulator/data"
    # What the service says for one build, asked the way a user would: its image aggregation (none: no findings).
    function script:Get-BuildCounts {
        param([string] $Arn)
        $a = @(Get-IBScanFindingAggregation @Aws -Region (($Arn -split ':')[3]) -ImageBuildVersionArn $Arn)
        if ($a.Count -eq 0) { return @(0, 0, 0, 0) }
        @($a[0].Critical, $a[0].High, $a[0].Medium, $a[0].All)
    }
}

AfterAll { Stop-EmulatorSuite }

Describe 'Get-IBScanHistory' {
    Context 'against the per-build aggregations' {
        It 'lists every build of the pipelines oldest first, across two regions, with the counts of each build''s aggregation' {
            $history = @(Get-IBScanHistory @Aws -Region us-east-1, eu-west-1 -ImagePipelineArn $WebUs, $WebEu)
            $expected = foreach ($pipeline in $WebUs, $WebEu) {
                @($Data.images | Where-Object imagePipelineArn -eq $pipeline | Sort-Object dateCreated | ForEach-Object arn)
            }
            $history.ImageBuildVersionArn | Should -Be $expected
            $history.Region | Should -Be @('us-east-1', 'us-east-1', 'us-east-1', 'eu-west-1', 'eu-west-1')
            $history.AccountId | Select-Object -Unique | Should -Be '111122223333'
            foreach ($build in $history | Where-Object ScanComplete) {
                @($build.Critical, $build.High, $build.Medium, $build.All) | Should -Be (Get-BuildCounts $build.ImageBuildVersionArn) -Because $build.ImageBuildVersionArn
            }
            ($history | Where-Object ScanComplete).Count | Should -Be 4
            $history[0].DateCreated | Should -Be ([datetime]::new(2025, 1, 14, 0, 0, 0, [System.DateTimeKind]::Utc))
            $history[0].ImageVersion, $history[0].BuildNumber, $history[0].Build | Should -Be '1.4.0', 1, '1.4.0/1'
            $history[0].ImageState | Should -Be 'AVAILABLE'
        }

        It 'gives a build whose scan did not complete its state and no counts, never zeros' {
            $pending = @(Get-IBScanHistory @Aws -Region eu-west-1 -ImagePipelineArn $WebEu)[-1]
            $pending.ScanStatus | Should -Be 'PENDING'
            $pending.ScanComplete | Should -BeFalse
            $pending.Critical, $pending.High, $pending.Medium, $pending.All | Should -Be @($null, $null, $null, $null)

            $payments = @(Get-IBScanHistory @Aws -ImagePipelineArn $Payments)
            $notScanned = $payments | Where-Object ImageVersion -eq '2.1.1'
            $notScanned.ScanStatus | Should -BeNullOrEmpty
            $notScanned.All | Should -BeNullOrEmpty
            ($payments | Where-Object ImageVersion -eq '2.2.0').ScanStatus | Should -Be 'SCANNING'
        }

        It 'finds each pipeline''s region from its ARN when no region is given' {
            $aws = $Aws.Clone(); $aws.Remove('Region')
            (@(Get-IBScanHistory @aws -ImagePipelineArn $WebEu)).Region | Select-Object -Unique | Should -Be 'eu-west-1'
        }

        It '-Last keeps the newest builds, still oldest first' {
            $all = @(Get-IBScanHistory @Aws -ImagePipelineArn $WebUs)
            $last = @(Get-IBScanHistory @Aws -ImagePipelineArn $WebUs -Last 2)
            $last.ImageBuildVersionArn | Should -Be $all[1..2].ImageBuildVersionArn
        }
    }

    Context 'pipeline input' {
        It 'takes ARN strings, pipeline aggregations and AWS Tools pipeline objects, each pipeline once' {
            $fromString = @($WebUs | Get-IBScanHistory @Aws)
            $fromAggregation = @(Get-IBScanFindingAggregation @Aws -ImagePipelineArn $WebUs | Get-IBScanHistory @Aws)
            $fromAwsTools = @([pscustomobject]@{ Arn = $WebUs; Name = 'web-frontend-al2023' }, $WebUs | Get-IBScanHistory @Aws)
            $fromAggregation.ImageBuildVersionArn | Should -Be $fromString.ImageBuildVersionArn
            $fromAwsTools.ImageBuildVersionArn | Should -Be $fromString.ImageBuildVersionArn
        }

        It 'refuses an object that names no pipeline, naming the parameter, and lists the next' {
            $errors = $null
            $history = @([pscustomobject]@{ Name = 'x' }, $WebUs | Get-IBScanHistory @Aws -ErrorAction SilentlyContinue -ErrorVariable errors)
            $history.Count | Should -Be 3
            $errors.Count | Should -Be 1
            "$($errors[0])" | Should -Match 'InputObject'
        }

        It 'refuses an ARN that is not a pipeline ARN before any request' {
            $before = Get-EmulatorRequestCount $Emulator ListImageScanFindingAggregations
            { Get-IBScanHistory @Aws -ImagePipelineArn 'arn:aws:imagebuilder:us-east-1:111122223333:image/x/1.0.0/1' -ErrorAction Stop } |
                Should -Throw -ExpectedMessage '*ImagePipelineArn*'
            Get-EmulatorRequestCount $Emulator ListImageScanFindingAggregations | Should -Be $before
        }
    }

    Context 'where it goes next' {
        It 'shows the table at 80 columns with - for counts it does not have' {
            $text = Get-IBScanHistory @Aws -Region eu-west-1 -ImagePipelineArn $WebEu | Out-String -Width 80
            $lines = $text -split "`n" | Where-Object { $_ -match '1\.5\.1/1' }
            $lines | Should -Match 'PENDING\s+-\s+-\s+-\s+-'
            ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        }

        It 'exports to CSV with empty counts for an incomplete scan' {
            $csv = @(Get-IBScanHistory @Aws -Region eu-west-1 -ImagePipelineArn $WebEu | ConvertTo-Csv | ConvertFrom-Csv)
            $csv[0].High | Should -Be '2'
            $csv[1].High | Should -Be ''
        }

        It 'pipes into Compare-IBScanFinding: each build against the one before it' {
            $changes = @(Get-IBScanHistory @Aws -ImagePipelineArn $WebUs -Last 1 | Compare-IBScanFinding @Aws)
            $changes.ReferenceImageBuildVersionArn | Select-Object -Unique | Should -Be 'arn:aws:imagebuilder:us-east-1:111122223333:image/web-frontend-al2023/1.4.1/2'
            $changes.Change | Should -Contain 'Added'
        }
    }

    Context 'a long history' {
        BeforeAll {
            $script:Big = Start-GeneratedEmulator @('--accounts', '1', '--pipelines', '1', '--images-per-pipeline', '25', '--findings-per-image', '3', '--vulnerabilities', '20')
            $script:BigAws = $Big.Aws
            $script:BigPipeline = @((Invoke-RestMethod "$($Big.Url)/_emulator/data").images.imagePipelineArn | Select-Object -Unique)[0]
        }
        AfterAll { Stop-TestEmulator $script:Big }

        It 'asks the counts ten build ARNs a request and agrees with each build''s aggregation' {
            $history = @(Get-IBScanHistory @BigAws -ImagePipelineArn $BigPipeline)
            $history.Count | Should -Be 25
            Get-EmulatorRequestCount $Big ListImageScanFindingAggregations | Should -Be 3
            $dates = @($history.DateCreated)
            $dates | Should -Be @($dates | Sort-Object)
            foreach ($build in $history[0, 12, 24]) {
                $a = Get-IBScanFindingAggregation @BigAws -ImageBuildVersionArn $build.ImageBuildVersionArn
                @($build.Critical, $build.High, $build.Medium, $build.All) | Should -Be @($a.Critical, $a.High, $a.Medium, $a.All)
            }
        }
    }
}
