#Requires -Version 7.4
# Pester 5. The fan-out over regions and accounts (issue 14) as a user sees it in a real PowerShell:
# exact counts per target against single-region calls, roles (the emulator's STS), profiles, a disabled
# region, a throttled region, Region/AccountId on the output, -Verbose per target, stop, refused paging,
# and the gate sending a build to its own region. Runs against the built module and a local emulator
# whose administrator is an account of no sample finding, so a member account's role sees only its own.

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    Import-Module (Get-BuiltModuleManifest) -Force -ErrorAction Stop
    $script:Emulator = Start-TestEmulator -PageSize 1 -ExtraArgs '--admin-account', '999999999999', '--disabled-regions', 'ap-south-1', '--deny-assume-role', '777788889999'
    $script:Keys = @{ EndpointUrl = $Emulator.Url; AccessKey = $EmulatorAccessKey; SecretKey = $EmulatorSecretKey }
    $script:Regions = @('us-east-1', 'eu-west-1')
    $script:Members = @('111122223333', '444455556666')
    $script:Roles = @($Members | ForEach-Object { "arn:aws:iam::${_}:role/ScanAudit" })
    $script:EuImage = 'arn:aws:imagebuilder:eu-west-1:111122223333:image/web-frontend-al2023/1.5.0/1'

    # What one single-region call (the loop a user writes today) returns, per region.
    $script:Single = @{}
    foreach ($region in $Regions) {
        $Single[$region] = @{
            Findings     = @(Get-IBScanFinding @Keys -Region $region -PageSize 25 -ErrorAction Stop)
            Aggregations = @(Get-IBScanFindingAggregation @Keys -Region $region -ErrorAction Stop)
        }
    }

    $script:SavedEnvironment = @{}
    foreach ($name in 'AWS_ENDPOINT_URL_STS', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_PROFILE') {
        $SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $env:AWS_ENDPOINT_URL_STS = $Emulator.Url

    # "region account all" lines, sorted: what a set of account aggregations says.
    function Get-Rows($Aggregations) { @($Aggregations | ForEach-Object { "$($_.Region) $($_.AccountId) $($_.All)" } | Sort-Object) }
    function Get-Key($Findings) { @($Findings | ForEach-Object { "$($_.Region) $($_.AccountId) $($_.ImageBuildVersionArn) $($_.VulnerabilityId) $($_.Severity)" } | Sort-Object) }
}

AfterAll {
    Stop-TestEmulator $script:Emulator
    foreach ($name in $SavedEnvironment.Keys) {
        if ($null -eq $SavedEnvironment[$name]) { Remove-Item -LiteralPath "env:$name" -ErrorAction SilentlyContinue } else { Set-Item -LiteralPath "env:$name" -Value $SavedEnvironment[$name] }
    }
    Remove-Module ImageBuilderScan -ErrorAction SilentlyContinue
}

Describe 'Fleet: several regions and accounts in one call' {
    BeforeEach { Clear-EmulatorFaults $Emulator }

    It 'the sample data has findings in both regions (the tests below can tell regions apart)' {
        $Single['us-east-1'].Findings.Count | Should -Be 32
        $Single['eu-west-1'].Findings.Count | Should -Be 2
    }

    Context 'regions' {
        It 'findings over several regions are exactly the single-region calls together, each carrying its region' {
            $fleet = @(Get-IBScanFinding @Keys -Region $Regions -PageSize 3 -ErrorAction Stop)
            Get-Key $fleet | Should -Be (Get-Key ($Single['us-east-1'].Findings + $Single['eu-west-1'].Findings))
            foreach ($group in $fleet | Group-Object Region) {
                $group.Count | Should -Be $Single[$group.Name].Findings.Count -Because "the findings of $($group.Name)"
                $group.Group.ImageBuildVersionArn | ForEach-Object { ($_ -split ':')[3] } | Sort-Object -Unique | Should -Be $group.Name
            }
            @($fleet | Group-Object Region | ForEach-Object Name | Sort-Object) | Should -Be @('eu-west-1', 'us-east-1')
        }

        It 'account aggregations over several regions carry the region asked, with the single-region counts' {
            $fleet = @(Get-IBScanFindingAggregation @Keys -Region $Regions -ErrorAction Stop)
            Get-Rows $fleet | Should -Be (Get-Rows ($Single['us-east-1'].Aggregations + $Single['eu-west-1'].Aggregations))
            Get-Rows $fleet | Should -Be @('eu-west-1 111122223333 2', 'us-east-1 111122223333 18', 'us-east-1 444455556666 14')
        }

        It 'a region asked twice is one target' {
            @(Get-IBScanFindingAggregation @Keys -Region us-east-1, eu-west-1, us-east-1 -ErrorAction Stop).Count | Should -Be 3
        }
    }

    Context 'roles' {
        It 'each member account''s role sees its own findings, in every region, exactly' {
            $fleet = @(Get-IBScanFinding @Keys -Region $Regions -RoleArn $Roles -PageSize 5 -ErrorAction Stop)
            Get-Key $fleet | Should -Be (Get-Key ($Single['us-east-1'].Findings + $Single['eu-west-1'].Findings))
            @($fleet | Where-Object AccountId -eq '444455556666' | Group-Object Region | ForEach-Object Name) | Should -Be @('us-east-1')
        }

        It 'account aggregations with roles carry the role''s account and the region asked (roles x regions, no account twice)' {
            $fleet = @(Get-IBScanFindingAggregation @Keys -Region $Regions -RoleArn $Roles -RoleSessionName fleet-tests -ErrorAction Stop)
            Get-Rows $fleet | Should -Be @('eu-west-1 111122223333 2', 'us-east-1 111122223333 18', 'us-east-1 444455556666 14')
            @($fleet | Sort-Object AccountId | ForEach-Object AccountId | Sort-Object -Unique) | Should -Be $Members
        }

        It 'one member account''s role over two regions is that account alone' {
            $only = @(Get-IBScanFindingAggregation @Keys -Region us-east-1, eu-west-1 -RoleArn $Roles[1] -ErrorAction Stop)
            Get-Rows $only | Should -Be @('us-east-1 444455556666 14')
        }
    }

    Context 'profiles' {
        BeforeAll {
            $script:Credentials = Join-Path $TestDrive 'credentials'
            Set-Content $Credentials @"
[admin]
aws_access_key_id = $EmulatorAccessKey
aws_secret_access_key = $EmulatorSecretKey

[member]
role_arn = arn:aws:iam::444455556666:role/ScanAudit
source_profile = admin
"@
            $env:AWS_SHARED_CREDENTIALS_FILE = $Credentials
            $env:AWS_CONFIG_FILE = Join-Path $TestDrive 'no-config'
            Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue
        }
        AfterAll {
            Remove-Item Env:AWS_SHARED_CREDENTIALS_FILE, Env:AWS_CONFIG_FILE -ErrorAction SilentlyContinue
        }

        It 'two profiles x two regions: each profile sees what its account sees, exactly' {
            $fleet = @(Get-IBScanFindingAggregation -EndpointUrl $Emulator.Url -Region $Regions -ProfileName admin, member -ErrorAction Stop)
            # admin (the delegated administrator) sees both accounts; member (a role in 444455556666) its own, which
            # admin already returned the same: written once (issue 22), each row naming the profile that produced it.
            Get-Rows $fleet | Should -Be @('eu-west-1 111122223333 2', 'us-east-1 111122223333 18', 'us-east-1 444455556666 14')
            $fleet | Where-Object AccountId -eq '111122223333' | ForEach-Object { $_.Target | Should -Be "$($_.Region) / profile admin" }
        }

        It 'findings over two profiles: the administrator''s all, the member''s own written once, each carrying its region' {
            $records = @(Get-IBScanFinding -EndpointUrl $Emulator.Url -Region $Regions -ProfileName admin, member -PageSize 25 -ThrottleLimit 1 -Verbose -ErrorAction Stop 4>&1)
            $fleet = @($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            $memberCount = @($Single['us-east-1'].Findings | Where-Object AccountId -eq '444455556666').Count
            $memberCount | Should -BeGreaterThan 0
            # The member's findings came from both profiles alike: each written once (issue 22), and said.
            $fleet.Count | Should -Be ($Single['us-east-1'].Findings.Count + $Single['eu-west-1'].Findings.Count)
            # Either target may have come first (-and and -or bind alike in PowerShell: hence the parentheses).
            @($records | Where-Object { ($_ -is [System.Management.Automation.VerboseRecord]) -and
                (($_.Message -like '*profile admin*profile member*written once*') -or ($_.Message -like '*profile member*profile admin*written once*')) }).Count |
                Should -Be $memberCount
            @($fleet | Where-Object Region -eq 'eu-west-1').Count | Should -Be 2
        }

        It 'vulnerability aggregations over two profiles carry each profile''s account, learned from STS' {
            $cve = @($Single['us-east-1'].Findings | Where-Object AccountId -eq '444455556666')[0].VulnerabilityId
            $cve | Should -Not -BeNullOrEmpty
            $fleet = @(Get-IBScanFindingAggregation -EndpointUrl $Emulator.Url -Region us-east-1 -ProfileName admin, member -VulnerabilityId $cve -ErrorAction Stop -WarningVariable warned)
            ($fleet | Sort-Object AccountId | ForEach-Object { "$($_.Region) $($_.AccountId) $($_.VulnerabilityId)" }) |
                Should -Be @("us-east-1 444455556666 $cve", "us-east-1 999999999999 $cve") # the administrator (--admin-account) and the member
            $warned.Count | Should -Be 0
        }

        It 'roles and profiles together are refused before anything is sent' {
            { Get-IBScanFindingAggregation -EndpointUrl $Emulator.Url -Region us-east-1 -ProfileName admin, member -RoleArn $Roles -ErrorAction Stop } |
                Should -Throw -ExpectedMessage '*RoleArn*'
        }
    }

    Context 'a failing target' {
        It 'a region not enabled for the account: one error naming it, the other regions exact' {
            $errors = $null
            $fleet = @(Get-IBScanFindingAggregation @Keys -Region us-east-1, ap-south-1, eu-west-1 -ErrorAction SilentlyContinue -ErrorVariable errors)
            Get-Rows $fleet | Should -Be @('eu-west-1 111122223333 2', 'us-east-1 111122223333 18', 'us-east-1 444455556666 14')
            $errors.Count | Should -Be 1
            $errors[0].Exception.Message | Should -BeLike 'ap-south-1*: *security token*'
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'UnrecognizedClientException,*'
            "$($errors[0].CategoryInfo.Category)" | Should -Be 'PermissionDenied'
        }

        It 'a disabled region with roles: one error per role in that region, naming both' {
            $errors = $null
            $fleet = @(Get-IBScanFindingAggregation @Keys -Region us-east-1, ap-south-1 -RoleArn $Roles -ErrorAction SilentlyContinue -ErrorVariable errors)
            Get-Rows $fleet | Should -Be @('us-east-1 111122223333 18', 'us-east-1 444455556666 14')
            $errors.Count | Should -Be 2
            foreach ($role in $Roles) { @($errors | Where-Object { $_.Exception.Message -like "ap-south-1 / $role*" }).Count | Should -Be 1 }
        }

        It 'one member account denies the role: one error per region naming that role, the other accounts exact' {
            $denied = 'arn:aws:iam::777788889999:role/ScanAudit'
            $errors = $null
            $fleet = @(Get-IBScanFindingAggregation @Keys -Region $Regions -RoleArn ($Roles + $denied) -ErrorAction SilentlyContinue -ErrorVariable errors)
            Get-Rows $fleet | Should -Be @('eu-west-1 111122223333 2', 'us-east-1 111122223333 18', 'us-east-1 444455556666 14')
            $errors.Count | Should -Be 2
            foreach ($region in $Regions) { @($errors | Where-Object { $_.Exception.Message -like "$region / $denied*" }).Count | Should -Be 1 }
            $errors | ForEach-Object { $_.Exception.Message | Should -BeLike '*not authorized to perform: sts:AssumeRole*' }
            $errors | ForEach-Object { "$($_.CategoryInfo.Category)" | Should -Be 'PermissionDenied' }
        }

        It 'one region throttled past -MaxAttempts: one LimitsExceeded error for it, the other region exact' {
            Add-EmulatorFault $Emulator @{ kind = 'throttle'; region = 'eu-west-1'; maxCount = 100 }
            $errors = $null
            $fleet = @(Get-IBScanFinding @Keys -Region $Regions -MaxAttempts 2 -PageSize 25 -ErrorAction SilentlyContinue -ErrorVariable errors)
            Get-Key $fleet | Should -Be (Get-Key $Single['us-east-1'].Findings)
            $errors.Count | Should -Be 1
            $errors[0].Exception.Message | Should -BeLike 'eu-west-1*'
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'CallRateLimitExceededException,*'
            "$($errors[0].CategoryInfo.Category)" | Should -Be 'LimitsExceeded'
            $fired = @(Invoke-RestMethod "$($Emulator.Url)/_emulator/faults")[0].fired
            $fired | Should -Be 2 -Because '-MaxAttempts 2: two attempts at eu-west-1, then the error'
        }
    }

    Context 'what a user sees' {
        It '-Verbose names the targets first and ends with a line per target and a total' {
            $records = @(Get-IBScanFindingAggregation @Keys -Region us-east-1, ap-south-1, eu-west-1 -Verbose -ErrorAction SilentlyContinue 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            $records[0] | Should -BeLike '3 targets (regions x accounts), at most 10 at once: *'
            $tail = $records[-4..-1]
            $tail[0] | Should -Match '^ap-south-1: 0 item\(s\), 0 page\(s\), \d+ retr(y|ies), [\d.]+ s, failed: UnrecognizedClientException\.$'
            $tail[1] | Should -Match '^eu-west-1: 1 item\(s\), 1 page\(s\), 0 retries, [\d.]+ s, completed\.$'
            $tail[2] | Should -Match '^us-east-1: 2 item\(s\), 2 page\(s\), 0 retries, [\d.]+ s, completed\.$'
            $tail[3] | Should -Be '3 aggregation(s) from 2 of 3 targets.'
        }

        It '-ThrottleLimit shows in the plan line and bounds nothing else' {
            $records = @(Get-IBScanFindingAggregation @Keys -Region $Regions -ThrottleLimit 1 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            $records[0].Message | Should -BeLike '2 targets (regions x accounts), at most 1 at once: *'
            { Get-IBScanFindingAggregation @Keys -Region $Regions -ThrottleLimit 65 } | Should -Throw
        }

        It 'Select-Object -First 1 stops every target promptly and sends no further request' {
            $null = Invoke-RestMethod -Method Post "$($Emulator.Url)/_emulator/reset"
            $first = @(Get-IBScanFinding @Keys -Region $Regions -RoleArn $Roles -PageSize 1 | Select-Object -First 1)
            $first.Count | Should -Be 1
            # The stop has returned (the fan-out joins its targets first); once no page request is in flight any more
            # (each answered or abandoned), the log holds every request the listing sent.
            $sent = Wait-EmulatorRequest $Emulator 'ListImageScanFindings' -Until { param($r) -not @($r | Where-Object { -not $_.completed }) }
            # At most one page per target in flight when the stop came (4 targets); never the 36 pages of the whole listing.
            $sent.Count | Should -BeLessOrEqual 4
            Get-EmulatorRequestCount $Emulator 'ListImageScanFindings' | Should -Be $sent.Count -Because 'nothing is sent after the stop'
        }

        It '<Parameter> is refused with several regions, before any request' -ForEach @(
            @{ Parameter = 'NoAutoPage'; Extra = @{ NoAutoPage = $true } }
            @{ Parameter = 'NextToken'; Extra = @{ NextToken = 'abc' } }
            @{ Parameter = 'NextTokenVariable'; Extra = @{ NextTokenVariable = 'next' } }
        ) {
            $null = Invoke-RestMethod -Method Post "$($Emulator.Url)/_emulator/reset"
            $errors = $null
            $out = @(Get-IBScanFinding @Keys -Region $Regions @Extra -ErrorAction SilentlyContinue -ErrorVariable errors)
            $out.Count | Should -Be 0
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidInput,*'
            $errors[0].Exception.Message | Should -BeLike "${Parameter}:*fans out over 2 targets*"
            (Invoke-RestMethod "$($Emulator.Url)/_emulator/stats").total | Should -Be 0
        }

        It 'Test-IBScanGate with a -Region list judges a eu-west-1 image with eu-west-1''s findings' {
            $passed = Test-IBScanGate @Keys -Region $Regions -ImageBuildVersionArn $EuImage -FailOn HIGH -Quiet
            $passed | Should -BeFalse -Because 'the eu-west-1 image has 2 HIGH findings'
            $passed = Test-IBScanGate @Keys -Region $Regions -ImageBuildVersionArn $EuImage -FailOn CRITICAL -Quiet
            $passed | Should -BeTrue -Because 'and no critical one'
            $failure = try { Test-IBScanGate @Keys -Region $Regions -ImageBuildVersionArn $EuImage -FailOn HIGH; $null } catch { $_ }
            "$failure" | Should -BeLike '*web-frontend-al2023 1.5.0/1*2 HIGH*'
            foreach ($f in $Single['eu-west-1'].Findings) { "$failure" | Should -BeLike "*$($f.VulnerabilityId)*" }
        }

        It 'Test-IBScanGate refuses a build of a region no target covers, naming the targets' {
            $failure = try { Test-IBScanGate @Keys -Region us-east-1, ap-northeast-1 -ImageBuildVersionArn $EuImage -ErrorAction Stop; $null } catch { $_ }
            "$failure" | Should -BeLike '*us-east-1*ap-northeast-1*'
        }
    }
}
