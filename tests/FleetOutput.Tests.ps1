#Requires -Version 7.4
# Pester 5. Issue 22, fleet output that cannot be misread and views: Region and AccountId in the default tables at
# 80 and 140 columns, the target on every object, an aggregation that an administrator's role and a member's role
# both return written once, labels unique across regions in the gate's message and the reports, the gate table
# at 80 columns, the finding table at 140, stable PSTypeNames and their views on Import-Clixml copies. Against the
# built module and an emulator serving the sample data (one version renamed 2025.2.0/12, one fix NotAvailable) whose
# delegated administrator is an account of no sample finding.

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    Import-Module (Get-BuiltModuleManifest) -Force -ErrorAction Stop
    $samples = (Get-Content (Join-Path $RepoRoot 'samples/findings.json') -Raw).Replace('windows-iis-2022/2025.1.0/3', 'windows-iis-2022/2025.2.0/12')
    $data = $samples | ConvertFrom-Json -AsHashtable
    $noFix = $data.findings | Where-Object { $_.imageBuildVersionArn -like '*batch-worker-ubuntu/3.3.0/1' } | Select-Object -First 1
    $noFix.packageVulnerabilityDetails.vulnerablePackages[0].fixedInVersion = 'NotAvailable'
    $script:NoFixId = $noFix.packageVulnerabilityDetails.vulnerabilityId
    $script:DataFile = Join-Path ([IO.Path]::GetTempPath()) "ibscan-fleet-output-$([guid]::NewGuid().ToString('N')).json"
    $data | ConvertTo-Json -Depth 20 | Set-Content $DataFile
    $script:Emulator = Start-TestEmulator -PageSize 25 -Data $DataFile -ExtraArgs '--admin-account', '999999999999'
    $script:Keys = @{ EndpointUrl = $Emulator.Url; AccessKey = $EmulatorAccessKey; SecretKey = $EmulatorSecretKey }
    $script:Regions = @('us-east-1', 'eu-west-1')
    $script:AdminRole = 'arn:aws:iam::999999999999:role/ScanAudit'
    $script:MemberRole = 'arn:aws:iam::444455556666:role/ScanAudit'
    $script:East = 'arn:aws:imagebuilder:us-east-1:111122223333:image/web-frontend-al2023/1.5.0/1'
    $script:West = 'arn:aws:imagebuilder:eu-west-1:111122223333:image/web-frontend-al2023/1.5.0/1'
    $script:Windows = 'arn:aws:imagebuilder:us-east-1:444455556666:image/windows-iis-2022/2025.2.0/12'
    $script:SavedSts = $env:AWS_ENDPOINT_URL_STS
    $env:AWS_ENDPOINT_URL_STS = $Emulator.Url
    $script:SavedRendering = $PSStyle.OutputRendering
    $PSStyle.OutputRendering = 'PlainText'

    function script:Lines([string] $Text) { @($Text -split "`r?`n") }
    function script:Wider([string] $Text, [int] $Width) { @(Lines $Text | Where-Object { $_.TrimEnd().Length -gt $Width }) }
    # A failed gate ends the statement like throw; its results were written before.
    function script:Invoke-Gate([hashtable] $Options) {
        try { Test-IBScanGate @Keys @Options -WarningAction SilentlyContinue } catch { if ($_.FullyQualifiedErrorId -notlike 'ScanGateFailed*') { throw } }
    }
    function script:Get-GateFailure([hashtable] $Options) { try { $null = Test-IBScanGate @Keys @Options -WarningAction SilentlyContinue; $null } catch { $_ } }
    function script:Get-ListLabels([string] $Text) { @(Lines $Text | ForEach-Object { if ($_ -match '^(\w+)\s*:') { $Matches[1] } }) }
    # The finding table's package column read back: its cell lines, from where its header starts, in order; a line
    # indented two spaces in the cell is the rest of the package above (TypeDataMembers.PackageIndent), any other
    # starts a package. Runs of spaces read as one (a cell padded to wrap at one width still reads whole at others).
    function script:Get-PackageColumn([string] $Text) {
        $rows = @(Lines $Text | Where-Object { $_.Trim() })
        $at = @($rows | Where-Object { $_ -cmatch '^Severity\s' })[0].IndexOf('Package')
        $packages = [System.Collections.Generic.List[string]]::new()
        foreach ($row in $rows) {
            if ($row -match '^\s*Image: ' -or $row -cmatch '^Severity\s' -or $row -match '^-+\s' -or $row.TrimEnd().Length -le $at) { continue }
            $cell = $row.Substring($at).TrimEnd()
            if ($cell.StartsWith('  ') -and $packages.Count -gt 0) { $packages[-1] += ' ' + $cell.Trim() } else { $packages.Add($cell.Trim()) }
        }
        @($packages | ForEach-Object { $_ -replace '\s+', ' ' })
    }
}

AfterAll {
    $PSStyle.OutputRendering = $SavedRendering
    if ($null -eq $SavedSts) { Remove-Item Env:AWS_ENDPOINT_URL_STS -ErrorAction SilentlyContinue } else { $env:AWS_ENDPOINT_URL_STS = $SavedSts }
    Stop-TestEmulator $Emulator
    Remove-Item $DataFile -ErrorAction SilentlyContinue
    Remove-Module ImageBuilderScan -ErrorAction SilentlyContinue
}

Describe 'Fleet output that cannot be misread' {
    Context 'Region and AccountId in the default aggregation table' {
        BeforeAll { $script:Fleet = @(Get-IBScanFindingAggregation @Keys -Region $Regions -ErrorAction Stop) }

        It 'has one account in two regions, with different counts (the case of the issue)' {
            @($Fleet | Where-Object AccountId -eq '111122223333').Count | Should -Be 2
            @($Fleet | Where-Object AccountId -eq '111122223333' | ForEach-Object All | Sort-Object -Unique).Count | Should -Be 2
        }

        It 'at <Width> columns shows every row''s region and account, each once, beside its counts' -ForEach @(@{ Width = 80 }, @{ Width = 140 }) {
            $text = $Fleet | Out-String -Width $Width
            Wider $text $Width | Should -BeNullOrEmpty
            $text | Should -Match '(?m)^\s*Crit\s+High\s+Med\s+Other\s+All\s+Region\s+AccountId\s+Key\s*$'
            $text | Should -Not -Match '…'
            foreach ($a in $Fleet) {
                # The account's id once: the Key column leaves an account aggregation's key to the AccountId column.
                $row = @(Lines $text | Where-Object { $_ -match "\s$($a.Region)\s+$($a.AccountId)" })
                $row.Count | Should -Be 1 -Because "one row for $($a.AccountId) in $($a.Region)"
                $row[0] | Should -Match "^\s+$($a.Critical)\s+$($a.High)\s+$($a.Medium)\s+$($a.Other)\s+$($a.All)\s+$($a.Region)\s+$($a.AccountId)\s*$"
            }
        }

        It 'at 80 columns an image key keeps its whole version, wrapped at the space' {
            # One query names the builds of one region (a request is signed for one).
            $images = @(Get-IBScanFindingAggregation @Keys -Region us-east-1 -ImageBuildVersionArn $East, $Windows -ErrorAction Stop) +
                @(Get-IBScanFindingAggregation @Keys -Region eu-west-1 -ImageBuildVersionArn $West -ErrorAction Stop)
            $images.Count | Should -Be 3
            $text = $images | Out-String -Width 80
            Wider $text 80 | Should -BeNullOrEmpty
            $text | Should -Match '(?m)\s2025\.2\.0/12\s*$'
            $text | Should -Match '(?m)^\s+1\.5\.0/1\s*$'
            # Wider, each key is on one line.
            (($images | Out-String -Width 140) -split "`n" | Where-Object { $_ -match 'windows-iis-2022\s+2025\.2\.0/12\s*$' }).Count | Should -Be 1
            @(Lines $text | Where-Object { $_ -match '\seu-west-1\s+111122223333\s' }).Count | Should -Be 1
        }
    }

    Context 'the target that produced each object' {
        It 'every aggregation and finding of a fan-out names its region and role, and a single call its region' {
            $fleet = @(Get-IBScanFindingAggregation @Keys -Region $Regions -RoleArn $MemberRole -ErrorAction Stop)
            $fleet.Count | Should -BeGreaterThan 0
            $fleet | ForEach-Object { $_.Target | Should -Be "$($_.Region) / $MemberRole" }
            $findings = @(Get-IBScanFinding @Keys -Region $Regions -RoleArn $MemberRole -ErrorAction Stop)
            $findings.Count | Should -BeGreaterThan 0
            $findings | ForEach-Object { $_.Target | Should -Be "us-east-1 / $MemberRole" }
            (Get-IBScanFindingAggregation @Keys -Region eu-west-1 -ErrorAction Stop)[0].Target | Should -Be 'eu-west-1'
            ($fleet[0] | Format-List | Out-String -Width 200) | Should -Match "(?m)^Target\s+: $([regex]::Escape("us-east-1 / $MemberRole"))"
        }

        It 'the gate''s results name the target that judged them' {
            $results = @(Invoke-Gate @{ Region = $Regions; ImageBuildVersionArn = $East, $West; FailOn = 'CRITICAL' })
            ($results | Sort-Object Region | ForEach-Object Target) | Should -Be @('eu-west-1', 'us-east-1')
        }

        It 'an aggregation the administrator''s role and the member''s role both return is written once, and -Verbose names both roles' {
            $records = @(Get-IBScanFindingAggregation @Keys -Region us-east-1 -RoleArn $AdminRole, $MemberRole -ThrottleLimit 1 -Verbose -WarningVariable warned -ErrorAction Stop 4>&1)
            $out = @($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            # The administrator sees both member accounts; the member's own aggregation is not written again.
            ($out | ForEach-Object { "$($_.AccountId) $($_.All)" } | Sort-Object) | Should -Be @('111122223333 18', '444455556666 14')
            @($out | Where-Object AccountId -eq '444455556666').Count | Should -Be 1
            $said = @($verbose | Where-Object { $_ -like '*444455556666*written once*' })
            $said.Count | Should -Be 1
            $said[0] | Should -BeLike "*us-east-1 / $AdminRole*"
            $said[0] | Should -BeLike "*us-east-1 / $MemberRole*"
            $warned.Count | Should -Be 0
            ($out | Measure-Object All -Sum).Sum | Should -Be 32 -Because 'a sum over the output counts every finding once'
        }
        It 'a finding both roles return is written once too, so counting findings counts each once' {
            $records = @(Get-IBScanFinding @Keys -Region us-east-1 -RoleArn $AdminRole, $MemberRole -ThrottleLimit 1 -Verbose -WarningVariable warned -ErrorAction Stop 4>&1)
            $out = @($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            $out.Count | Should -Be 32 -Because 'the aggregations count 32 findings over both accounts, each listed once'
            @($out | Group-Object { "$($_.ImageBuildVersionArn) $($_.VulnerabilityId) $($_.PackageName)" } | Where-Object Count -gt 1).Count | Should -Be 0
            $said = @($verbose | Where-Object { $_ -like 'The finding *444455556666*written once*' })
            $said.Count | Should -Be 14 -Because 'each of the member account''s 14 findings came from both roles'
            $warned.Count | Should -Be 0
        }
    }

    Context 'labels unique across regions' {
        It 'the gate''s message tells the same build name in two regions apart' {
            $failure = Get-GateFailure @{ Region = $Regions; ImageBuildVersionArn = $East, $West; FailOn = 'HIGH' }
            "$failure" | Should -BeLike '*web-frontend-al2023 1.5.0/1 (us-east-1): FAILED*'
            "$failure" | Should -BeLike '*web-frontend-al2023 1.5.0/1 (eu-west-1): FAILED*'
        }

        It 'JUnit testsuites and Markdown rows of the same build name in two regions are distinct' {
            $results = @(Invoke-Gate @{ Region = $Regions; ImageBuildVersionArn = $East, $West; FailOn = 'CRITICAL' })
            $results.Count | Should -Be 2
            $junit = Join-Path $TestDrive 'scan.xml'
            $markdown = Join-Path $TestDrive 'scan.md'
            $results | Export-IBScanReport JUnit $junit
            $results | Export-IBScanReport Markdown $markdown
            @(([xml](Get-Content $junit -Raw)).testsuites.testsuite.name | Sort-Object) | Should -Be @('web-frontend-al2023 1.5.0/1 (eu-west-1)', 'web-frontend-al2023 1.5.0/1 (us-east-1)')
            $rows = @(Get-Content $markdown | Where-Object { $_ -like '| web-frontend-al2023 1.5.0/1 *' })
            $rows.Count | Should -Be 2
            ($rows -join "`n") | Should -BeLike '*(us-east-1)*(eu-west-1)*'
        }
    }
}

Describe 'Views and reports' {
    It 'the gate table at 80 columns keeps the Summary, the whole version, and the region and account' {
        $result = Invoke-Gate @{ ImageBuildVersionArn = $Windows; Region = 'us-east-1'; FailOn = 'CRITICAL' }
        $result.Passed | Should -BeFalse
        $text = $result | Out-String -Width 80
        Wider $text 80 | Should -BeNullOrEmpty
        $text | Should -Match '(?m)^Result\s+Image\s+Region/Account\s+Crit\s+High\s+Summary\s*$'
        $text | Should -Match '(?m)\s2025\.2\.0/12\s'
        $text | Should -Match '(?m)\s444455556666\s'
        $text | Should -Match '(?m)\sus-east-1\s'
        # Every word of the summary whole (PowerShell wraps by character; the cell is laid out to wrap between words).
        foreach ($word in @($result.Summary -split ' ')) { $text | Should -Match "(?<=\s)$([regex]::Escape($word))(?=\s)" }
    }

    It 'the gate table keeps every word of a long summary whole at <_> columns (79: the last column of an 80-column console)' -ForEach 79, 80, 100, 120, 140 {
        # A summary that takes several lines at 80 columns (a failed scan's reason): padded for Out-String -Width 80, it
        # had words split at 100 and 120 columns and on an 80-column console.
        $result = Invoke-Gate @{ ImageBuildVersionArn = 'arn:aws:imagebuilder:us-east-1:444455556666:image/batch-worker-ubuntu/3.4.0/1'; Region = 'us-east-1' }
        $result.Summary.Length | Should -BeGreaterThan 100
        $text = $result | Out-String -Width $_
        Wider $text $_ | Should -BeNullOrEmpty
        # The Summary column read back, line by line from where its header starts: the summary's words, each whole.
        $rows = @(Lines $text | Where-Object { $_.Trim() })
        $at = ($rows | Where-Object { $_ -cmatch '^Result\s' }).IndexOf('Summary')
        $cells = @($rows | Select-Object -Skip 2 | Where-Object { $_.Length -gt $at } | ForEach-Object { $_.Substring($at) })
        @(($cells -join ' ') -split '\s+' | Where-Object { $_ }) | Should -Be @($result.Summary -split ' ')
    }

    It 'the finding table at 140 columns keeps every package line whole, and a fix NotAvailable reads as none' {
        $all = @(Get-IBScanFinding @Keys -Region $Regions -ErrorAction Stop)
        $text = $all | Out-String -Width 140
        Wider $text 140 | Should -BeNullOrEmpty
        $single = @($all | Where-Object { $_.VulnerablePackages.Count -le 1 })
        $single.Count | Should -BeGreaterThan 0
        @($single | Where-Object FixedInVersion -eq 'NotAvailable').Count | Should -BeGreaterThan 0 -Because 'the sample has findings without a fix'
        $column = Get-PackageColumn $text
        foreach ($f in $single) {
            $fix = if ($f.FixedInVersion -eq 'NotAvailable') { 'none' } else { $f.FixedInVersion }
            $column | Should -Contain "$($f.PackageName) $($f.InstalledVersion) -> $fix" -Because "$($f.VulnerabilityId) $($f.PackageName) reads whole at 140 columns"
        }
        $text | Should -Not -Match 'NotAvailable'
        @(Lines $text | Where-Object { $_ -match "^\S.*$([regex]::Escape($NoFixId))\s" }).Count | Should -BeGreaterThan 0
        @($column | Where-Object { $_ -like '* -> none' }).Count | Should -BeGreaterThan 0
    }

    It 'the finding table keeps every package whole, one a line, at <_> columns (79: the last column of an 80-column console)' -ForEach 79, 80, 100, 120, 140, 200 {
        # Padded to wrap at Out-String -Width 80's 40 columns, a package longer than that had its version split at 79,
        # 100 and 120 columns ('-> 8.3.0-1.amzn2023.' then '0.2'); line breaks between its parts hold at every width.
        $all = @(Get-IBScanFinding @Keys -Region us-east-1 -ErrorAction Stop)
        $rows = @(Get-IBScanFinding @Keys -Region us-east-1 -ExpandPackage -ErrorAction Stop | Where-Object PackageName)
        @($rows | Where-Object { "$($_.PackageName) $($_.InstalledVersion) -> $($_.FixedInVersion)".Length -gt 60 }).Count |
            Should -BeGreaterThan 0 -Because 'the sample has packages longer than the column at 100 columns'
        $text = $all | Out-String -Width $_
        Wider $text $_ | Should -BeNullOrEmpty
        $expected = @($rows | ForEach-Object { "$($_.PackageName) $($_.InstalledVersion) -> $(if ($_.FixedInVersion -in $null, '', 'NotAvailable') { 'none' } else { $_.FixedInVersion })" })
        Get-PackageColumn $text | Should -Be $expected
    }

    It 'Markdown keeps ids and versions greppable and reads a fix NotAvailable as none' {
        $findings = @(Get-IBScanFinding @Keys -VulnerabilityId $NoFixId -Region us-east-1 -ErrorAction Stop)
        $path = Join-Path $TestDrive 'nofix.md'
        $findings | Export-IBScanReport Markdown $path -FailOn LOW
        $raw = Get-Content $path -Raw
        $raw | Should -Match ([regex]::Escape($NoFixId))
        $raw | Should -Not -Match 'NotAvailable'
        $raw | Should -Match '\| none \|'
    }
}

Describe 'Stable type names, for live objects and their copies' {
    BeforeAll {
        $script:Live = @{
            'ImageBuilderScan.ScanFindingAggregation' = @(Get-IBScanFindingAggregation @Keys -Region us-east-1 -ImageBuildVersionArn $East -ErrorAction Stop)
            'ImageBuilderScan.ScanFinding'            = @(Get-IBScanFinding @Keys -Region us-east-1 -ImageBuildVersionArn $East -ErrorAction Stop)
            'ImageBuilderScan.GateResult'             = @(Invoke-Gate @{ Region = 'us-east-1'; ImageBuildVersionArn = $East; FailOn = 'CRITICAL' })
        }
    }

    It '<_> is the first type name of what the command writes, without the internal layer names' -ForEach @('ImageBuilderScan.ScanFindingAggregation', 'ImageBuilderScan.ScanFinding', 'ImageBuilderScan.GateResult') {
        $Live[$_].Count | Should -BeGreaterThan 0
        foreach ($o in $Live[$_]) {
            $o.PSTypeNames[0] | Should -Be $_
            $o -is ([type]$_) | Should -BeTrue -Because 'the type accelerator of the same name names the type'
        }
    }

    It 'an Import-Clixml copy of <_> is Deserialized.<_> and shows the same table and list' -ForEach @('ImageBuilderScan.ScanFindingAggregation', 'ImageBuilderScan.ScanFinding') {
        $path = Join-Path $TestDrive "copy-$_.clixml"
        $Live[$_] | Export-Clixml -LiteralPath $path
        $copies = @(Import-Clixml -LiteralPath $path)
        $copies[0].PSTypeNames[0] | Should -Be "Deserialized.$_"
        ($copies | Out-String -Width 140) | Should -Be ($Live[$_] | Out-String -Width 140)
        # The same list view: the same labels in the same order (a list's text may print differently in a copy).
        Get-ListLabels ($copies | Format-List | Out-String -Width 200) | Should -Be (Get-ListLabels ($Live[$_] | Format-List | Out-String -Width 200))
        Get-ListLabels ($copies | Format-List | Out-String -Width 200) | Should -Contain 'Target'
    }
}
