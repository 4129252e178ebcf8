#Requires -Version 7.4
# Pester 5. Export-IBScanReport against the built module and the sample data set: SARIF, JUnit
# (validated against the reference XSD) and Markdown, from gate results and from findings.

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.GateTestHelpers.ps1')
    Initialize-EmulatorSuite
    Set-SampleBuildVariable
    $script:Samples = Join-Path $script:RepoRoot 'samples/scan-exceptions.yaml'
    $script:Gate = @(try { Test-IBScanGate @Aws -ImageBuildVersionArn $Web141, $Web150 -ExceptionPath (Join-Path $script:RepoRoot 'samples/scan-exceptions.yaml') } catch { })
    $script:Findings = @(Get-IBScanFinding @Aws -ImageBuildVersionArn $Web150)
    $junitXsd = Join-Path $script:RepoRoot '../shared/reference/junit/JUnit.xsd'
    if (-not (Test-Path $junitXsd)) { $junitXsd = '/work/shared/reference/junit/JUnit.xsd' }
    $script:JUnitXsd = $junitXsd
    function script:Test-JUnitSchema {
        param([string] $Path)
        $settings = [System.Xml.XmlReaderSettings]::new()
        $null = $settings.Schemas.Add($null, $script:JUnitXsd)
        $settings.ValidationType = [System.Xml.ValidationType]::Schema
        $problems = [System.Collections.Generic.List[string]]::new()
        $settings.add_ValidationEventHandler({ param($s, $e) $problems.Add($e.Message) })
        $reader = [System.Xml.XmlReader]::Create($Path, $settings)
        try { while ($reader.Read()) { } } finally { $reader.Dispose() }
        , $problems.ToArray()
    }
}

AfterAll { Stop-EmulatorSuite }

Describe 'Export-IBScanReport' {
    Context 'formats' {
        It 'the gate results: two images, one failed' {
            $Gate | Should -HaveCount 2
            @($Gate | Where-Object Passed).Count | Should -Be 1
        }

        It 'SARIF from gate results: rules, levels, locations, fingerprints' {
            $path = Join-Path $TestDrive 'gate.sarif'
            $Gate | Export-IBScanReport -Format Sarif -Path $path -ArtifactPath 'recipes/{image}.yml'
            $sarif = Get-Content $path -Raw | ConvertFrom-Json
            $sarif.version | Should -Be '2.1.0'
            $sarif.'$schema' | Should -Match 'sarif'
            $run = $sarif.runs[0]
            $rule = $run.tool.driver.rules | Where-Object id -eq 'CVE-2024-12797'
            $rule.properties.'security-severity' | Should -Not -BeNullOrEmpty
            $result = $run.results | Where-Object ruleId -eq 'CVE-2024-12797'
            $result.level | Should -Be 'error'
            $result.locations[0].physicalLocation.artifactLocation.uri | Should -Be 'recipes/web-frontend-al2023.yml'
            $result.partialFingerprints.'imageBuilderScanFinding/v2' | Should -Match '^[0-9a-f]{64}$'
            $again = Join-Path $TestDrive 'again.sarif'
            $Gate | Export-IBScanReport Sarif $again -ArtifactPath 'recipes/{image}.yml'
            $fingerprints = { param($r) @($r.results | ForEach-Object { $_.partialFingerprints.'imageBuilderScanFinding/v2' }) }
            $first = & $fingerprints $run
            $first | Should -HaveCount 5
            & $fingerprints (Get-Content $again -Raw | ConvertFrom-Json).runs[0] | Should -Be $first
        }

        It 'JUnit from gate results is valid against the XSD: a suite per image, failures and skipped' {
            $path = Join-Path $TestDrive 'gate.xml'
            $Gate | Export-IBScanReport -Format JUnit -Path $path
            Test-JUnitSchema $path | Should -BeNullOrEmpty
            $suites = ([xml](Get-Content $path -Raw)).testsuites.testsuite
            $suites | Should -HaveCount 2
            $failed = $suites | Where-Object name -eq 'web-frontend-al2023 1.5.0/1'
            [int]$failed.failures | Should -Be 2
            ($failed.testcase | Where-Object { $_.failure }).name | Should -Contain 'CVE-2024-12797 openssl-libs'
        }

        It 'JUnit shows a suppressed finding as skipped with its reason' {
            $path = Join-Path $TestDrive 'suppressed.xml'
            $web = @(try { Test-IBScanGate @Aws -ImageBuildVersionArn 'arn:aws:imagebuilder:us-east-1:111122223333:image/web-frontend-al2023/1.4.0/1' -ExceptionPath $Samples } catch { })
            $web | Export-IBScanReport JUnit $path
            Test-JUnitSchema $path | Should -BeNullOrEmpty
            $skipped = ([xml](Get-Content $path -Raw)).testsuites.testsuite.testcase | Where-Object { $_.skipped }
            $skipped.name | Should -Be 'CVE-2024-6387 openssh-server'
            $skipped.skipped.message | Should -BeLike 'sshd is not started*'
        }

        It 'Markdown from gate results: verdict and a counts table' {
            $path = Join-Path $TestDrive 'gate.md'
            $Gate | Export-IBScanReport -Format Markdown -Path $path
            $text = Get-Content $path -Raw
            $text | Should -Match '\*\*FAILED\*\*: 1 of 2 images'
            $text | Should -Match '\| Image \| Verdict \|'
        }

        It 'a report of gate results says what the gate decided and did not write: an upstream error (<Format>)' -ForEach @(
            @{ Format = 'Markdown'; Says = 'NOT JUDGED.*Get-Content' }
            @{ Format = 'JUnit'; Says = '<error [^>]*Get-Content' }
            @{ Format = 'Sarif'; Says = '"executionSuccessful": false' }
        ) {
            $list = Join-Path $TestDrive 'arns.txt'
            Set-Content $list $Web141
            $gate = $null
            try { Get-Content $list, (Join-Path $TestDrive 'missing.txt') -ErrorAction SilentlyContinue | Test-IBScanGate @Aws -OutVariable gate -ErrorAction SilentlyContinue } catch { }
            @($gate).Count | Should -Be 1 -Because 'the one build read was judged and written; the error is the run''s'
            $gate[0].Passed | Should -BeTrue
            $path = Join-Path $TestDrive "upstream-error.$Format"
            $gate | Export-IBScanReport -Format $Format -Path $path
            Get-Content $path -Raw | Should -Match $Says
            if ($Format -eq 'JUnit') { Test-JUnitSchema $path | Should -BeNullOrEmpty }
        }

        It 'findings: those at or above -FailOn are failures' {
            $path = Join-Path $TestDrive 'findings.xml'
            $Findings | Export-IBScanReport JUnit $path -FailOn CRITICAL
            Test-JUnitSchema $path | Should -BeNullOrEmpty
            [int](([xml](Get-Content $path -Raw)).testsuites.testsuite.failures) | Should -Be 0
            $Findings | Export-IBScanReport JUnit $path -FailOn HIGH
            [int](([xml](Get-Content $path -Raw)).testsuites.testsuite.failures) | Should -Be 2
            $sarif = Join-Path $TestDrive 'findings.sarif'
            $Findings | Export-IBScanReport Sarif $sarif
            @((Get-Content $sarif -Raw | ConvertFrom-Json).runs[0].results) | Should -HaveCount 2
        }
    }

    Context 'files' {
        It 'overwrites by default and -NoClobber refuses an existing file, naming it and leaving it untouched' {
            $path = Join-Path $TestDrive 'exists.md'
            Set-Content $path 'earlier'
            $Gate | Export-IBScanReport Markdown $path
            Get-Content $path -Raw | Should -Match 'ImageBuilderScan'
            Set-Content $path 'earlier'
            $e = $null
            try { $Gate | Export-IBScanReport Markdown $path -NoClobber } catch { $e = $_ }
            $e.FullyQualifiedErrorId | Should -BeLike 'ReportFileExists,*'
            $e.Exception.Message | Should -BeLike "*exists.md*"
            (Get-Content $path -Raw).Trim() | Should -Be 'earlier'
        }

        It '-PassThru writes the FileInfo' {
            $file = $Gate | Export-IBScanReport Sarif (Join-Path $TestDrive 'pass.sarif') -PassThru
            $file | Should -BeOfType [System.IO.FileInfo]
            $file.FullName | Should -Exist
        }

        It 'findings and gate results mixed are refused, and no file is written' {
            $path = Join-Path $TestDrive 'mixed.xml'
            { @($Findings[0]) + $Gate | Export-IBScanReport JUnit $path } | Should -Throw -ErrorId 'InvalidInput,*'
            $path | Should -Not -Exist
        }

        It 'objects that are neither are errors, and no report is written' {
            $path = Join-Path $TestDrive 'other.md'
            { Get-Item $TestDrive | Export-IBScanReport Markdown $path -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'IncompleteReportInput,*'
            $path | Should -Not -Exist
        }

        It 'a path that is not a regular file (<Kind>) is refused naming -Path and left as it was' -ForEach @(
            @{ Kind = 'symbolic link' }
            @{ Kind = 'FIFO'; Skip = $IsWindows }
        ) {
            $folder = Join-Path $TestDrive "odd-$($Kind -replace ' ')"
            $null = New-Item -ItemType Directory $folder
            $path = Join-Path $folder 'report.md'
            $target = Join-Path $folder 'elsewhere.md'
            Set-Content $target 'elsewhere'
            if ($Kind -eq 'FIFO') { & mkfifo $path } else { $null = New-Item -ItemType SymbolicLink $path -Target $target }
            $e = $null
            try { $Gate | Export-IBScanReport Markdown -Path $path } catch { $e = $_ }
            $e.Exception.Message | Should -BeLike "Path:*$Kind*"
            $item = Get-Item $path -Force
            # UnixMode shows a FIFO as '-': test -p asks the file system.
            if ($Kind -eq 'FIFO') { & test -p $path; $LASTEXITCODE | Should -Be 0 -Because 'it is still a FIFO' } else { $item.LinkTarget | Should -Be $target }
            Get-Content $target | Should -Be 'elsewhere'
            @(Get-ChildItem $folder -Force) | Should -HaveCount 2
        }

        It 'a run that fails upstream leaves no file and the old one untouched' {
            $path = Join-Path $TestDrive 'stopped.sarif'
            Set-Content $path 'old'
            { $Gate | ForEach-Object { $_; throw 'upstream failed' } | Export-IBScanReport Sarif $path } | Should -Throw
            (Get-Content $path -Raw).Trim() | Should -Be 'old'
            @(Get-ChildItem $TestDrive -Filter '*.tmp*') | Should -HaveCount 0
            $fresh = Join-Path $TestDrive 'never.sarif'
            { $Gate | ForEach-Object { $_; throw 'upstream failed' } | Export-IBScanReport Sarif $fresh } | Should -Throw
            $fresh | Should -Not -Exist
        }
    }

    Context 'documentation runs as written' {
        It 'every help example exits as its text says and writes its report' {
            $summary = Join-Path $TestDrive 'Export-IBScanReport-examples/summary.md'
            $run = Invoke-HelpExampleCheck 'Export-IBScanReport' -Expected @{ 1 = 1; 2 = 0; 3 = 0; 4 = 0 } -ImageArn $Web150 -Environment @{ GITHUB_STEP_SUMMARY = $summary }
            $work = $run.Work
            foreach ($file in 'imagebuilder.sarif', 'scan-results.xml', 'summary.md', 'findings.sarif') { Join-Path $work $file | Should -Exist }
            $again = Invoke-ChildPwsh (Join-Path $work 'example4.ps1') $run.Environment $work
            $again.ExitCode | Should -Be 0
            $again.Output | Should -Match 'Kept the earlier report'
        }
    }
    Context 'Html' {
        BeforeAll {
            $script:HtmlDir = Join-Path ([System.IO.Path]::GetTempPath()) "ibscan-html-$PID"
            $null = New-Item -ItemType Directory -Force $script:HtmlDir
            # The report parses as XML (it is written well-formed): the questions below are asked of that tree.
            function script:Read-HtmlReport {
                param([string] $Path)
                $settings = [System.Xml.XmlReaderSettings]::new()
                $settings.DtdProcessing = [System.Xml.DtdProcessing]::Ignore
                $reader = [System.Xml.XmlReader]::Create($Path, $settings)
                try { $doc = [System.Xml.XmlDocument]::new(); $doc.Load($reader) } finally { $reader.Dispose() }
                $ns = [System.Xml.XmlNamespaceManager]::new($doc.NameTable)
                $ns.AddNamespace('h', 'http://www.w3.org/1999/xhtml')
                $ns.AddNamespace('s', 'http://www.w3.org/2000/svg')
                @{ Doc = $doc; Ns = $ns }
            }
        }
        AfterAll { Remove-Item $script:HtmlDir -Recurse -Force -ErrorAction SilentlyContinue }

        It 'makes one self-contained file from gate results, comparisons and history together' {
            $path = Join-Path $HtmlDir 'all.html'
            $pipeline = 'arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend-al2023'
            $changes = @(Compare-IBScanFinding @Aws -DifferenceImageBuildVersionArn $Web150)
            $history = @(Get-IBScanHistory @Aws -ImagePipelineArn $pipeline)
            $file = @($Gate) + $changes + $history | Export-IBScanReport -Format Html -Path $path -PassThru
            $file.FullName | Should -Be $path
            $html = Get-Content $path -Raw
            $html | Should -Not -Match '<script|<link|<img|<iframe|\ssrc='
            $r = Read-HtmlReport $path
            $r.Doc.SelectSingleNode('//h:meta[@http-equiv="Content-Security-Policy"]', $r.Ns).GetAttribute('content') | Should -BeLike "default-src 'none';*script-src 'none'*"
            $r.Doc.SelectNodes('//s:svg[contains(@class,"bars")]//s:rect[@data-severity]', $r.Ns).Count | Should -Be ($Gate.Count * 4)
            $circles = $r.Doc.SelectNodes('//s:svg[contains(@class,"trend")]//s:circle[@data-severity]', $r.Ns)
            $circles.Count | Should -Be (@($history | Where-Object ScanComplete).Count * 3)
            foreach ($build in $history) {
                $cells = @($r.Doc.SelectNodes("//h:table[@id='table-history-1']//h:tr[@data-build='$($build.ImageBuildVersionArn)']/h:td[@data-severity]", $r.Ns) | ForEach-Object InnerText)
                $cells | Should -Be @("$($build.Critical)", "$($build.High)", "$($build.Medium)", "$($build.All)")
            }
            @($r.Doc.SelectNodes('//h:table[@id="table-changes"]//h:tr[@data-change]', $r.Ns)).Count | Should -Be $changes.Count
            $r.Doc.SelectSingleNode('//h:p[@id="verdict"]', $r.Ns).InnerText | Should -Match '^(PASSED|FAILED): '
        }

        It 'makes a report from findings alone' {
            $path = Join-Path $HtmlDir 'findings.html'
            $Findings | Export-IBScanReport -Format Html -Path $path
            $r = Read-HtmlReport $path
            $r.Doc.SelectNodes('//h:table[@id="table-all"]//h:tbody/h:tr', $r.Ns).Count | Should -BeGreaterOrEqual $Findings.Count
            $r.Doc.SelectNodes('//h:a[@href]', $r.Ns) | ForEach-Object { $_.GetAttribute('href') | Should -Match '^https?://' }
        }

        It 'draws a build whose scan did not complete without counts' {
            $path = Join-Path $HtmlDir 'pending.html'
            Get-IBScanHistory @Aws -Region eu-west-1 -ImagePipelineArn 'arn:aws:imagebuilder:eu-west-1:111122223333:image-pipeline/web-frontend-al2023' |
                Export-IBScanReport -Format Html -Path $path
            $r = Read-HtmlReport $path
            $pending = 'arn:aws:imagebuilder:eu-west-1:111122223333:image/web-frontend-al2023/1.5.1/1'
            $r.Doc.SelectNodes("//s:circle[@data-build='$pending']", $r.Ns).Count | Should -Be 0
            $r.Doc.SelectNodes("//s:path[@class='no-data'][@data-build='$pending']", $r.Ns).Count | Should -Be 1
            @($r.Doc.SelectNodes("//h:tr[@data-build='$pending']/h:td[@data-severity]", $r.Ns) | ForEach-Object InnerText) | Should -Be @('-', '-', '-', '-')
        }

        It 'refuses history and comparisons for the text formats, naming what they take' {
            $history = @(Get-IBScanHistory @Aws -ImagePipelineArn 'arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend-al2023')
            $path = Join-Path $HtmlDir 'history.md'
            { $history | Export-IBScanReport -Format Markdown -Path $path -ErrorAction Stop } | Should -Throw -ExpectedMessage '*-Format Html*'
            $path | Should -Not -Exist
        }
    }
}
