#Requires -Version 7.4
# Pester 5. Honest errors and tokens (issue 13, points 9-15): what a failure says and advises, where a stopped
# listing can resume, filter names, regions of ARNs, debug records, configured endpoints, account drill-down.
# Runs against the built module (output/ImageBuilderScan/<version>) and a local emulator (region-scoped data file).

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    Initialize-EmulatorSuite
    Set-SampleFindingVariable
    $script:EuImage = 'arn:aws:imagebuilder:eu-west-1:111122223333:image/web-frontend-al2023/1.5.0/1'
    $script:UsImage = @($AllFindings.ImageBuildVersionArn | Where-Object { $_ -like 'arn:aws:imagebuilder:us-east-1:*' } | Sort-Object -Unique)[0]

    function Get-Failure([scriptblock] $Command) {
        @(& $Command 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
    }
    # The AWS_* variables a test sets, restored after it (the engine reads them per command).
    $script:SavedEnvironment = @{}
    function Set-TestEnvironment([hashtable] $Values) {
        foreach ($name in $Values.Keys) {
            if (-not $SavedEnvironment.ContainsKey($name)) { $SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name) }
            Set-EnvironmentValue $name $Values[$name]
        }
    }
    # [Environment]::SetEnvironmentVariable($name, $null) would receive '' from PowerShell, which the AWS CLI reads as a value.
    function Set-EnvironmentValue([string] $Name, $Value) {
        if ($null -eq $Value) { Remove-Item -LiteralPath "env:$Name" -ErrorAction SilentlyContinue } else { Set-Item -LiteralPath "env:$Name" -Value $Value }
    }
}

AfterAll { Stop-EmulatorSuite }

Describe 'Honest errors and tokens' {
    BeforeEach { Clear-EmulatorFaults $Emulator }
    AfterEach {
        Clear-EmulatorFaults $Emulator
        foreach ($name in @($SavedEnvironment.Keys)) { Set-EnvironmentValue $name $SavedEnvironment[$name] }
        $SavedEnvironment.Clear()
    }

    Context 'point 9: each message says what happened and the one useful next step' {
        It 'never recommends a refused token back, nor hands it to -NextTokenVariable' {
            $failed = Get-Failure { Get-IBScanFindingAggregation @Aws -NextToken 'bogus' -NextTokenVariable t }
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidPaginationTokenException,*'
            $failed[0].ErrorDetails.RecommendedAction | Should -Not -Match 'bogus'
            $failed[0].ErrorDetails.RecommendedAction | Should -Match 'without -NextToken'
            $t | Should -BeNullOrEmpty
        }

        It 'does not echo a 65,535-character token' {
            $failed = Get-Failure { Get-IBScanFindingAggregation @Aws -NextToken ('A' * 65535) }
            $failed.Count | Should -Be 1
            "$($failed[0])".Length + "$($failed[0].ErrorDetails.RecommendedAction)".Length | Should -BeLessThan 1000
        }

        It 'does not advise asking again for a request the service refused as wrong' {
            $failed = Get-Failure { Get-IBScanFindingAggregation @Aws -FilterName foo -FilterValue bar -WarningAction SilentlyContinue }
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRequestException,*'
            $failed[0].ErrorDetails.RecommendedAction | Should -Not -Match 'Ask again'
            $failed[0].ErrorDetails.RecommendedAction | Should -Match 'fails the same way'
        }

        It 'names the endpoint it could not reach, and advises checking it' {
            $port = Get-FreeTcpPort
            $failed = Get-Failure { Get-IBScanFinding -EndpointUrl "http://127.0.0.1:$port" -Region us-east-1 -AccessKey $EmulatorAccessKey -SecretKey $EmulatorSecretKey -Severity CRITICAL -MaxAttempts 1 }
            $failed.Count | Should -Be 1
            "$($failed[0])" | Should -Match "^Could not reach the service at http://127\.0\.0\.1:$port/"
            $failed[0].ErrorDetails.RecommendedAction | Should -Match "^Check that http://127\.0\.0\.1:$port/ is the right endpoint \(-EndpointUrl, -Region\)"
        }

        It 'says a connection dropped mid-body was lost, not unreachable' {
            Add-EmulatorFault $Emulator @{ kind = 'dropConnection'; maxCount = 10 }
            $failed = Get-Failure { Get-IBScanFinding @Aws -Severity CRITICAL -MaxAttempts 1 }
            $failed.Count | Should -Be 1
            "$($failed[0])" | Should -Match 'was lost before the response was complete'
            "$($failed[0])" | Should -Not -Match 'Could not reach'
            $failed[0].ErrorDetails.RecommendedAction | Should -Be 'Ask again for CRITICAL.'
        }

        It 'says a retry after a malformed 200 is about an unreadable answer, not "an error (HTTP 200)"' {
            Add-EmulatorFault $Emulator @{ kind = 'malformedBody'; maxCount = 1 }
            $out = Get-IBScanFinding @Aws -Severity CRITICAL -MaxAttempts 2 -Verbose 4>&1
            $retry = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Retrying*' })
            $retry.Count | Should -Be 1
            $retry[0].Message | Should -Be 'Retrying ListImageScanFindings (attempt 2 of 2) after a response that could not be read (HTTP 200).'
            @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be @($AllFindings | Where-Object Severity -eq 'CRITICAL').Count
        }
    }

    Context 'point 10: -NextTokenVariable after a stop holds where to resume' {
        It 'after Select-Object -First inside a later page: the request token of that page, and resuming loses nothing' {
            $t = 'unset'
            $first = @(Get-IBScanFinding @Aws -PageSize 10 -NextTokenVariable t | Select-Object -First 15)
            $first.Count | Should -Be 15
            $t | Should -Not -BeNullOrEmpty
            $rest = @(Get-IBScanFinding @Aws -PageSize 10 -NextToken $t)
            # The page being written comes again whole (items 10..19), then the rest: nothing skipped.
            ($rest | ForEach-Object { "$($_.ImageBuildVersionArn)|$($_.VulnerabilityId)" }) |
                Should -Be ($AllFindings[10..($AllFindings.Count - 1)] | ForEach-Object { "$($_.ImageBuildVersionArn)|$($_.VulnerabilityId)" })
        }

        It 'after a stop during the first page: an empty string (no token to resume from), not $null (complete)' {
            $t = 'unset'
            $null = Get-IBScanFinding @Aws -PageSize 10 -NextTokenVariable t | Select-Object -First 5
            $t | Should -BeExactly ''
        }

        It 'after Ctrl+C between pages: the next page''s token, and resuming gives exactly the rest' {
            Add-EmulatorFault $Emulator @{ kind = 'latency'; latencyMs = 30000; operation = 'listImageScanFindings'; onRequest = 2; maxCount = 1 }
            $shell = [powershell]::Create()
            try {
                $null = $shell.AddCommand('Import-Module').AddParameter('Name', (Get-BuiltModuleManifest)).AddStatement().
                    AddCommand('Get-IBScanFinding').AddParameters($Aws).AddParameter('PageSize', 5).AddParameter('NextTokenVariable', 'stopAt')
                $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindings'
                $running = $shell.BeginInvoke()
                $deadline = [datetime]::UtcNow.AddSeconds(60)
                while ((Get-EmulatorRequestCount $Emulator 'ListImageScanFindings') -lt $before + 2 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                (Get-EmulatorRequestCount $Emulator 'ListImageScanFindings') | Should -Be ($before + 2)
                $shell.Stop()
                $null = $running.AsyncWaitHandle.WaitOne(10000)
                $shell.InvocationStateInfo.State | Should -Be 'Stopped'
                $token = $shell.Runspace.SessionStateProxy.GetVariable('stopAt')
            }
            finally { $shell.Dispose() }
            $token | Should -Not -BeNullOrEmpty
            Clear-EmulatorFaults $Emulator
            $rest = @(Get-IBScanFinding @Aws -PageSize 5 -NextToken $token)
            $rest.Count | Should -Be ($AllFindings.Count - 5)
        }
    }

    Context 'point 11: -FilterName is checked and takes a known name in any case' {
        It 'sends AccountId as the model spells it (accountId)' {
            $account = $AllFindings[0].AccountId
            $byName = @(Get-IBScanFindingAggregation @Aws -FilterName AccountId -FilterValue $account -ErrorAction Stop)
            ($byName | ForEach-Object { "$($_.Key)=$($_.All)" }) | Should -Be (@(Get-IBScanFindingAggregation @Aws -AccountId $account) | ForEach-Object { "$($_.Key)=$($_.All)" })
        }

        It 'holds a known name''s values to its shape before sending, and refuses a malformed name' {
            $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations'
            $bad = Get-Failure { Get-IBScanFindingAggregation @Aws -FilterName IMAGEPIPELINEARN -FilterValue 'not-an-arn' }
            $bad[0].FullyQualifiedErrorId | Should -BeLike 'InvalidInput,*'
            $malformed = Get-Failure { Get-IBScanFindingAggregation @Aws -FilterName 'account id' -FilterValue 111122223333 }
            $malformed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidInput,*'
            "$($malformed[0])" | Should -Match 'ASCII letters'
            (Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations') | Should -Be $before
        }

        It 'warns that an unknown well-formed name is sent as given, naming the known ones' {
            $out = Get-IBScanFindingAggregation @Aws -FilterName foo -FilterValue bar -ErrorAction SilentlyContinue 3>&1
            $warning = @($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
            $warning.Count | Should -Be 1
            $warning[0].Message | Should -Match "'foo' is not a filter name .* \(accountId, imageBuildVersionArn, imagePipelineArn, vulnerabilityId\); it is sent as given"
        }
    }

    Context 'point 12: the region of an ARN' {
        It 'refuses an ARN of another region than -Region, naming both, before sending' {
            $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations'
            $failed = Get-Failure { Get-IBScanFindingAggregation @Aws -ImageBuildVersionArn $EuImage }
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'RegionMismatch,*'
            "$($failed[0])" | Should -Match 'eu-west-1.*us-east-1'
            $failed[0].ErrorDetails.RecommendedAction | Should -Match '-Region eu-west-1'
            (Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations') | Should -Be $before
        }

        It 'without -Region takes the ARN''s region (over AWS_REGION) and finds what is there' {
            Set-TestEnvironment @{ AWS_REGION = 'us-east-1' }
            $noRegion = $Aws.Clone(); $noRegion.Remove('Region')
            $out = Get-IBScanFindingAggregation @noRegion -ImageBuildVersionArn $EuImage -Verbose 4>&1
            $items = @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            $items.Count | Should -Be 1
            $items[0].All | Should -Be 2
            @($out | Where-Object { "$_" -eq 'Using region eu-west-1, the ARN''s, instead of us-east-1 (from AWS_REGION).' }).Count | Should -Be 1
            @(Get-IBScanFinding @noRegion -ImageBuildVersionArn $EuImage).Count | Should -Be 2
        }

        It 'with no region set anywhere, takes the ARN''s region, and stops any other query with NoRegion before sending' {
            Set-TestEnvironment @{
                AWS_REGION = $null; AWS_DEFAULT_REGION = $null; AWS_PROFILE = $null; AWS_EC2_METADATA_DISABLED = 'true'
                AWS_CONFIG_FILE = '/nonexistent/ibscan-config'; AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/ibscan-credentials'
            }
            $noRegion = $Aws.Clone(); $noRegion.Remove('Region')
            $out = Get-IBScanFinding @noRegion -ImageBuildVersionArn $EuImage -Verbose -ErrorAction Stop 4>&1
            @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 2
            @($out | Where-Object { "$_" -eq 'Using region eu-west-1, the ARN''s (no region is set).' }).Count | Should -Be 1
            @($out | Where-Object { "$_" -like 'Image Builder: no region is set *a query by ARN goes to the ARN''s region*' }).Count | Should -Be 1
            # Piped ARNs each name their region too.
            @($EuImage | Get-IBScanFindingAggregation @noRegion -ErrorAction Stop).Count | Should -Be 1

            $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations'
            # A configuration that cannot serve this query: the command stops (a terminating error), as before any input.
            $failed = try { Get-IBScanFindingAggregation @noRegion; $null } catch { $_ }
            $failed.FullyQualifiedErrorId | Should -BeLike 'NoRegion,*'
            "$failed" | Should -Match 'AWS_REGION'
            $failed.ErrorDetails.RecommendedAction | Should -Match 'ARN'
            (Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations') | Should -Be $before
        }

        It 'asks ARNs of several regions given as a parameter each in its own region, as piped ones, in the order given' {
            # Typed ARNs of two regions were refused (MixedRegions) while the same ARNs piped were each asked in their region.
            $noRegion = $Aws.Clone(); $noRegion.Remove('Region')
            Set-TestEnvironment @{ AWS_REGION = 'us-east-1' }
            $UsPipeline = 'arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend-al2023'
            $EuPipeline = 'arn:aws:imagebuilder:eu-west-1:111122223333:image-pipeline/web-frontend-al2023'
            $finding = { "$($_.ImageBuildVersionArn) $($_.VulnerabilityId) $($_.PackageName)" }
            $aggregation = { "$($_.Kind) $($_.Key) $($_.Region) $($_.AccountId) $($_.All)" }
            foreach ($case in @(
                    @{ Command = 'Get-IBScanFinding'; Parameter = 'ImageBuildVersionArn'; Arns = $EuImage, $UsImage; Show = $finding }
                    @{ Command = 'Get-IBScanFindingAggregation'; Parameter = 'ImageBuildVersionArn'; Arns = $EuImage, $UsImage; Show = $aggregation }
                    @{ Command = 'Get-IBScanFindingAggregation'; Parameter = 'ImagePipelineArn'; Arns = $UsPipeline, $EuPipeline; Show = $aggregation })) {
                $given = @{ $case.Parameter = $case.Arns }
                $typed = @(& $case.Command @noRegion @given -ErrorAction Stop | ForEach-Object $case.Show)
                $piped = @($case.Arns | & $case.Command @noRegion -ErrorAction Stop | ForEach-Object $case.Show)
                $piped.Count | Should -BeGreaterThan 1 -Because "$($case.Command) -$($case.Parameter) has results in both regions"
                $typed | Should -Be $piped -Because "$($case.Command) -$($case.Parameter) $($case.Arns -join ', ')"
                # In the order of the values: the first value's region first, then the second's.
                @($typed | ForEach-Object { if ($_ -match ':(eu-west-1|us-east-1):') { $Matches[1] } } | Select-Object -Unique) |
                    Should -Be @($case.Arns | ForEach-Object { ($_ -split ':')[3] })
            }
        }

        It 'refuses a -Region that contradicts one of several ARNs, naming -Region and the region, before sending anything' {
            $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindings'
            $out = @(Get-IBScanFinding @Aws -ImageBuildVersionArn $UsImage, $EuImage -ErrorVariable failed -ErrorAction SilentlyContinue)
            $out.Count | Should -Be 0
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'RegionMismatch,*'
            "$($failed[0])" | Should -Match 'The ARN is in eu-west-1, but the region given \(-Region\) is us-east-1'
            $failed[0].ErrorDetails.RecommendedAction | Should -Match '-Region eu-west-1'
            (Get-EmulatorRequestCount $Emulator 'ListImageScanFindings') | Should -Be $before
        }
    }

    Context 'point 13: -Debug writes debug records' {
        It 'shows request, page, timing and retry decisions as debug records, and no verbose prompt' {
            Add-EmulatorFault $Emulator @{ kind = 'throttle'; operation = 'listImageScanFindingAggregations'; maxCount = 1 }
            $out = Get-IBScanFindingAggregation @Aws -NoAutoPage -MaxAttempts 2 -Debug 5>&1 4>&1
            $debug = @($out | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
            @($debug -match '^ListImageScanFindingAggregations request 1: no filter, token \(none\)\.$').Count | Should -Be 1
            @($debug -match '^ListImageScanFindingAggregations attempt 1 of 2 failed after \d+ ms with CallRateLimitExceededException \(HTTP 429\); retried after a back-off\.$').Count | Should -Be 1
            @($debug -match '^ListImageScanFindingAggregations attempt 2 of 2: HTTP 200 in \d+ ms, request id [0-9a-f-]{36}\.$').Count | Should -Be 1
            @($debug -match '^ListImageScanFindingAggregations page 1: request id [0-9a-f-]{36}, 1 item\(s\) in \d+ ms, next token .+').Count | Should -Be 1
            # PowerShell gives verbose lines the Inquire preference under -Debug: they come as debug records instead.
            @($debug -match '^Image Builder: region us-east-1').Count | Should -Be 1
            @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
        }
    }

    Context 'point 14: endpoint_url in a shared config profile' {
        BeforeEach {
            $script:Config = Join-Path ([System.IO.Path]::GetTempPath()) "ibscan-config-$([guid]::NewGuid().ToString('N'))"
            $unreachable = "http://127.0.0.1:$(Get-FreeTcpPort)"
            # Keys in the credentials file, endpoints and regions in the config file, as AWS lays them out.
            @"
[services]
aws_access_key_id = $EmulatorAccessKey
aws_secret_access_key = $EmulatorSecretKey
region = us-east-1
[plain]
aws_access_key_id = $EmulatorAccessKey
aws_secret_access_key = $EmulatorSecretKey
region = us-east-1
[ignoring]
aws_access_key_id = $EmulatorAccessKey
aws_secret_access_key = $EmulatorSecretKey
region = us-east-1
"@ | Set-Content -LiteralPath "$Config.credentials"
            @"
[profile services]
region = us-east-1
services = local
endpoint_url = $unreachable
[services local]
imagebuilder =
  endpoint_url = $($Emulator.Url)
[profile plain]
region = us-east-1
endpoint_url = $($Emulator.Url)
[profile ignoring]
region = us-east-1
endpoint_url = $($Emulator.Url)
ignore_configured_endpoint_urls = true
"@ | Set-Content -LiteralPath $Config
            Set-TestEnvironment @{
                AWS_CONFIG_FILE = $Config; AWS_SHARED_CREDENTIALS_FILE = "$Config.credentials"; AWS_PROFILE = $null; AWS_REGION = $null; AWS_DEFAULT_REGION = $null
                AWS_ENDPOINT_URL = $null; AWS_ENDPOINT_URL_IMAGEBUILDER = $null; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = $null
                AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null; AWS_SESSION_TOKEN = $null
            }
            $script:Expected = @(Get-IBScanFindingAggregation @Aws | ForEach-Object { "$($_.Key)=$($_.All)" })
        }
        AfterEach { Remove-Item -LiteralPath $Config, "$Config.credentials" -ErrorAction SilentlyContinue }

        It 'honours the profile''s services section over its endpoint_url' {
            $out = Get-IBScanFindingAggregation -ProfileName services -Verbose 4>&1
            (@($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | ForEach-Object { "$($_.Key)=$($_.All)" }) | Should -Be $Expected
            @($out | Where-Object { "$_" -like "Endpoint from the services section 'local' of profile 'services'*" }).Count | Should -Be 1
        }

        It 'honours the profile''s endpoint_url, with AWS_PROFILE too' {
            (@(Get-IBScanFindingAggregation -ProfileName plain -ErrorAction Stop) | ForEach-Object { "$($_.Key)=$($_.All)" }) | Should -Be $Expected
            Set-TestEnvironment @{ AWS_PROFILE = 'plain' }
            (@(Get-IBScanFindingAggregation -ErrorAction Stop) | ForEach-Object { "$($_.Key)=$($_.All)" }) | Should -Be $Expected
        }

        It 'lets AWS_ENDPOINT_URL win over the profile, and -EndpointUrl over everything' {
            Set-TestEnvironment @{ AWS_ENDPOINT_URL = "http://127.0.0.1:$(Get-FreeTcpPort)" }
            $failed = Get-Failure { Get-IBScanFindingAggregation -ProfileName plain -MaxAttempts 1 }
            "$($failed[0])" | Should -Match ([regex]::Escape("at $($env:AWS_ENDPOINT_URL)/"))
            (@(Get-IBScanFindingAggregation -ProfileName plain -EndpointUrl $Emulator.Url -ErrorAction Stop) | ForEach-Object { "$($_.Key)=$($_.All)" }) | Should -Be $Expected
        }

        It 'ignores configured endpoints when the profile or AWS_IGNORE_CONFIGURED_ENDPOINT_URLS says so' {
            $out = Get-IBScanFindingAggregation -ProfileName ignoring -Verbose -ErrorAction SilentlyContinue -MaxAttempts 1 -TimeoutSec 2 4>&1 2>&1
            @($out | Where-Object { "$_" -match 'endpoint https://imagebuilder\.us-east-1\.amazonaws\.com' }).Count | Should -Be 1
            Set-TestEnvironment @{ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = 'true' }
            $out = Get-IBScanFindingAggregation -ProfileName plain -Verbose -ErrorAction SilentlyContinue -MaxAttempts 1 -TimeoutSec 2 4>&1 2>&1
            @($out | Where-Object { "$_" -match 'endpoint https://imagebuilder\.us-east-1\.amazonaws\.com' }).Count | Should -Be 1
        }

        It 'reads the same file the same way as the AWS CLI' -Skip:(-not (Get-Command aws -CommandType Application -ErrorAction SilentlyContinue)) {
            foreach ($profile in 'services', 'plain') {
                $cli = & aws --profile $profile imagebuilder list-image-scan-finding-aggregations --output json | ConvertFrom-Json
                $LASTEXITCODE | Should -Be 0
                ($cli.responses.accountAggregation | ForEach-Object { "$($_.accountId)=$($_.severityCounts.all)" }) | Should -Be $Expected
            }
        }
    }

    Context 'point 15: an account drill-down says it filtered client-side' {
        It 'reports in -Verbose how many findings were read and how many kept' {
            $account = @(Get-IBScanFindingAggregation @Aws)[0]
            $out = $account | Get-IBScanFinding @Aws -Verbose 4>&1
            $kept = @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            $kept.Count | Should -Be $account.All
            $line = "ListImageScanFindings has no account filter: read $($AllFindings.Count) finding(s) of every account the caller sees, kept $($account.All) of account $($account.AccountId)."
            @($out | Where-Object { "$_" -eq $line }).Count | Should -Be 1
        }
    }
}
