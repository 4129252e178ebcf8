#Requires -Version 7.4
# Pester 5. The gate right after a build: -WaitForScan against scans the emulator advances over time, -ImagePipelineArn
# (a pipeline's newest build), image version ARNs (a version's newest build, as AWS Tools' Get-EC2IBImageList gives)
# and every shape that pipes into Test-IBScanGate; the same for Compare-IBScanFinding.

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    Initialize-EmulatorSuite
    Set-SampleBuildVariable
    $script:WebPipeline = 'arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend-al2023'
    $script:Web150Version = $Web150 -replace '/1$'
    # A first gate makes the module's code warm, so a scan set to advance is not half over before the first poll.
    $null = Test-IBScanGate @Aws -ImageBuildVersionArn $Web150 -FailOn CRITICAL -WaitForScan

    # Makes a build's scan advance from now: (BUILDING,) PENDING, SCANNING, COLLECTING, each StepMs (or StepReads
    # GetImage answers), then Final.
    function script:Start-EmulatedScan {
        param([string] $Arn, [int] $StepMs = 1000, [int] $StepReads, [string] $Final = 'COMPLETED', [switch] $Building)
        $body = @{ imageBuildVersionArn = $Arn; stepMs = $StepMs; final = $Final; building = $Building.IsPresent }
        if ($StepReads) { $body.stepReads = $StepReads }
        $body = $body | ConvertTo-Json
        $null = Invoke-RestMethod "$($Emulator.Url)/_emulator/scans" -Method Post -ContentType 'application/json' -Body $body
    }
    function script:Get-GateError { param([scriptblock] $Gate) try { $null = & $Gate; $null } catch { $_ } }
    function script:Get-Verbose { param([scriptblock] $Command) @(& $Command 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) }
    # What AWS Tools' Get-EC2IBImageList emits (Amazon.Imagebuilder.Model.ImageVersion): image version ARNs, no build number.
    function script:Get-EC2IBImageList {
        [pscustomobject]@{ PSTypeName = 'Amazon.Imagebuilder.Model.ImageVersion'; Arn = $Web150Version; Name = 'web-frontend-al2023'; Version = '1.5.0'; Type = 'AMI'; Platform = 'Linux'; Owner = '111122223333' }
    }
}

AfterAll {
    Stop-TestEmulator $script:Emulator
}

Describe '-WaitForScan' {
    AfterEach { $null = Invoke-RestMethod "$($Emulator.Url)/_emulator/scans" -Method Delete }

    It 'waits while the build is made and scanned, says each state once, and judges the completed scan' {
        # Each state lasts two GetImage answers, so every state is seen however slowly the machine polls.
        Start-EmulatedScan $Web150 -StepReads 2 -Building
        $before = Get-EmulatorRequestCount $Emulator 'GetImage'
        $verbose = Get-Verbose { $script:result = Test-IBScanGate @Aws -ImageBuildVersionArn $Web150 -WaitForScan -WaitIntervalSec 0.05 -FailOn CRITICAL -Verbose }
        $result.Passed | Should -BeTrue
        $result.ScanStatus | Should -Be 'COMPLETED'
        # Every state on the way, in order, each said once.
        $states = @($verbose | Where-Object { $_ -like "$Web150*" })
        $states[0] | Should -BeLike "*: image BUILDING (*"
        $states | Should -Contain "$Web150`: image BUILDING -> scan PENDING after $(($states | Select-String 'BUILDING -> scan PENDING after (.*)$').Matches[0].Groups[1].Value)"
        ($states -join "`n") | Should -Match '(?s)PENDING -> scan SCANNING.*SCANNING -> scan COLLECTING.*COLLECTING -> scan COMPLETED'
        # Once each: the first state, then one line per change (BUILDING -> PENDING -> SCANNING -> COLLECTING -> COMPLETED).
        $states.Count | Should -Be 5
        # Two answers for each of BUILDING, PENDING, SCANNING and COLLECTING, then the one that is COMPLETED (the gate
        # judges from the state the wait settled on), and one after the listing that holds it (still COMPLETED).
        (Get-EmulatorRequestCount $Emulator 'GetImage') - $before | Should -Be 10
    }

    It 'fails closed at the timeout, naming the last state, and does not judge' {
        Start-EmulatedScan $Web150 -StepMs 3600000
        $err = Get-GateError { Test-IBScanGate @Aws -ImageBuildVersionArn $Web150 -WaitForScan -WaitIntervalSec 0.05 -WaitTimeoutSec 1 -FailOn CRITICAL }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'ScanGateFailed*'
        $err.Exception.Message | Should -BeLike '*was still at scan PENDING when the wait of 1 s ran out (-WaitTimeoutSec)*not judged*'
        $result = Test-IBScanGate @Aws -ImageBuildVersionArn $Web150 -WaitForScan -WaitIntervalSec 0.05 -WaitTimeoutSec 1 -FailOn CRITICAL -ErrorAction SilentlyContinue 2>$null -Quiet
        $result | Should -BeFalse
    }

    It 'ends the wait at once on a terminal state (FAILED) and fails the gate on it' {
        Start-EmulatedScan $Web150 -StepMs 1 -Final FAILED
        $err = Get-GateError { Test-IBScanGate @Aws -ImageBuildVersionArn $Web150 -WaitForScan -WaitIntervalSec 0.05 -WaitTimeoutSec 3600 -FailOn CRITICAL }
        $err.Exception.Message | Should -BeLike '*FAILED*'
        $err.Exception.Message | Should -Not -BeLike '*ran out*'
    }

    It 'stops promptly on a stop request (Ctrl+C) while it waits' {
        Start-EmulatedScan $Web150 -StepMs 3600000
        $before = Get-EmulatorRequestCount $Emulator 'GetImage'
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($m, $aws, $arn) Import-Module $m; Test-IBScanGate @aws -ImageBuildVersionArn $arn -WaitForScan -WaitIntervalSec 600 -WaitTimeoutSec 3600').
                AddArgument((Get-BuiltModuleManifest)).AddArgument($Aws).AddArgument($Web150)
            $async = $ps.BeginInvoke()
            # Wait for the event (the first poll reached the emulator), bounded.
            $deadline = [datetime]::UtcNow.AddSeconds(120)
            while ((Get-EmulatorRequestCount $Emulator 'GetImage') -eq $before -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            (Get-EmulatorRequestCount $Emulator 'GetImage') | Should -BeGreaterThan $before
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $async.IsCompleted | Should -BeTrue
        }
        finally { $ps.Dispose() }
    }

    It 'shows Write-Progress while it waits (the build, its state, the time waited of the timeout) and closes it at the end' {
        Start-EmulatedScan $Web150 -StepMs 1000
        # A hosted runspace: its host is no console, so the records reach the Progress stream as a host's UI would get them.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($m, $aws, $arn) Import-Module $m; Test-IBScanGate @aws -ImageBuildVersionArn $arn -WaitForScan -WaitIntervalSec 0.05 -FailOn CRITICAL -Quiet').
                AddArgument((Get-BuiltModuleManifest)).AddArgument($Aws).AddArgument($Web150)
            @($ps.Invoke()) | Should -Be @($true)
            $bar = @($ps.Streams.Progress | Where-Object Activity -eq 'Waiting for image scans')
            $shown = @($bar | Where-Object RecordType -eq 'Processing')
            $shown.Count | Should -BeGreaterThan 0
            $shown | ForEach-Object { $_.StatusDescription | Should -Match ('^' + [regex]::Escape($Web150) + ': scan (PENDING|SCANNING|COLLECTING), \d+ s of 1800 s; next look in ') }
            # One bar (one id) for the command, closed once when the command ends.
            @($bar.ActivityId | Sort-Object -Unique).Count | Should -Be 1
            $bar[-1].RecordType | Should -Be 'Completed'
            @($bar | Where-Object RecordType -eq 'Completed').Count | Should -Be 1
        }
        finally { $ps.Dispose() }
    }

    It 'writes no progress where progress is not wanted (-ProgressAction SilentlyContinue, $ProgressPreference)' -ForEach @(
        @{ Name = '-ProgressAction'; Script = 'param($m, $aws, $arn) Import-Module $m; Test-IBScanGate @aws -ImageBuildVersionArn $arn -WaitForScan -WaitIntervalSec 0.05 -FailOn CRITICAL -Quiet -ProgressAction SilentlyContinue' }
        @{ Name = '$ProgressPreference'; Script = 'param($m, $aws, $arn) Import-Module $m; $ProgressPreference = ''SilentlyContinue''; Test-IBScanGate @aws -ImageBuildVersionArn $arn -WaitForScan -WaitIntervalSec 0.05 -FailOn CRITICAL -Quiet' }
    ) {
        Start-EmulatedScan $Web150 -StepMs 1000
        $before = Get-EmulatorRequestCount $Emulator 'GetImage'
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript($Script).AddArgument((Get-BuiltModuleManifest)).AddArgument($Aws).AddArgument($Web150)
            @($ps.Invoke()) | Should -Be @($true)
            # It did wait (several polls), and said nothing on the Progress stream.
            (Get-EmulatorRequestCount $Emulator 'GetImage') - $before | Should -BeGreaterThan 1
            @($ps.Streams.Progress | Where-Object Activity -eq 'Waiting for image scans').Count | Should -Be 0
        }
        finally { $ps.Dispose() }
    }

    It 'asks each build''s finding count after its scan settled (-ThrottleLimit <Throttle>)' -ForEach @{ Throttle = 1 }, @{ Throttle = 10 } {
        # One count group of two builds whose scans settle at different times (each state one or three GetImage answers).
        # One at a time, the group's request goes out while the second scan still runs: that build is asked again, alone.
        Start-EmulatedScan $Web150 -StepReads 1
        Start-EmulatedScan $Web141 -StepReads 3
        $log = Invoke-RestMethod "$($Emulator.Url)/_emulator/requests"
        $before = [long]($log | Measure-Object sequence -Maximum).Maximum

        try { $null = Test-IBScanGate @Aws -ImageBuildVersionArn $Web150, $Web141 -WaitForScan -WaitIntervalSec 0.05 -ThrottleLimit $Throttle -OutVariable results } catch { }

        @($results).Count | Should -Be 2
        $results | ForEach-Object { $_.ScanProblem | Should -BeNullOrEmpty }
        $log = Invoke-RestMethod "$($Emulator.Url)/_emulator/requests"
        $requests = @($log | Where-Object sequence -GT $before)
        # Each count request's first page (this suite's emulator answers one aggregation a page): when it was sent.
        $counts = @($requests | Where-Object { $_.operation -eq 'ListImageScanFindingAggregations' -and -not ($_.body | ConvertFrom-Json).nextToken })
        foreach ($arn in $Web150, $Web141) {
            # The waiter stops at the first settled answer, and one more GetImage holds the state after the listing: a
            # build's last GetImage but one is the one that said COMPLETED.
            $settled = @($requests | Where-Object { $_.operation -eq 'GetImage' -and [uri]::UnescapeDataString($_.path) -like "*=$arn" } | Sort-Object sequence)[-2].sequence
            @($counts | Where-Object { $_.sequence -gt $settled -and ($_.body | ConvertFrom-Json).filter.values -contains $arn }).Count |
                Should -BeGreaterThan 0 -Because "$arn's count must be read after its scan settled (GetImage $settled; counts asked at $($counts.sequence -join ', '))"
        }
        if ($Throttle -eq 1) { @($counts | ForEach-Object { ($_.body | ConvertFrom-Json).filter.values -join ' ' }) | Should -Be @("$Web150 $Web141", $Web141) }
    }

    It 'waits for both sides of a comparison, and compares the findings of both settled scans' {
        # The same comparison of the scans as they stand (COMPLETED), for what the waited one must give.
        $settled = @(Compare-IBScanFinding @Aws -DifferenceImageBuildVersionArn $Web150 -ReferenceImageBuildVersionArn $Web141 -IncludeEqual)
        # Both builds scanning: each state lasts two GetImage answers of that build, however slowly the machine polls.
        Start-EmulatedScan $Web150 -StepReads 2
        Start-EmulatedScan $Web141 -StepReads 2
        # Invoke-RestMethod writes a JSON array as one object; piping the variable enumerates it.
        $log = Invoke-RestMethod "$($Emulator.Url)/_emulator/requests"
        $before = [long]($log | Measure-Object sequence -Maximum).Maximum

        $changes = @(Compare-IBScanFinding @Aws -DifferenceImageBuildVersionArn $Web150 -ReferenceImageBuildVersionArn $Web141 -WaitForScan -WaitIntervalSec 0.05 -IncludeEqual)

        $log = Invoke-RestMethod "$($Emulator.Url)/_emulator/requests"
        $requests = @($log | Where-Object sequence -GT $before)
        foreach ($arn in $Web150, $Web141) {
            $reads = @($requests | Where-Object { $_.operation -eq 'GetImage' -and [uri]::UnescapeDataString($_.path) -like "*=$arn" })
            # Two answers each of PENDING, SCANNING and COLLECTING, then the one that is COMPLETED: waited past the first running
            # state; then one after the listing that holds it.
            $reads.Count | Should -Be 8 -Because "$arn is waited for until its scan completes, and held after its listing"
            $reads | ForEach-Object { $_.completed | Should -BeTrue; $_.statusCode | Should -Be 200 }
            # Its findings are read once its scan settled, never before, and the state is asked again after them.
            $listed = @($requests | Where-Object { $_.operation -eq 'ListImageScanFindings' -and ($_.body | ConvertFrom-Json).filters[0].values[0] -eq $arn })
            $listed.Count | Should -BeGreaterThan 0 -Because "$arn's findings are compared"
            $ordered = @($reads | Sort-Object sequence)
            ($listed.sequence | Measure-Object -Minimum).Minimum | Should -BeGreaterThan $ordered[-2].sequence
            ($listed.sequence | Measure-Object -Maximum).Maximum | Should -BeLessThan $ordered[-1].sequence
        }
        $scans = Invoke-RestMethod "$($Emulator.Url)/_emulator/scans"
        @($scans | ForEach-Object state) | Should -Be @('COMPLETED', 'COMPLETED')
        # The comparison of the settled scans: the same changes as with both scans complete from the start.
        $settled.Count | Should -BeGreaterThan 0
        @($changes | ForEach-Object { "$($_.Change) $($_.VulnerabilityId) $($_.PackageName)" }) | Should -Be @($settled | ForEach-Object { "$($_.Change) $($_.VulnerabilityId) $($_.PackageName)" })
        $changes | ForEach-Object { $_.DifferenceImageBuildVersionArn | Should -Be $Web150; $_.ReferenceImageBuildVersionArn | Should -Be $Web141 }
    }

    It 'without the wait, a comparison refuses a side whose scan is not complete (<Side>)' -ForEach @(
        @{ Side = 'difference'; Arn = 'Web150' }
        @{ Side = 'reference'; Arn = 'Web141' }
    ) {
        Start-EmulatedScan (Get-Variable $Arn -ValueOnly) -StepMs 3600000
        { Compare-IBScanFinding @Aws -DifferenceImageBuildVersionArn $Web150 -ReferenceImageBuildVersionArn $Web141 -ErrorAction Stop } | Should -Throw '*cannot be compared*PENDING*'
    }
}

Describe '-ImagePipelineArn' {
    AfterEach { $null = Invoke-RestMethod "$($Emulator.Url)/_emulator/scans" -Method Delete }

    It 'gates the pipeline''s newest build, named in -Verbose and on the result' {
        $verbose = Get-Verbose { $script:result = Test-IBScanGate @Aws -ImagePipelineArn $WebPipeline -FailOn CRITICAL -Verbose }
        $result.ImageBuildVersionArn | Should -Be $Web150
        $result.SelectedFrom | Should -Be $WebPipeline
        $verbose | Should -Contain "The newest build of the pipeline $WebPipeline is $Web150 (created 2025-08-04 00:00:00Z)."
    }

    It 'chooses the newest build first, then waits for it' {
        Start-EmulatedScan $Web150 -StepMs 200
        $verbose = Get-Verbose { $script:result = Test-IBScanGate @Aws -ImagePipelineArn $WebPipeline -WaitForScan -WaitIntervalSec 0.05 -FailOn CRITICAL -Verbose }
        $result.Passed | Should -BeTrue
        $chosen = [array]::IndexOf($verbose, ($verbose | Where-Object { $_ -like 'The newest build of the pipeline*' } | Select-Object -First 1))
        $waited = [array]::IndexOf($verbose, ($verbose | Where-Object { $_ -like "$Web150`: scan PENDING*" } | Select-Object -First 1))
        $chosen | Should -BeGreaterOrEqual 0
        $waited | Should -BeGreaterThan $chosen
    }

    It 'refuses a value that is no pipeline ARN before anything is sent' {
        $before = Get-EmulatorRequestCount $Emulator 'GetImage'
        $err = Get-GateError { Test-IBScanGate @Aws -ImagePipelineArn $Web150 }
        $err.Exception.Message | Should -BeLike '*is not an image pipeline ARN*'
        (Get-EmulatorRequestCount $Emulator 'GetImage') | Should -Be $before
    }

    It 'compares the pipeline''s newest build with the one before it' {
        $changes = @(Compare-IBScanFinding @Aws -ImagePipelineArn $WebPipeline -IncludeEqual)
        $changes[0].DifferenceImageBuildVersionArn | Should -Be $Web150
        # The one before it (1.4.1/2), not merely another one of the pipeline's builds.
        $changes[0].ReferenceImageBuildVersionArn | Should -Be $Web141
    }

    It 'Compare-IBScanFinding refuses a -ImagePipelineArn value that is no pipeline ARN before anything is sent' {
        $before = Get-EmulatorRequestCount $Emulator 'GetImage'
        $err = Get-GateError { Compare-IBScanFinding @Aws -ImagePipelineArn $Web150 -ErrorAction Stop }
        $err.Exception.Message | Should -BeLike '*is not an image pipeline ARN*'
        $err.Exception.ParameterName | Should -Be 'ImagePipelineArn'
        (Get-EmulatorRequestCount $Emulator 'GetImage') | Should -Be $before
    }
}

Describe 'Everything with a key pipes into the gate' {
    It 'gates <Name>' -ForEach @(
        @{ Name = 'a build ARN string'; Make = { $Web150 } }
        @{ Name = 'an image version ARN string (its newest build)'; Make = { $Web150Version } }
        @{ Name = 'a pipeline ARN string (its newest build)'; Make = { $WebPipeline } }
        @{ Name = 'an image aggregation'; Make = { Get-IBScanFindingAggregation @Aws -ImageBuildVersionArn $Web150 } }
        @{ Name = 'a pipeline aggregation (its newest build)'; Make = { Get-IBScanFindingAggregation @Aws -ImagePipelineArn $WebPipeline } }
        @{ Name = 'findings'; Make = { Get-IBScanFinding @Aws -ImageBuildVersionArn $Web150 } }
        @{ Name = 'an AWS Tools image version (Get-EC2IBImageList)'; Make = { Get-EC2IBImageList } }
        @{ Name = 'a pscustomobject with Arn'; Make = { [pscustomobject]@{ Arn = $Web150 } } }
        @{ Name = 'a pscustomobject with ImageBuildVersionArn'; Make = { [pscustomobject]@{ ImageBuildVersionArn = $Web150 } } }
        @{ Name = 'a hashtable with Arn'; Make = { @{ Arn = $Web150 } } }
    ) {
        $results = @(& $Make | Test-IBScanGate @Aws -FailOn CRITICAL)
        $results.Count | Should -Be 1
        $results[0].ImageBuildVersionArn | Should -Be $Web150
        $results[0].Passed | Should -BeTrue
    }

    It 'says in -Verbose which build an image version stands for' {
        $verbose = Get-Verbose { $null = Get-EC2IBImageList | Test-IBScanGate @Aws -FailOn CRITICAL -Verbose }
        $verbose | Should -Contain "The newest build of the image version $Web150Version is $Web150 (created 2025-08-04 00:00:00Z)."
    }

    It 'judges several piped builds in input order, each once' {
        $results = [System.Collections.Generic.List[object]]::new()
        # The gate fails on payments 2.0.0/1 (CRITICAL findings), after writing every result.
        $err = Get-GateError { $Pay200, $Web150, $Web141, $Web150 | Test-IBScanGate @Aws -FailOn CRITICAL -ThrottleLimit 4 | ForEach-Object { $results.Add($_) } }
        $err | Should -Not -BeNullOrEmpty
        $results.ImageBuildVersionArn | Should -Be @($Pay200, $Web150, $Web141)
    }

    It 'fails when a piped object names no build' {
        $err = Get-GateError { 'CVE-2024-3094', $Web150 | Test-IBScanGate @Aws -FailOn CRITICAL -ErrorAction SilentlyContinue }
        $err.Exception.Message | Should -BeLike '*not judged*VulnerabilityId*'
    }
}

Describe 'Image version ARNs in the Get cmdlets (the README''s Get-EC2IBImageList example)' {
    It 'Get-EC2IBImageList | Get-IBScanFindingAggregation lists the newest build''s aggregation, and says so' {
        $verbose = Get-Verbose { $script:result = @(Get-EC2IBImageList | Get-IBScanFindingAggregation @Aws -Verbose) }
        $result.Count | Should -Be 1
        $result[0].Key | Should -Be $Web150
        $verbose | Should -Contain "The newest build of the image version $Web150Version is $Web150 (created 2025-08-04 00:00:00Z)."
    }

    It 'Get-EC2IBImageList | Get-IBScanFinding lists the newest build''s findings' {
        $findings = @(Get-EC2IBImageList | Get-IBScanFinding @Aws)
        $findings.Count | Should -BeGreaterThan 0
        @($findings.ImageBuildVersionArn | Sort-Object -Unique) | Should -Be @($Web150)
    }

    It 'lists piped image versions in input order, <Name>, and Select-Object -First 1 resolves the first alone' -ForEach @(
        @{ Name = 'piped one by one'; Run = { param($v) $v | Get-IBScanFinding @Aws -ThrottleLimit 4 } }
        @{ Name = 'as one -InputObject'; Run = { param($v) Get-IBScanFinding @Aws -InputObject $v -ThrottleLimit 4 } }
    ) {
        $versions = @(($Web141 -replace '/[0-9]+$'), $Web150Version)
        $before = Get-EmulatorRequestCount $Emulator 'ListImageBuildVersions'
        $first = @(& $Run $versions | Select-Object -First 1)
        $first[0].ImageBuildVersionArn | Should -Be $Web141
        (Get-EmulatorRequestCount $Emulator 'ListImageBuildVersions') - $before | Should -Be 1
        $before = Get-EmulatorRequestCount $Emulator 'ListImageBuildVersions'
        $all = @(& $Run @($versions[1], $versions[0], $versions[1]))
        @($all.ImageBuildVersionArn | Select-Object -Unique) | Should -Be @($Web150, $Web141)
        # Each distinct version once: the one piped again is said in -Verbose, not asked again.
        (Get-EmulatorRequestCount $Emulator 'ListImageBuildVersions') - $before | Should -Be 2
    }

    It 'resolves piped image versions <Limit> at once (-ThrottleLimit), listing each in input order' -ForEach @(
        @{ Limit = 2; Overlap = $true }
        @{ Limit = 1; Overlap = $false }
    ) {
        # web 1.5.0 first (it has findings, so the window opens after it), then three more; the second version's request is
        # held a while, so whatever may run beside it arrives before its answer. Read from the request log's order, not times.
        $builds = @($Web150, $Web140, $Web141, $Pay200)
        $versions = @($builds -replace '/[0-9]+$')
        Add-EmulatorFault $Emulator @{ kind = 'latency'; latencyMs = 1500; operation = 'listImageBuildVersions'; onRequest = 2; maxCount = 1 }
        try {
            $start = @(Get-EmulatorRequest $Emulator 'ListImageBuildVersions') + @(Get-EmulatorRequest $Emulator 'ListImageScanFindingAggregations') |
                Measure-Object sequence -Maximum
            $result = @($versions | Get-IBScanFindingAggregation @Aws -ThrottleLimit $Limit)
        }
        finally { Clear-EmulatorFaults $Emulator }
        @($result.Key | Select-Object -Unique) | Should -Be @($builds | Where-Object { $_ -in $result.Key })
        $result.Count | Should -BeGreaterThan 0
        $asked = @(Get-EmulatorRequest $Emulator 'ListImageBuildVersions') | Where-Object sequence -GT $start.Maximum
        $listed = @(Get-EmulatorRequest $Emulator 'ListImageScanFindingAggregations') | Where-Object sequence -GT $start.Maximum
        function Seq($requests, [string] $Named) { @($requests | Where-Object { $_.body.Contains("""$Named""") })[0].sequence }
        @($asked).Count | Should -Be 4
        # The third version's look-up is sent before the second version's listing (beside it) with two at once, after it with one.
        ((Seq $asked $versions[2]) -lt (Seq $listed $builds[1])) | Should -Be $Overlap
        # Never more than the limit: the fourth look-up waits until the second version was taken and listed.
        if ($Limit -eq 2) { (Seq $asked $versions[3]) | Should -BeGreaterThan (Seq $listed $builds[1]) }
    }

    It 'Get-EC2IBImageList | Compare-IBScanFinding compares the newest build with the one before it' {
        $changes = @(Get-EC2IBImageList | Compare-IBScanFinding @Aws -IncludeEqual)
        $changes[0].DifferenceImageBuildVersionArn | Should -Be $Web150
        $changes[0].ReferenceImageBuildVersionArn | Should -Be $Web141
    }
}

Describe 'An image version ARN typed as -ImageBuildVersionArn stands for its newest build, as a piped one does' {
    It '<Name> resolves it through ListImageBuildVersions and says so in -Verbose' -ForEach @(
        @{ Name = 'Get-IBScanFindingAggregation'; Run = { @(Get-IBScanFindingAggregation @Aws -ImageBuildVersionArn $Web150Version -Verbose) }; Arn = { $_.Key } }
        @{ Name = 'Get-IBScanFinding'; Run = { @(Get-IBScanFinding @Aws -ImageBuildVersionArn $Web150Version -Verbose) }; Arn = { $_.ImageBuildVersionArn } }
        @{ Name = 'Test-IBScanGate'; Run = { @(Test-IBScanGate @Aws -ImageBuildVersionArn $Web150Version -FailOn CRITICAL -Verbose) }; Arn = { $_.ImageBuildVersionArn } }
        @{ Name = 'Compare-IBScanFinding'; Run = { @(Compare-IBScanFinding @Aws -ImageBuildVersionArn $Web150Version -ReferenceImageBuildVersionArn $Web141 -IncludeEqual -Verbose) }; Arn = { $_.DifferenceImageBuildVersionArn } }
    ) {
        $before = Get-EmulatorRequestCount $Emulator 'ListImageBuildVersions'
        $verbose = Get-Verbose { $script:output = & $Run }
        $output.Count | Should -BeGreaterThan 0
        @($output | ForEach-Object $Arn | Sort-Object -Unique) | Should -Be @($Web150)
        $verbose | Should -Contain "The newest build of the image version $Web150Version is $Web150 (created 2025-08-04 00:00:00Z)."
        (Get-EmulatorRequestCount $Emulator 'ListImageBuildVersions') - $before | Should -Be 1
    }

    It 'lists the other values, in order, when a version has no build (an error for that value, never the unfiltered listing)' {
        $none = $Web150Version -replace '/1\.5\.0$', '/9.9.9'
        $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindings'
        $findings = @(Get-IBScanFinding @Aws -ImageBuildVersionArn $none, $Web141, $Web150Version -ErrorVariable failed -ErrorAction SilentlyContinue)
        @($failed).Count | Should -Be 1
        "$($failed[0])" | Should -BeLike "*$none*no build*"
        @($findings.ImageBuildVersionArn | Select-Object -Unique) | Should -Be @($Web141, $Web150)
        $aggregations = @(Get-IBScanFindingAggregation @Aws -ImageBuildVersionArn $none -ErrorAction SilentlyContinue)
        $aggregations.Count | Should -Be 0
    }
}

Describe 'Every build named to the gate is judged, one object per build' {
    It 'judges builds named with -ImageBuildVersionArn beside piped build names, not only the piped ones' {
        try { $null = $Web141 | Test-IBScanGate @Aws -ImageBuildVersionArn $Web150 -FailOn CRITICAL -OutVariable judged -WarningAction SilentlyContinue } catch { if ($_.FullyQualifiedErrorId -notlike 'ScanGateFailed*') { throw } }
        @($judged.ImageBuildVersionArn | Sort-Object) | Should -Be @(@($Web141, $Web150) | Sort-Object)
    }

    It 'refuses an object that names several builds instead of judging the first alone' {
        $before = Get-EmulatorRequestCount $Emulator 'GetImage'
        $err = Get-GateError { [pscustomobject]@{ ImageBuildVersionArn = @($Web150, $Web141) } | Test-IBScanGate @Aws -FailOn CRITICAL }
        $err | Should -Not -BeNullOrEmpty
        $err.Exception.Message | Should -BeLike '*names 2 builds*'
        (Get-EmulatorRequestCount $Emulator 'GetImage') | Should -Be $before
    }
}
