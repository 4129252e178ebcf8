#Requires -Version 7.4
# Pester 5. Every documented example (README.md, en-US/*.md and the about topic) runs against the built module
# and a local emulator, and what it prints or stores is checked against what its text says (issue 13,
# points 1 and 16). A new example without a check here fails 'every example is accounted for'.
#
# How an example is run, as written except for what this file names per example:
#   - the AWS parameters it does not pass come from $PSDefaultParameterValues (the emulator's);
#   - Vars = variables it expects to exist ($pipelineArn, $env:IMAGE_ARN), set from the sample data;
#   - Replace = literal values that have no data in the emulator (the help's example ARNs), swapped
#     for sample ones, and 'exit 1' (which would end the test run) for a throw.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')

    # The powershell blocks of README.md (split at '# title' comment lines) and of en-US/*.md (one per '### Example').
    function Get-DocumentedExample {
        foreach ($file in @(Join-Path $RepoRoot 'README.md') + @(Get-ChildItem (Join-Path $RepoRoot 'en-US') -Filter '*.md' | Sort-Object Name | ForEach-Object FullName)) {
            $name = Split-Path $file -Leaf
            $heading = ''; $counts = @{}; $inBlock = $false; $lines = @()
            foreach ($line in Get-Content $file) {
                if (-not $inBlock -and $line -match '^#{2,3} (.+)$') { $heading = $Matches[1].Trim(); continue }
                if (-not $inBlock -and $line -match '^```powershell\s*$') { $inBlock = $true; $lines = @(); continue }
                if ($inBlock -and $line -match '^```\s*$') {
                    $inBlock = $false
                    if ($name -eq 'README.md' -and $lines[0] -match '^# ') {
                        $title = $null; $code = @()
                        foreach ($l in $lines + '# end') {
                            if ($l -match '^# (.+)$') {
                                if ($title) { @{ Id = "${name}: $title"; Code = ($code -join "`n").Trim() } }
                                $title = $Matches[1]; $code = @()
                            }
                            else { $code += $l }
                        }
                    }
                    else {
                        $counts[$heading] = 1 + [int]$counts[$heading]
                        $id = if ($name -eq 'README.md') { "${name}: $heading #$($counts[$heading])" } else { "${name}: $heading" }
                        @{ Id = $id; Code = ($lines -join "`n").Trim() }
                    }
                    continue
                }
                if ($inBlock) { $lines += $line }
            }
        }
    }

    # The about topic is plain text, so its examples are found by their layout and the parser: a block of lines
    # indented deeper than the topic's prose (6 spaces or more, ended by a blank or shallower line) that calls one of
    # the module's cmdlets, unless it is one of the topic's two-column lists (a term, two or more spaces, then its
    # description). Named by section ('about_ImageBuilderScan.help.txt: PAGING'; a further one in a section #2, #3).
    function Get-AboutExample {
        $file = Join-Path $RepoRoot 'en-US/about_ImageBuilderScan.help.txt'
        $cmdlets = (Import-PowerShellDataFile (Join-Path $RepoRoot 'ImageBuilderScan.psd1')).CmdletsToExport
        $name = Split-Path $file -Leaf
        $section = ''; $counts = @{}; $block = [System.Collections.Generic.List[string]]::new()
        foreach ($line in @(Get-Content $file) + '') {
            if ($line -match '^ {0,2}([A-Z][A-Z ]+)$') { $section = $Matches[1].Trim() }
            if ($line -match '^ {6}') { $block.Add($line); continue }
            if ($block.Count -eq 0) { continue }
            $indent = ($block | ForEach-Object { $_.Length - $_.TrimStart().Length } | Measure-Object -Minimum).Minimum
            $code = ($block | ForEach-Object { $_.Substring($indent) }) -join "`n"
            $block.Clear()
            if (($code -split "`n")[0] -match '^\S+(?: \S+)* {2,}[^\s#]') { continue }   # a list: term, gap, description
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref]$null, [ref]$null)
            $calls = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.GetCommandName() }
            if (-not @($calls | Where-Object { $_ -in $cmdlets })) { continue }
            $counts[$section] = 1 + [int]$counts[$section]
            @{ Id = "${name}: $section$(if ($counts[$section] -gt 1) { " #$($counts[$section])" })"; Code = $code }
        }
    }

    $script:Examples = @(Get-DocumentedExample) + @(Get-AboutExample)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.GateTestHelpers.ps1')
    Set-SampleBuildVariable
    $script:Manifest = Get-BuiltModuleManifest
    Import-Module $Manifest -Force -ErrorAction Stop
    # The administrator is an account of no sample finding, so each member account's role sees only its own (the fleet examples).
    $script:Emulator = Start-TestEmulator -PageSize 2 -ExtraArgs '--admin-account', '999999999999'
    $script:Aws = $Emulator.Aws
    $script:All = @(Get-IBScanFinding @Aws -ErrorAction Stop)
    # The fleet examples: both sample regions, roles assumed at the emulator's STS.
    $env:AWS_ENDPOINT_URL_STS = $Emulator.Url
    $script:Roles = @('arn:aws:iam::111122223333:role/ScanAudit', 'arn:aws:iam::444455556666:role/ScanAudit')
    $euAws = $Aws.Clone(); $euAws.Region = 'eu-west-1'
    $script:FleetFindings = @($All) + @(Get-IBScanFinding @euAws -ErrorAction Stop)
    # "region account all" per account aggregation the two sample regions yield, by region then account.
    $script:FleetRows = @($FleetFindings | Group-Object { $_.Region }, AccountId | ForEach-Object { "$($_.Values[0]) $($_.Values[1]) $($_.Count)" } | Sort-Object)
    # A pipeline with several images, an image with critical findings, one without.
    $script:Pipeline = $All | Group-Object ImagePipelineArn | Where-Object { @($_.Group.ImageBuildVersionArn | Sort-Object -Unique).Count -gt 1 } |
        Sort-Object Count -Descending | Select-Object -First 1 -ExpandProperty Name
    $script:CriticalImage = $All | Where-Object Severity -eq 'CRITICAL' | Select-Object -First 1 -ExpandProperty ImageBuildVersionArn
    $script:CleanImage = $All | Group-Object ImageBuildVersionArn | Where-Object { -not ($_.Group | Where-Object Severity -eq 'CRITICAL') } |
        Select-Object -First 1 -ExpandProperty Name
    $script:FixableImage = $All | Where-Object FixAvailable -eq 'YES' | Group-Object ImageBuildVersionArn | Sort-Object Count -Descending |
        Select-Object -First 1 -ExpandProperty Name
    $script:Typo = 'arn:aws:imagebuilder:us-east-1:111122223333:image/web-frontend-al2023/9.9.9/9'   # the shape of an ARN, no such image
    $script:HelpImage = 'arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.3/4'
    $script:WebPipeline = 'arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend-al2023'   # three builds
    $script:HelpPipeline = 'arn:aws:imagebuilder:eu-west-1:123456789012:image-pipeline/web-server'

    # The by-hand quick start (README and about topic): the emulator started in the background, the cmdlets against it.
    $ByHand = @{
        ByHand = $true
        Check  = { param($r)
            $r.Thrown | Should -BeNullOrEmpty
            $accounts = @($r.Output | Where-Object { $_.PSTypeNames[0] -eq 'ImageBuilderScan.ScanFindingAggregation' })
            $accounts.Count | Should -Be 2 -Because 'the two sample accounts'' counts'
            ($accounts | Measure-Object All -Sum).Sum | Should -Be $All.Count
            # Kill() signals the process; it is gone a moment later, not at once (seen under load).
            $r.Variables['emulator'].WaitForExit(10000) | Should -BeTrue -Because 'the last line stops it'
            (Get-Content $r.Variables['log'] -Raw) | Should -Match 'listening on'
        }
    }

    # What each example says it does. Run: the example's code (as text) -> @{ Output; Thrown; Variables; Text }.
    $script:Checks = [ordered]@{
        'README.md: Install #1' = @{
            Replace = @{ './build.ps1                       # or: dotnet build src/ImageBuilderScan -c Release' = '# (built already: the suite runs against that build)' }
            Check   = { param($r) $r.Thrown | Should -BeNullOrEmpty; (Get-Command -Module ImageBuilderScan).Name | Sort-Object | Should -Be @('Compare-IBScanFinding', 'Export-IBScanReport', 'Get-IBScanFinding', 'Get-IBScanFindingAggregation', 'Get-IBScanHistory', 'Test-IBScanGate') }
        }
        'README.md: Install #2' = @{
            # Installing by name is tested in InstallByName.Tests.ps1: published to a local file repository, installed
            # with Install-PSResource into a fresh user scope, imported by name, one listing against the emulator.
            NotRun = 'Install-PSResource from the PowerShell Gallery needs the network, which the test run does not reach (InstallByName.Tests.ps1 installs by name from a local repository)'
        }
        'README.md: Quick start / Demo #1' = @{
            NotRun = 'build.ps1 -Task Demo builds the whole solution (the assemblies this run is using) and then runs Start-TestEmulator and the cmdlets, which this suite does'
        }
        # Point 1: the by-hand path, as written, from the repository root (the built emulator, port 0: nothing built, no port race).
        'README.md: Quick start / Demo #2' = $ByHand
        'about_ImageBuilderScan.help.txt: TRYING IT WITHOUT AWS' = $ByHand
        'README.md: Triage: the worst images of a pipeline first*' = @{
            Vars = @{ pipelineArn = { $Pipeline } }
            Check  = { param($r)
                $images = @($All | Where-Object ImagePipelineArn -eq $Pipeline | ForEach-Object ImageBuildVersionArn | Sort-Object -Unique)
                $r.Output.Count | Should -Be $images.Count
                $r.Output.Kind | ForEach-Object { "$_" } | Sort-Object -Unique | Should -Be 'Image'
                @($r.Output.Key | Sort-Object) | Should -Be $images
                $r.Output.Critical | Should -Be @($r.Output.Critical | Sort-Object -Descending)
            }
        }
        'README.md: CI check*' = @{
            Cases = @(
                @{ Image = { $CriticalImage }; Throws = 'Critical findings in' }
                @{ Image = { $Typo }; Throws = 'No scan result for' }
                @{ Image = { $CleanImage }; Throws = $null }
            )
        }
        'README.md: Drill down from a count to the findings behind it' = @{
            Check = { param($r)
                $behind = @($All | Where-Object VulnerabilityId -eq 'CVE-2023-44487')
                $behind.Count | Should -BeGreaterThan 1
                foreach ($f in $behind) { $r.Text | Should -Match ([regex]::Escape($f.FixedInVersion)) }
                $r.Text | Should -Match 'Severity\s+PackageName\s+InstalledVersion\s+FixedInVersion'
            }
        }
        'README.md: Export, one row per vulnerable package*' = @{
            InTestDrive = $true
            Check = { param($r)
                $rows = @(Import-Csv (Join-Path $TestDrive 'findings.csv'))
                $rows.Count | Should -Be @($All | Where-Object Severity -in 'CRITICAL', 'HIGH' | ForEach-Object { [Math]::Max(1, $_.VulnerablePackages.Count) } | Measure-Object -Sum).Sum
                ($rows.Severity | Sort-Object -Unique) | Should -Be @('CRITICAL', 'HIGH')
                $rows[0].PSObject.Properties.Name | Should -Contain 'VulnerablePackages'
            }
        }
        'README.md: Weekly report*' = @{
            InTestDrive = $true
            Vars    = @{ pipelineArn = { $WebPipeline } }
            Replace = @{ 'Compare-IBScanFinding -ErrorAction' = 'Compare-IBScanFinding @Aws -ErrorAction' }   # its AWS parameters are not Get-IBScan*'s defaults
            Check   = { param($r) Assert-HistoryReport (Join-Path $TestDrive 'weekly-scan-report.html') 3 -Changes }
        }
        'Get-IBScanHistory.md: Example 1: *' = @{
            Check = { param($r)
                @($r.Output.ImageVersion) | Should -Be @('1.4.0', '1.4.1', '1.5.0')
                $r.Text | Should -Match '1\.4\.0/1\s+AVAILABLE\s+COMPLETED\s+1\s+3\s+2\s+6'
            }
        }
        'Get-IBScanHistory.md: Example 2: *' = @{
            InTestDrive = $true
            Check = { param($r) Assert-HistoryReport (Join-Path $TestDrive 'web-frontend-weekly.html') 3 }
        }
        'Get-IBScanHistory.md: Example 3: *' = @{
            InTestDrive = $true
            Check = { param($r)
                $rows = @(Import-Csv (Join-Path $TestDrive 'history.csv'))
                @($rows.ImageVersion) | Should -Be @('1.4.0', '1.4.1', '1.5.0')
                @($rows.High) | Should -Be @('3', '0', '2')
            }
        }
        'Get-IBScanHistory.md: Example 4: *' = @{
            Replace = @{ 'Compare-IBScanFinding -ErrorAction' = 'Compare-IBScanFinding @Aws -ErrorAction' }   # its AWS parameters are not Get-IBScan*'s defaults
            Check   = { param($r)
                $r.Text | Should -Match 'CVE-2024-12797'
                $r.Text | Should -Match 'Fixed'
            }
        }
        'README.md: One page at a time*' = @{
            Check = { param($r) $r.Variables['page'].Count | Should -Be $All.Count; $r.Variables['next'] | Should -BeNullOrEmpty }
        }
        'Get-IBScanFinding.md: Example 1: Interactive triage of one image' = @{
            Replace = @{ $HelpImage = { $FixableImage } }
            Check   = { param($r)
                $fixable = @($All | Where-Object { $_.ImageBuildVersionArn -eq $FixableImage -and $_.FixAvailable -eq 'YES' } | Sort-Object InspectorScore -Descending)
                $fixable.Count | Should -BeGreaterThan 1
                $shown = @($fixable | ForEach-Object { [pscustomobject]@{ At = $r.Text.IndexOf($_.VulnerabilityId); Score = $_.InspectorScore } })
                $shown.At | Should -Not -Contain -1
                $scores = @($shown | Sort-Object At | ForEach-Object Score)
                $scores | Should -Be @($scores | Sort-Object -Descending) -Because 'highest Inspector score first'
                foreach ($f in $fixable) { $r.Text | Should -Match ([regex]::Escape("-> $($f.FixedInVersion)")) }
            }
        }
        'Get-IBScanFinding.md: Example 2: A CI gate that fails the job on critical findings' = @{
            Replace = @{ 'exit 1' = 'throw ''exit 1''' }
            Cases   = @(
                @{ Image = { $CriticalImage }; Throws = 'exit 1' }
                @{ Image = { $Typo }; Throws = 'No findings for' }
                @{ Image = { $CleanImage }; Throws = $null }
            )
        }
        'Get-IBScanFinding.md: Example 3: Export every critical and high finding to CSV, one row per package' = @{
            InTestDrive = $true
            Check = { param($r)
                $rows = @(Import-Csv (Join-Path $TestDrive 'findings.csv'))
                $rows.Count | Should -Be @($All | Where-Object Severity -in 'CRITICAL', 'HIGH').Count   # one package each in the sample data
                $rows[0].PSObject.Properties.Name | Should -Be @('Severity', 'VulnerabilityId', 'PackageName', 'InstalledVersion', 'FixedInVersion', 'InspectorScore', 'ImageBuildVersionArn')
            }
        }
        'Get-IBScanFinding.md: Example 4: Drill down from aggregations to the findings behind them' = @{
            Vars = @{ pipelineArn = { $Pipeline } }
            Check  = { param($r)
                $expected = @($All | Where-Object { $_.ImagePipelineArn -eq $Pipeline -and $_.Severity -eq 'CRITICAL' })
                $expected.Count | Should -BeGreaterThan 0
                @($r.Output | ForEach-Object VulnerabilityId | Sort-Object) | Should -Be @($expected.VulnerabilityId | Sort-Object)
                # The help's text: the pipeline's one aggregation, drilled into by its pipeline ARN.
                @(Get-IBScanFindingAggregation @Aws -ImagePipelineArn $Pipeline | ForEach-Object { "$($_.Kind)" }) | Should -Be @('ImagePipeline')
            }
        }
        'Get-IBScanFinding.md: Example 5: One page at a time' = @{
            Check = { param($r) $r.Variables['findings'].Count | Should -Be $All.Count; $r.Variables['next'] | Should -BeNullOrEmpty }
        }
        'Get-IBScanFindingAggregation.md: Example 1: Interactive triage: which images of a pipeline have critical findings' = @{
            Replace = @{ $HelpPipeline = { $Pipeline }; '-Region eu-west-1' = '-Region us-east-1' }
            Check   = { param($r)
                $images = @($All | Where-Object ImagePipelineArn -eq $Pipeline | ForEach-Object ImageBuildVersionArn | Sort-Object -Unique)
                @($r.Output.Key | Sort-Object) | Should -Be $images
                $r.Output.Kind | ForEach-Object { "$_" } | Sort-Object -Unique | Should -Be 'Image'
                $r.Output.Critical | Should -Be @($r.Output.Critical | Sort-Object -Descending)
                $first = $r.Output[0]
                ($r.Output | Out-String -Width 120) | Should -Match ([regex]::Escape("$($first.ImageName) $($first.ImageVersion)/$($first.ImageBuild)"))
            }
        }
        'Get-IBScanFindingAggregation.md: Example 2: A CI gate that fails on critical findings' = @{
            # As written (its own ARN has no data: the issue's "a typo passes"), then with images of the sample data.
            Cases = @(
                @{ Literal = $true; Throws = 'No scan result for image' }
                @{ Replace = @{ $HelpImage = { $CriticalImage } }; Throws = 'has critical findings' }
                @{ Replace = @{ $HelpImage = { $CleanImage } }; Throws = $null }
            )
        }
        'Get-IBScanFindingAggregation.md: Example 3: Export the counts of every account to CSV' = @{
            InTestDrive = $true
            Check = { param($r)
                $rows = @(Import-Csv (Join-Path $TestDrive 'scan-counts.csv'))
                $rows.Count | Should -Be 2
                ($rows | ForEach-Object { [int]$_.All } | Measure-Object -Sum).Sum | Should -Be $All.Count
            }
        }
        'Get-IBScanFindingAggregation.md: Example 4: Drill down from an aggregation to the findings behind it' = @{
            Check = { param($r)
                $behind = @($All | Where-Object VulnerabilityId -eq 'CVE-2023-44487')
                foreach ($f in $behind) { ($r.Output | Out-String -Width 300) | Should -Match ([regex]::Escape($f.ImageBuildVersionArn)) }
            }
        }
        'Get-IBScanFindingAggregation.md: Example 5: One page at a time' = @{
            Check = { param($r) @($r.Variables['page'].Key | Sort-Object) | Should -Be @('CVE-2023-44487', 'CVE-2024-6387'); $r.Variables['next'] | Should -BeNullOrEmpty }
        }
        # The fleet examples (help and README): both sample regions, a region without data, member accounts by role.
        'Get-IBScanFindingAggregation.md: Example 7: Every region of a list in one call' = @{ Check = { param($r) Assert-FleetRegions $r } }
        'README.md: Fleet: every region of a list in one call' = @{ Check = { param($r) Assert-FleetRegions $r } }
        'Get-IBScanFindingAggregation.md: Example 8: An organisation''s member accounts, from a file of role ARNs' = @{
            InTestDrive = $true; Setup = { Set-Content ./roles.txt $Roles }; Check = { param($r) Assert-FleetRoles $r }
        }
        'README.md: Fleet: an organisation''s member accounts, one role ARN per line of roles.txt' = @{
            InTestDrive = $true; Setup = { Set-Content ./roles.txt $Roles }; Check = { param($r) Assert-FleetRoles $r }
        }
        'Get-IBScanFindingAggregation.md: Example 9: Critical and high counts per region' = @{
            Check = { param($r)
                $r.Output.Count | Should -Be 2
                foreach ($row in $r.Output) {
                    $in = @($FleetFindings | Where-Object Region -eq $row.Region)
                    $row.Accounts | Should -Be @($in.AccountId | Sort-Object -Unique).Count
                    $row.Critical | Should -Be @($in | Where-Object Severity -eq 'CRITICAL').Count
                    $row.High | Should -Be @($in | Where-Object Severity -eq 'HIGH').Count
                }
                @($r.Output.Region | Sort-Object) | Should -Be @('eu-west-1', 'us-east-1')
            }
        }
        'README.md: Fleet: findings per region and severity' = @{
            Check = { param($r)
                $expected = @($FleetFindings | Group-Object Region, Severity -NoElement | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Count)" })
                @($r.Output | ForEach-Object { "$($_.Name)=$($_.Count)" }) | Should -Be $expected
                @($r.Output.Name | Where-Object { $_ -like 'eu-west-1,*' }).Count | Should -BeGreaterThan 0
            }
        }
        # The about topic's examples.
        'about_ImageBuilderScan.help.txt: PAGING' = @{
            Check = { param($r)
                @($r.Variables['items']).Count | Should -Be $All.Count
                @($r.Variables['items'] | ForEach-Object { "$($_.ImageBuildVersionArn) $($_.VulnerabilityId)" } | Sort-Object) |
                    Should -Be @($All | ForEach-Object { "$($_.ImageBuildVersionArn) $($_.VulnerabilityId)" } | Sort-Object)
                $r.Variables['next'] | Should -BeNullOrEmpty
            }
        }
        'about_ImageBuilderScan.help.txt: PIPELINE INPUT' = @{
            Vars  = @{ p = { $Pipeline } }
            Check = { param($r)
                # Each finding's image, each image once.
                @($r.Output.Key | Sort-Object) | Should -Be @($All | Where-Object ImagePipelineArn -eq $Pipeline | ForEach-Object ImageBuildVersionArn | Sort-Object -Unique)
                $r.Output.Kind | ForEach-Object { "$_" } | Sort-Object -Unique | Should -Be 'Image'
            }
        }
        'about_ImageBuilderScan.help.txt: FLEET' = @{
            Check = { param($r)
                @($r.Output.Name) | Sort-Object | Should -Be @('eu-west-1', 'us-east-1')
                foreach ($group in $r.Output) { ($group.Group | Measure-Object All -Sum).Sum | Should -Be @($FleetFindings | Where-Object Region -eq $group.Name).Count }
            }
        }
        'about_ImageBuilderScan.help.txt: HISTORY' = @{
            InTestDrive = $true
            Vars  = @{ pipeline = { $WebPipeline } }
            Check = { param($r) Assert-HistoryReport (Join-Path $TestDrive 'weekly.html') 3 }
        }
        'about_ImageBuilderScan.help.txt: THE SCAN GATE' = @{
            # A CI step: run as written by pwsh -File (it owns the exit code), beside the sample exceptions file, with
            # the emulator's endpoint and keys in the environment. Exit 0, 1 or 2 as the text says, and 1 for what
            # PowerShell refuses before the gate runs (a misspelled parameter name).
            ChildPwsh = @(
                @{ Image = { $Web141 }; Exit = 0 }
                @{ Image = { $Web150 }; Exit = 1 }
                @{ Image = { $Scanning }; Exit = 2 }
                @{ Image = { $Web141 }; Exit = 1; Replace = @{ '-ExceptionPath' = '-ExceptonPath' } }
            )
        }
        # The decision cmdlets' examples end scripts (a failed gate throws) and write files: each suite runs
        # them as written in a real pwsh -File process and checks the exit code and what they leave.
        'Test-IBScanGate.md: Example *' = @{
            NotRun = 'run as written in a real pwsh -File, exit code and output checked, by tests/Test-IBScanGate.Tests.ps1 (help examples)'
        }
        'Compare-IBScanFinding.md: Example *' = @{
            NotRun = 'run as written in a real pwsh -File, exit code and output checked, by tests/Compare-IBScanFinding.Tests.ps1 (help examples)'
        }
        'Export-IBScanReport.md: Example *' = @{
            NotRun = 'run as written in a real pwsh -File, exit code and the files written checked, by tests/Export-IBScanReport.Tests.ps1 (help examples)'
        }
        'Get-IBScanFindingAggregation.md: Example 6: Try it without an AWS account, against the local emulator' = @{
            Replace = @{ 'http://127.0.0.1:5000' = { $Emulator.Url } }
            Check   = { param($r) @($r.Output).Count | Should -Be 2; ($r.Output | Measure-Object All -Sum).Sum | Should -Be $All.Count }
        }
    }

    # An HTML history report of the sample pipeline: self-contained, a trend with a mark per build and severity.
    function Assert-HistoryReport([string] $Path, [int] $Builds, [switch] $Changes) {
        $html = Get-Content $Path -Raw
        $html | Should -Match 'Content-Security-Policy'
        $html | Should -Not -Match '<script'
        ([regex]::Matches($html, '<circle class="sev-')).Count | Should -Be ($Builds * 3)
        if ($Changes) { $html | Should -Match 'id="table-changes"' }
    }
    # Every account aggregation of both regions once, the region without data giving nothing.
    function Assert-FleetRegions($r) {
        @($r.Output | ForEach-Object { "$($_.Region) $($_.AccountId) $($_.All)" }) | Should -Be $FleetRows
        @($r.Output.Region | Sort-Object -Unique) | Should -Be @('eu-west-1', 'us-east-1')
    }

    # Each role sees its own account only: the same rows (not each account once per role), by account then region.
    function Assert-FleetRoles($r) {
        $expected = @($FleetRows | ForEach-Object { $region, $account, $all = $_ -split ' '; "$account $region $all" } | Sort-Object)
        @($r.Output | ForEach-Object { "$($_.AccountId) $($_.Region) $($_.All)" }) | Should -Be $expected
    }

    function Find-Check([string] $Id) { @($Checks.Keys | Where-Object { $Id -like $_ }) }

    function Resolve([object] $Value) { if ($Value -is [scriptblock]) { & $Value } else { $Value } }

    function Invoke-Example([string] $Code, [hashtable] $Values = @{}, [hashtable] $Replace = @{}) {
        foreach ($key in $Replace.Keys) { $Code = $Code.Replace($key, (Resolve $Replace[$key])) }
        foreach ($key in $Values.Keys) { Set-Variable -Name $key -Value (Resolve $Values[$key]) }
        # The examples' own AWS parameters win; those they leave out point at the emulator.
        $PSDefaultParameterValues = @{
            'Get-IBScan*:EndpointUrl' = $Emulator.Url; 'Get-IBScan*:Region' = 'us-east-1'
            'Get-IBScan*:AccessKey' = $EmulatorAccessKey; 'Get-IBScan*:SecretKey' = $EmulatorSecretKey
        }
        $__thrown = $null
        $__output = try { @(. ([scriptblock]::Create($Code))) } catch { $__thrown = $_; @() }
        $__variables = @{}
        foreach ($v in Get-Variable -Scope 0) { $__variables[$v.Name] = $v.Value }
        [pscustomobject]@{ Output = $__output; Thrown = $__thrown; Variables = $__variables; Text = ($__output | Out-String -Width 200) }
    }
}

AfterAll {
    Stop-TestEmulator $script:Emulator
    Remove-Item Env:IMAGE_ARN -ErrorAction SilentlyContinue
    Remove-Item Env:AWS_ENDPOINT_URL_STS -ErrorAction SilentlyContinue
}

Describe 'Documented examples' {
    It 'finds the examples of README.md and every help file' {
        $Examples.Count | Should -BeGreaterOrEqual 19
        @($Examples | Where-Object { $_.Id -like 'README.md*' }).Count | Should -BeGreaterOrEqual 8
        @($Examples | Where-Object { $_.Id -like 'about_*' }).Count | Should -BeGreaterOrEqual 6
    }

    It 'every example is accounted for by exactly one check: <Id>' -ForEach $Examples {
        $found = @(Find-Check $Id)
        $found.Count | Should -Be 1 -Because "each documented example needs a check in tests/Examples.Tests.ps1 ($Id)"
        if ($Checks[$found[0]].NotRun) { $Checks[$found[0]].NotRun | Should -Match '.{40}' -Because 'an example left out says why' }
    }

    It 'runs as documented and does what it says: <Id>' -ForEach $Examples {
        $check = $Checks[@(Find-Check $Id)[0]]
        if ($check.NotRun) { return }   # accounted for above, with its reason
        $saved = Get-Location
        try {
            if ($check.InTestDrive) { Set-Location $TestDrive } else { Set-Location $RepoRoot }
            if ($check.Setup) { & $check.Setup }   # files an example reads (roles.txt)
            if ($check.ByHand) {
                # The README's by-hand quick start, as written, from the repository root: the built emulator on port 0.
                $r = Invoke-Example $Code
                try { & $check.Check $r }
                finally {
                    $e = $r.Variables['emulator']
                    if ($e -and -not $e.HasExited) { $e.Kill($true) }
                    foreach ($f in "$($r.Variables['log'])", "$($r.Variables['log']).err") { if ($f) { Remove-Item $f -ErrorAction SilentlyContinue } }
                }
                return
            }
            if ($check.ChildPwsh) {
                foreach ($case in $check.ChildPwsh) {
                    $work = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('n'))"
                    $null = New-Item -ItemType Directory $work
                    Copy-Item (Join-Path $RepoRoot 'samples/scan-exceptions.yaml') $work
                    $script = Join-Path $work 'step.ps1'
                    $text = $Code
                    if ($case.Replace) { foreach ($key in $case.Replace.Keys) { $text = $text.Replace($key, $case.Replace[$key]) } }
                    Set-Content $script $text
                    $environment = Get-EmulatorEnvironment $Emulator
                    $environment.IMAGE_ARN = Resolve $case.Image
                    $run = Invoke-ChildPwsh $script $environment $work
                    $run.ExitCode | Should -Be $case.Exit -Because "$Id for $($environment.IMAGE_ARN) $($case.Replace.Values): $($run.Output)"
                }
                return
            }
            if ($check.Cases) {
                foreach ($case in $check.Cases) {
                    if ($case.Image) { $env:IMAGE_ARN = Resolve $case.Image }
                    $replace = @{} + $(if ($check.Replace) { $check.Replace } else { @{} }) + $(if ($case.Replace) { $case.Replace } else { @{} })
                    $r = Invoke-Example $Code -Replace $replace
                    if ($case.Throws) { "$($r.Thrown)" | Should -Match ([regex]::Escape($case.Throws)) -Because "$Id with $($env:IMAGE_ARN) $($case.Replace.Values)" }
                    else { $r.Thrown | Should -BeNullOrEmpty -Because "$Id passes for an image without critical findings" }
                }
                return
            }
            $values = if ($check.Vars) { $check.Vars } else { @{} }
            $replace = if ($check.Replace) { $check.Replace } else { @{} }
            $r = Invoke-Example $Code -Values $values -Replace $replace
            $r.Thrown | Should -BeNullOrEmpty
            & $check.Check $r
        }
        finally { Set-Location $saved }
    }
}
