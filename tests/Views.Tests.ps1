#Requires -Version 7.4
# Pester 5. What users see: the format views at 80 and 140 columns, and every vulnerable package in
# the table, the list and CSV (issue 13, points 6 and 7). Against the built module and an emulator
# serving the sample data with a three-package finding and one long image name added.

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    Import-Module (Get-BuiltModuleManifest) -Force -ErrorAction Stop
    $script:LongName = 'windows-iis-2022-datacenter-core-hardened-for-payments'
    $samples = Get-Content (Join-Path $RepoRoot 'samples/findings.json') -Raw
    $data = $samples.Replace('windows-iis-2022', $LongName) | ConvertFrom-Json -AsHashtable
    $log4j = $data.findings | Where-Object { $_.packageVulnerabilityDetails.vulnerabilityId -eq 'CVE-2021-44228' } | Select-Object -First 1
    $core = $log4j.packageVulnerabilityDetails.vulnerablePackages[0]
    $api = $core.Clone(); $api.name = 'log4j-api'
    $web = $core.Clone(); $web.name = 'log4j-web'; $web.fixedInVersion = '2.16.0-1.amzn2023.0.1'
    $log4j.packageVulnerabilityDetails.vulnerablePackages = @($core, $api, $web)
    $script:DataFile = Join-Path ([IO.Path]::GetTempPath()) "ibscan-views-$([guid]::NewGuid().ToString('N')).json"
    $data | ConvertTo-Json -Depth 20 | Set-Content $DataFile
    $script:Emulator = Start-TestEmulator -PageSize 25 -Data $DataFile
    $script:Aws = $Emulator.Aws
    $script:All = @(Get-IBScanFinding @Aws -ErrorAction Stop)
    $script:Multi = @($All | Where-Object { $_.VulnerablePackages.Count -gt 1 })
    $script:SavedRendering = $PSStyle.OutputRendering
    $PSStyle.OutputRendering = 'PlainText'

    function script:Lines([string] $Text) { @($Text -split "`r?`n") }
    function script:Wider([string] $Text, [int] $Width) { @(Lines $Text | Where-Object { $_.TrimEnd().Length -gt $Width }) }
}

AfterAll {
    $PSStyle.OutputRendering = $SavedRendering
    Stop-TestEmulator $Emulator
    Remove-Item $DataFile -ErrorAction SilentlyContinue
    Remove-Module ImageBuilderScan -ErrorAction SilentlyContinue
}

Describe 'Views' {
    It 'has the data the checks need' {
        $Multi.Count | Should -Be 1
        $Multi[0].VulnerablePackages.Name | Should -Be @('log4j-core', 'log4j-api', 'log4j-web')
        $Multi[0].PackageName | Should -Be 'log4j-core'
        # The same vulnerability and package on two images: two rows that must be told apart.
        @($All | Where-Object VulnerabilityId -eq 'CVE-2023-44487' | ForEach-Object ImageBuildVersionArn | Sort-Object -Unique).Count | Should -Be 2
    }

    Context 'the finding table' {
        It 'at 80 columns shows every fixed-in and installed version whole, and no line is wider' {
            $text = $All | Out-String -Width 80
            Wider $text 80 | Should -BeNullOrEmpty
            foreach ($f in $All) {
                foreach ($p in $f.VulnerablePackages) {
                    $text | Should -Match ([regex]::Escape($p.FixedInVersion))
                    $text | Should -Match ([regex]::Escape($p.Version))
                }
            }
            # The case of the issue: '1.25.10-5.amz…' twice, so the fix was invisible.
            $text | Should -Match '1\.25\.10-5\.amzn2023\.0\.1'
            # The row wraps at a space where the column is too narrow: the arrow may end a line, the fix begins the next.
            $text | Should -Match '->\s+1\.25\.10-5\.amzn2023\.0\.3'
            $text | Should -Not -Match '…'
        }

        It 'at 80 columns tells apart the same vulnerability on two images (grouped by image, with the score)' {
            $same = @($All | Where-Object VulnerabilityId -eq 'CVE-2023-44487')
            $text = $same | Out-String -Width 80
            foreach ($f in $same) {
                $name, $version, $build = ($f.ImageBuildVersionArn -split ':image/')[1] -split '/'
                $text | Should -Match "(?m)^\s*Image: $([regex]::Escape("$name $version/$build"))\s+$($f.AccountId) us-east-1\s*$"
            }
            @(Lines $text | Where-Object { $_ -match '^\S.*CVE-2023-44487' }).Count | Should -Be 2
            @(Lines $text | Where-Object { $_ -match "CVE-2023-44487\s+$([regex]::Escape("$($same[0].InspectorScore)"))\s" }).Count | Should -Be 2
        }

        It 'shows every package of a finding, one line each, at 80 and 140 columns' {
            foreach ($width in 80, 140) {
                $text = $Multi | Out-String -Width $width
                foreach ($p in $Multi[0].VulnerablePackages) {
                    $text | Should -Match "(?m)\s$([regex]::Escape($p.Name)) $([regex]::Escape($p.Version))(\s+->|\s*$)"
                    $text | Should -Match "->\s+$([regex]::Escape($p.FixedInVersion))"
                }
            }
        }

        It 'shows a package as FindingRow reads it, also in a copy: a package without a version shows none (no bare release or epoch)' {
            $path = Join-Path $TestDrive 'multi.clixml'
            $Multi[0] | Export-Clixml -LiteralPath $path
            $copy = Import-Clixml -LiteralPath $path
            $copy.VulnerablePackages[1].Version = $null
            $copy.VulnerablePackages[1].Release = '1.el9'
            $copy.VulnerablePackages[1].Epoch = 2
            $text = $copy | Out-String -Width 140
            $text | Should -Match '(?m)\slog4j-api -> 2\.15\.0\s*$'
            $text | Should -Not -Match '1\.el9'
            $text | Should -Match "(?m)\slog4j-core $([regex]::Escape($Multi[0].VulnerablePackages[0].Version)) -> 2\.15\.0\s*$"
        }

        It 'at 140 columns keeps a short package on one line and cuts nothing' {
            $text = $All | Out-String -Width 140
            Wider $text 140 | Should -BeNullOrEmpty
            $text | Should -Match '(?m)^Severity\s+VulnerabilityId\s+Score\s+Package Installed -> FixedIn\s*$'
            # A short package line stays on one line, beside its severity and id.
            $text | Should -Match '(?m)^CRITICAL\s+CVE-2021-44228\s+10 log4j-core 2\.14\.1 -> 2\.15\.0\s*$'
            # The package column has no width: it takes the rest, so nothing is cut.
            $text | Should -Not -Match '…'
            foreach ($f in $All) { $text | Should -Match ([regex]::Escape($f.FixedInVersion)) }
        }
    }

    Context 'every package in the list view, CSV and -ExpandPackage (issue 13, point 6)' {
        It 'lists every package in Format-List' {
            $text = $Multi | Format-List | Out-String -Width 100
            foreach ($p in $Multi[0].VulnerablePackages) { $text | Should -Match "(?m)^\s*(VulnerablePackages\s*:\s*)?$([regex]::Escape($p.Name)) " }
        }

        It 'writes every package into the VulnerablePackages cell of CSV' {
            $row = $Multi | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
            foreach ($p in $Multi[0].VulnerablePackages) { $row.VulnerablePackages | Should -Match ([regex]::Escape("$($p.Name) $($p.Version) (fixed in $($p.FixedInVersion))")) }
        }

        It '-ExpandPackage writes one object per (finding, package), the package lifted, for spreadsheets' {
            $rows = @(Get-IBScanFinding @Aws -VulnerabilityId CVE-2021-44228 -ExpandPackage)
            $rows.Count | Should -Be 3
            $rows.PackageName | Should -Be @('log4j-core', 'log4j-api', 'log4j-web')
            $rows.FixedInVersion | Should -Be @('2.15.0', '2.15.0', '2.16.0-1.amzn2023.0.1')
            $rows | ForEach-Object { $_.VulnerablePackages.Count | Should -Be 1; $_.VulnerabilityId | Should -Be 'CVE-2021-44228' }
            $csv = @($rows | Select-Object VulnerabilityId, PackageName, InstalledVersion, FixedInVersion | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv)
            $csv.PackageName | Should -Be @('log4j-core', 'log4j-api', 'log4j-web')
            # Every finding with one package stays one row.
            @(Get-IBScanFinding @Aws -ExpandPackage).Count | Should -Be ($All.Count + 2)
        }
    }

    Context 'the aggregation table (issue 13, point 7)' {
        BeforeAll {
            $script:Images = @($All.ImageBuildVersionArn | Sort-Object -Unique | Get-IBScanFindingAggregation @Aws)
            $script:Long = $Images | Where-Object ImageName -eq $LongName | Select-Object -First 1
        }

        It 'at 80 columns keeps every count and the whole key, even a long one' {
            $Long | Should -Not -BeNullOrEmpty
            $text = $Images | Out-String -Width 80
            Wider $text 80 | Should -BeNullOrEmpty
            $text | Should -Match '(?m)^\s*Crit\s+High\s+Med\s+Other\s+All\s+Region\s+AccountId\s+Key'
            $text | Should -Not -Match '…'
            # A key too long for the column wraps: joined again, it is whole, version and build included.
            $keyColumn = (Lines $text | Where-Object { $_ -match '^\s*Crit\s' } | Select-Object -First 1).IndexOf('Key')
            $joined = (Lines $text | Where-Object { $_.Length -gt $keyColumn } | ForEach-Object { $_.Substring($keyColumn).TrimEnd() -replace '\s+\d{12}$', '' }) -join ''
            $joined | Should -Match "$([regex]::Escape($LongName))\s*$([regex]::Escape("$($Long.ImageVersion)/$($Long.ImageBuild)"))"
            foreach ($a in $Images) { $text | Should -Match "(?m)^\s+$($a.Critical)\s+$($a.High)\s+$($a.Medium)\s+$($a.Other)\s+$($a.All) " }
        }

        It 'keeps every word of every key whole at <_> columns (79: the last column of an 80-column console)' -ForEach 79, 80, 100, 120, 140 {
            # Padded for Out-String -Width 80 (Fit), a key was split inside its name on a real 80-column console, whose
            # last column is one narrower, and a long name's version was split at 120 columns.
            @($Images | Where-Object { "$($_.ImageName) $($_.ImageVersion)/$($_.ImageBuild)".Length -gt 19 }).Count |
                Should -BeGreaterThan 0 -Because 'the sample has keys longer than the column at 80 columns'
            $text = $Images | Out-String -Width $_
            Wider $text $_ | Should -BeNullOrEmpty
            # The Key column read back, line by line from where its header starts: every key's words, each whole.
            $rows = @(Lines $text | Where-Object { $_.Trim() })
            $header = [array]::FindIndex([string[]] $rows, [Predicate[string]] { param($r) $r -cmatch '^\s*Crit\s' })
            $at = $rows[$header].IndexOf('Key')
            $cells = @($rows | Select-Object -Skip ($header + 2) | Where-Object { $_.Length -gt $at } | ForEach-Object { $_.Substring($at) })
            $tokens = @(($cells -join ' ') -split '\s+' | Where-Object { $_ })
            # A word that fits the column is whole on one line; one longer than the column (the long image name, at
            # narrow widths) has a line of its own that PowerShell splits by character, with nothing else on it.
            $width = $_ - $at
            $i = 0
            foreach ($word in @($Images | ForEach-Object { "$($_.ImageName) $($_.ImageVersion)/$($_.ImageBuild)" -split ' ' })) {
                if ($word.Length -le $width) { $tokens[$i++] | Should -BeExactly $word; continue }
                $joined = ''
                while ($joined.Length -lt $word.Length -and $i -lt $tokens.Count) { $joined += $tokens[$i++] }
                $joined | Should -BeExactly $word
            }
            $i | Should -Be $tokens.Count
            # And where the column holds a whole key, it reads on one line: a row each, as at 120 columns and up (but for a
            # name longer than the 80-column layout's 20, which a line break follows at every width).
            foreach ($key in @($Images | Where-Object { $_.ImageName.Length -le 20 } | ForEach-Object { "$($_.ImageName) $($_.ImageVersion)/$($_.ImageBuild)" } | Where-Object Length -le $width)) {
                @($cells | ForEach-Object TrimEnd) | Should -Contain $key
            }
        }

        It 'at 140 columns gives the key the rest of the width: a long key on one line with its account' {
            $text = $Images | Out-String -Width 140
            Wider $text 140 | Should -BeNullOrEmpty
            $text | Should -Match "(?m)^\s+$($Long.Critical)\s+$($Long.High)\s+$($Long.Medium)\s+$($Long.Other)\s+$($Long.All) $($Long.Region)\s+$($Long.AccountId) $([regex]::Escape($LongName))\s+$([regex]::Escape("$($Long.ImageVersion)/$($Long.ImageBuild)"))\s*$"
            $text | Should -Match '(?m)^\s*Aggregated by: Image\s*$'
        }
    }

    Context 'a count the service did not send' {
        BeforeAll {
            # The model requires no member of severityCounts: the client keeps one left out as $null. Made here from a real
            # aggregation (its record copy, the count's internal setter), as the client makes it from such an answer.
            $source = $Images | Where-Object { $_.Critical -gt 0 } | Select-Object -First 1
            $script:Unknown = $source.'<Clone>$'()
            $Unknown.GetType().GetProperty('Critical').SetValue($Unknown, $null)
            $script:Entry = [ImageBuilderScan.BuildHistoryEntry]@{
                ImagePipelineArn = 'arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web'; PipelineName = 'web'
                ImageBuildVersionArn = $source.Key; ImageName = 'web'; ImageVersion = '1.0.0'; BuildNumber = 1; ScanStatus = 'COMPLETED'
                ScanComplete = $true; Critical = $null; High = 1; Medium = 2; All = 5; Region = 'us-east-1'; AccountId = '111122223333'
            }
        }

        It 'is $null, and Other with it: never 0, and Where-Object over the counts still works' {
            $Unknown.Critical | Should -BeNullOrEmpty
            $Unknown.Other | Should -BeNullOrEmpty
            $Unknown.All | Should -BeGreaterThan 0
            @($Unknown | Where-Object { $_.Critical -gt 0 }).Count | Should -Be 0
            @($Unknown | Where-Object { $_.High -ge 0 }).Count | Should -Be 1
        }

        It 'shows as ? in the aggregation table and as unknown in the list, never as 0' {
            $row = Lines ($Unknown | Out-String -Width 80) | Where-Object { $_ -match [regex]::Escape($Unknown.Region) } | Select-Object -First 1
            $row | Should -Match "^\s+\?\s+$($Unknown.High)\s+$($Unknown.Medium)\s+\?\s+$($Unknown.All) "
            $list = $Unknown | Format-List | Out-String
            $list | Should -Match '(?m)^Critical\s+: unknown \(not sent\)\s*$'
            $list | Should -Match '(?m)^Other\s+: unknown \(not sent\)\s*$'
            $list | Should -Match "(?m)^All\s+: $($Unknown.All)\s*$"
        }

        It 'shows as ? in the history table of a completed scan, beside the counts that were sent' {
            $row = Lines ($Entry | Out-String -Width 80) | Where-Object { $_ -match 'COMPLETED' } | Select-Object -First 1
            $row | Should -Match 'COMPLETED\s+\?\s+1\s+2\s+5\s*$'
        }
    }
}
