#Requires -Version 7.4
# Pester 5. Runs against the built module (output/ImageBuilderScan/<version>) and a local emulator.
# ./build.ps1 -Task Test, or: Invoke-Pester ./tests

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    Initialize-EmulatorSuite
    # What the sample data holds, seen through the findings API (every finding, every key).
    Set-SampleFindingVariable
    $script:Cmdlet = 'ImageBuilderScan.Commands.GetIBScanFindingAggregationCommand'
}

AfterAll { Stop-EmulatorSuite }

Describe 'Get-IBScanFindingAggregation' {
    It 'has sample data to test with' {
        $AllFindings.Count | Should -BeGreaterThan 3
        $ImageArns.Count | Should -BeGreaterThan 1
        $PipelineArns.Count | Should -BeGreaterThan 0
        $VulnerabilityIds.Count | Should -BeGreaterThan 2
    }

    Context 'parameter sets' {
        It 'aggregates by account without a filter, and the counts add up to every finding' {
            $result = @(Get-IBScanFindingAggregation @Aws)
            $result.Count | Should -BeGreaterThan 0
            $result.Kind | ForEach-Object { "$_" } | Should -Be (@('Account') * $result.Count)
            ($result | Measure-Object All -Sum).Sum | Should -Be $AllFindings.Count
            ($result | Measure-Object Critical -Sum).Sum | Should -Be @($AllFindings | Where-Object Severity -eq 'CRITICAL').Count
            foreach ($a in $result) { $a.Other | Should -Be ($a.All - $a.Critical - $a.High - $a.Medium) }
        }

        It 'filters by -AccountId' {
            $account = @(Get-IBScanFindingAggregation @Aws)[0]
            $result = @(Get-IBScanFindingAggregation @Aws -AccountId $account.AccountId)
            ($result | Measure-Object All -Sum).Sum | Should -Be $account.All
        }

        It 'filters by -ImageBuildVersionArn, counts equal to that image''s findings' {
            $arn = $ImageArns[0]
            $result = @(Get-IBScanFindingAggregation @Aws -ImageBuildVersionArn $arn)
            $result.Count | Should -BeGreaterThan 0
            ($result | Measure-Object All -Sum).Sum | Should -Be @($AllFindings | Where-Object ImageBuildVersionArn -eq $arn).Count
            ($result | Measure-Object High -Sum).Sum | Should -Be @($AllFindings | Where-Object { $_.ImageBuildVersionArn -eq $arn -and $_.Severity -eq 'HIGH' }).Count
        }

        It 'filters by -ImagePipelineArn' {
            $arn = $PipelineArns[0]
            $result = @(Get-IBScanFindingAggregation @Aws -ImagePipelineArn $arn)
            ($result | Measure-Object All -Sum).Sum | Should -Be @($AllFindings | Where-Object ImagePipelineArn -eq $arn).Count
        }

        It 'filters by -VulnerabilityId with several values' {
            $ids = $VulnerabilityIds[0..1]
            $result = @(Get-IBScanFindingAggregation @Aws -VulnerabilityId $ids)
            ($result | Measure-Object All -Sum).Sum | Should -Be @($AllFindings | Where-Object VulnerabilityId -in $ids).Count
        }

        It 'completes -FilterName with the filter names the service documents' {
            $line = 'Get-IBScanFindingAggregation -FilterName image'
            $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $completion.CompletionMatches.CompletionText | Sort-Object | Should -Be @('imageBuildVersionArn', 'imagePipelineArn')
        }

        It 'takes the -FilterName/-FilterValue escape hatch like the typed parameter' {
            $arn = $PipelineArns[0]
            $typed = @(Get-IBScanFindingAggregation @Aws -ImagePipelineArn $arn | ForEach-Object { "$($_.Key)=$($_.All)" })
            $raw = @(Get-IBScanFindingAggregation @Aws -FilterName imagePipelineArn -FilterValue $arn | ForEach-Object { "$($_.Key)=$($_.All)" })
            $raw | Should -Be $typed
        }
    }

    Context 'pipeline binding' {
        # Why these bind as they do: see the remarks on GetIBScanFindingAggregationCommand.
        It 'binds ImagePipelineArn from a property' {
            $arn = $PipelineArns[0]
            $piped = @([pscustomobject]@{ ImagePipelineArn = $arn } | Get-IBScanFindingAggregation @Aws | ForEach-Object Key)
            $piped | Should -Be @(Get-IBScanFindingAggregation @Aws -ImagePipelineArn $arn | ForEach-Object Key)
        }

        It 'refreshes our own image aggregation by its image key, not by the account it also carries' {
            $image = @(Get-IBScanFindingAggregation @Aws -ImageBuildVersionArn $ImageArns[0]) | Where-Object { "$($_.Kind)" -eq 'Image' } | Select-Object -First 1
            $image | Should -Not -BeNullOrEmpty
            $image.AccountId | Should -Not -BeNullOrEmpty
            $again = @($image | Get-IBScanFindingAggregation @Aws)
            "$($again[0].Kind)" | Should -Be 'Image'
            $again.Key | Should -Contain $image.Key
        }

        # Changed (issue 13, point 3): an object carrying an account and an ARN used to bind AccountId
        # (the default set) and return the account's total; it now means its most specific key.
        It 'takes the most specific key when a foreign object carries an account and an ARN' {
            $account = @(Get-IBScanFindingAggregation @Aws)[0].AccountId
            $result = @([pscustomobject]@{ AccountId = $account; ImageBuildVersionArn = $ImageArns[0] } | Get-IBScanFindingAggregation @Aws)
            $result.Count | Should -Be 1
            "$($result[0].Kind)" | Should -Be 'Image'
            $result[0].Key | Should -Be $ImageArns[0]
        }

        It 'aggregates each piped finding''s image, each image asked once (issue 13, point 3)' {
            $pipeline = $PipelineArns | Sort-Object { @($AllFindings | Where-Object ImagePipelineArn -eq $_).Count } -Descending | Select-Object -First 1
            $findings = @(Get-IBScanFinding @Aws -ImagePipelineArn $pipeline)
            $images = @($findings.ImageBuildVersionArn | Sort-Object -Unique)
            $findings.Count | Should -BeGreaterThan $images.Count   # several findings per image, or the test proves nothing
            $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations'
            $result = @($findings | Get-IBScanFindingAggregation @Aws)
            (Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations') - $before | Should -Be $images.Count
            $result.Kind | ForEach-Object { "$_" } | Sort-Object -Unique | Should -Be 'Image'
            @($result.Key | Sort-Object) | Should -Be $images
            foreach ($a in $result) { $a.All | Should -Be @($findings | Where-Object ImageBuildVersionArn -eq $a.Key).Count }
        }

        It 'classifies piped strings by shape: image, pipeline, account and vulnerability' {
            $account = $AllFindings[0].AccountId
            $result = @($ImageArns[0], $PipelineArns[0], $account, $VulnerabilityIds[0] | Get-IBScanFindingAggregation @Aws)
            ($result | ForEach-Object { "$($_.Kind)=$($_.Key)" }) | Should -Be @(
                "Image=$($ImageArns[0])", "ImagePipeline=$($PipelineArns[0])", "Account=$account", "VulnerabilityId=$($VulnerabilityIds[0])")
        }

        It 'takes AWS Tools'' image and pipeline objects by their Arn' {
            # What Get-EC2IBImageList and Get-EC2IBImagePipelineList emit: Arn, Name, ... and no typed key.
            $result = @([pscustomobject]@{ Arn = $ImageArns[0]; Name = 'x' }, [pscustomobject]@{ Arn = $PipelineArns[0]; Name = 'y' } | Get-IBScanFindingAggregation @Aws)
            ($result | ForEach-Object { "$($_.Kind)=$($_.Key)" }) | Should -Be @("Image=$($ImageArns[0])", "ImagePipeline=$($PipelineArns[0])")
        }

        It 'asks each distinct piped key once per command' {
            $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations'
            $result = @($ImageArns[0], $ImageArns[0], [pscustomobject]@{ ImageBuildVersionArn = $ImageArns[0] } | Get-IBScanFindingAggregation @Aws)
            (Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations') - $before | Should -Be 1
            $result.Count | Should -Be 1
            # A key that came again is said as a detail line: verbose, or debug under -Debug alone (no prompt).
            $verbose = @($ImageArns[0], $ImageArns[0] | Get-IBScanFindingAggregation @Aws -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            @($verbose | Where-Object Message -eq "ImageBuildVersionArn $($ImageArns[0]): already named to this command.").Count | Should -Be 1
            $debug = @($ImageArns[0], $ImageArns[0] | Get-IBScanFindingAggregation @Aws -Debug 5>&1 4>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] })
            @($debug | Where-Object Message -eq "ImageBuildVersionArn $($ImageArns[0]): already named to this command.").Count | Should -Be 1
        }

        It 'binds AWS Tools'' AwsAccountId' {
            $account = @(Get-IBScanFindingAggregation @Aws)[0]
            $result = @([pscustomobject]@{ AwsAccountId = $account.AccountId } | Get-IBScanFindingAggregation @Aws)
            ($result | Measure-Object All -Sum).Sum | Should -Be $account.All
        }

        # Changed (issue 13, point 4): a piped string used to fail PowerShell's binding
        # (InputObjectNotBound); a key string now pipes, and any other gets our error saying what fits.
        It 'refuses a string of no key''s shape, and never takes FilterName from a piped object, sending nothing' {
            $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations'
            'accountId' | Get-IBScanFindingAggregation @Aws -ErrorAction SilentlyContinue -ErrorVariable e | Should -BeNullOrEmpty
            $e.Count | Should -Be 1
            $e[0].FullyQualifiedErrorId | Should -Be "InvalidInput,$Cmdlet"
            $e[0].Exception.Message | Should -Match 'none of the keys'
            $e[0].Exception.Message | Should -Match 'image build version ARN'
            [pscustomobject]@{ FilterName = 'accountId'; FilterValue = '123456789012' } |
                Get-IBScanFindingAggregation @Aws -ErrorAction SilentlyContinue -ErrorVariable e2 | Should -BeNullOrEmpty
            $e2.Count | Should -Be 1
            $e2[0].FullyQualifiedErrorId | Should -Be "InvalidInput,$Cmdlet"
            $e2[0].Exception.Message | Should -Match 'no property this command takes a key from'
            (Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations') | Should -Be $before
        }

        It 'streams each piped record''s results before the next record' {
            $order = [System.Collections.Generic.List[string]]::new()
            $ImageArns[0..1] | ForEach-Object { $order.Add("in:$_"); [pscustomobject]@{ ImageBuildVersionArn = $_ } } |
                Get-IBScanFindingAggregation @Aws | ForEach-Object { $order.Add("out:$($_.ImageBuildVersionArn)") }
            $firstOut = $order.IndexOf(($order | Where-Object { $_ -like 'out:*' } | Select-Object -First 1))
            $order.IndexOf("in:$($ImageArns[1])") | Should -BeGreaterThan $firstOut
        }
    }

    Context 'AWS Tools habits (issue 13, point 5)' {
        It 'takes -NoAutoIteration as -NoAutoPage' {
            $ids = $VulnerabilityIds[0..2]
            $page = @(Get-IBScanFindingAggregation @Aws -VulnerabilityId $ids -NoAutoIteration -NextTokenVariable next)
            $page.Count | Should -Be 1   # the emulator's page size is 1
            $next | Should -Not -BeNullOrEmpty
        }

        It 'completes -Region with region names, not file names' {
            $line = 'Get-IBScanFindingAggregation -Region eu-w'
            $names = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText)
            $names | Should -Contain 'eu-west-1'
            $names | Should -Contain 'eu-west-2'
            $names | Where-Object { $_ -notlike 'eu-w*' } | Should -BeNullOrEmpty
        }

        It 'completes -ProfileName with the profiles of the credentials and config files, read afresh' {
            $dir = Join-Path ([IO.Path]::GetTempPath()) "ibscan-profiles-$([guid]::NewGuid().ToString('N'))"
            $null = New-Item -ItemType Directory $dir
            $saved = $env:AWS_SHARED_CREDENTIALS_FILE, $env:AWS_CONFIG_FILE
            try {
                $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $dir 'credentials'
                $env:AWS_CONFIG_FILE = Join-Path $dir 'config'
                Set-Content $env:AWS_SHARED_CREDENTIALS_FILE "[ibscan-dev]`naws_access_key_id = $EmulatorAccessKey`naws_secret_access_key = $EmulatorSecretKey"
                Set-Content $env:AWS_CONFIG_FILE "[profile ibscan-sso]`nregion = us-east-1"
                $line = 'Get-IBScanFinding -ProfileName ibscan-'
                @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Sort-Object) | Should -Be @('ibscan-dev', 'ibscan-sso')
                Add-Content $env:AWS_SHARED_CREDENTIALS_FILE "[ibscan-new]`naws_access_key_id = $EmulatorAccessKey`naws_secret_access_key = $EmulatorSecretKey"
                @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) | Should -Contain 'ibscan-new'
                # And the profile works as named.
                $noKeys = $Aws.Clone(); $noKeys.Remove('AccessKey'); $noKeys.Remove('SecretKey')
                @(Get-IBScanFindingAggregation @noKeys -ProfileName ibscan-dev).Count | Should -BeGreaterThan 0
            }
            finally {
                $env:AWS_SHARED_CREDENTIALS_FILE, $env:AWS_CONFIG_FILE = $saved
                Remove-Item $dir -Recurse -Force
            }
        }

        It 'takes a PSCredential: access key as user name, secret key as password' {
            $noKeys = $Aws.Clone(); $noKeys.Remove('AccessKey'); $noKeys.Remove('SecretKey')
            $credential = [pscredential]::new($EmulatorAccessKey, (ConvertTo-SecureString $EmulatorSecretKey -AsPlainText -Force))
            $verbose = Get-IBScanFindingAggregation @noKeys -Credential $credential -Verbose 4>&1
            @($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
            ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) -join "`n" | Should -Match 'PSCredential'
            ($verbose | Out-String) | Should -Not -Match $EmulatorSecretKey
            $wrong = [pscredential]::new($EmulatorAccessKey, (ConvertTo-SecureString 'WrongSecretKey000000000000000000000000000' -AsPlainText -Force))
            Get-IBScanFindingAggregation @noKeys -Credential $wrong -MaxAttempts 1 -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
            $err[0].CategoryInfo.Category | Should -BeIn @('PermissionDenied', 'AuthenticationError')
        }
    }

    Context 'paging' {
        It 'returns everything across pages, and -NoAutoPage/-NextToken/-NextTokenVariable walk the same pages' {
            $ids = $VulnerabilityIds[0..2]
            $all = @(Get-IBScanFindingAggregation @Aws -VulnerabilityId $ids -NextTokenVariable done)
            $done | Should -BeNullOrEmpty
            $walk = Invoke-PageWalk Get-IBScanFindingAggregation ($Aws + @{ VulnerabilityId = $ids })
            $walk.PageSizes.Count | Should -BeGreaterThan 1
            ($walk.Items | ForEach-Object Key) | Should -Be ($all | ForEach-Object Key)
            $walk.NextToken | Should -BeNullOrEmpty
        }

        It 'sends one request for Select-Object -First 1' {
            $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations'
            $first = @(Get-IBScanFindingAggregation @Aws -VulnerabilityId $VulnerabilityIds[0..2] | Select-Object -First 1)
            $first.Count | Should -Be 1
            (Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations') - $before | Should -Be 1
        }
    }

    Context 'what users see' {
        It 'renders a table at 120 columns with the shortened key and counts' {
            $image = @(Get-IBScanFindingAggregation @Aws -ImageBuildVersionArn $ImageArns[0]) | Where-Object { "$($_.Kind)" -eq 'Image' } | Select-Object -First 1
            $text = $image | Out-PlainText -Width 120
            $text | Should -Match ([regex]::Escape("$($image.ImageName) $($image.ImageVersion)/$($image.ImageBuild)"))
            $text | Should -Match 'Crit\s+High\s+Med\s+Other\s+All\s+Region\s+AccountId\s+Key'
            $text | Should -Match "(?m)\s$($image.All)\s+$($image.Region)\s+$($image.AccountId)\s+$([regex]::Escape("$($image.ImageName) $($image.ImageVersion)/$($image.ImageBuild)"))\s*$"
            $text | Should -Match '(?m)^\s*Aggregated by: Image\s*$'
            # An 80-column console keeps every count and the whole key (views: tests/Views.Tests.ps1).
            $narrow = $image | Out-PlainText -Width 80
            $narrow | Should -Match 'Crit\s+High\s+Med\s+Other\s+All\s+Region\s+AccountId\s+Key'
            # The key wraps at the space between name and version: each whole.
            $narrow | Should -Match "$([regex]::Escape($image.ImageName))\s+$([regex]::Escape("$($image.ImageVersion)/$($image.ImageBuild)"))"
            $text | Should -Not -Match ([regex]::Escape($image.ImageBuildVersionArn))
            ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 }) | Should -BeNullOrEmpty
            ($image | Format-List | Out-PlainText -Width 120) | Should -Match ([regex]::Escape($image.ImageBuildVersionArn))
        }

        It 'declares its output type' {
            (Get-Command Get-IBScanFindingAggregation).OutputType.Name | Should -Be 'ImageBuilderScan.Client.Model.ScanFindingAggregation'
        }

        It 'says which endpoint and credentials it used, never the secret' {
            $verbose = Get-IBScanFindingAggregation @Aws -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
            ($verbose -join "`n") | Should -Match ([regex]::Escape($Emulator.Url))
            ($verbose -join "`n") | Should -Not -Match $EmulatorSecretKey
            # One line names the connection (the cmdlet used to repeat the engine's line).
            @($verbose | Where-Object { $_ -match 'endpoint' }).Count | Should -Be 1
        }
    }

    Context 'errors' {
        It 'refuses a bad value before sending, as a non-terminating error naming the parameter' {
            $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations'
            $out = Get-IBScanFindingAggregation @Aws -ImagePipelineArn 'not-an-arn' -ErrorAction SilentlyContinue -ErrorVariable err
            $out | Should -BeNullOrEmpty
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be "InvalidInput,$Cmdlet"
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err[0].TargetObject | Should -Contain 'not-an-arn'
            $err[0].Exception.Message | Should -Match 'ImagePipelineArn'
            (Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations') | Should -Be $before
        }

        It 'goes on with the next piped record after one fails' {
            $result = @([pscustomobject]@{ ImagePipelineArn = 'bad' }, [pscustomobject]@{ ImagePipelineArn = $PipelineArns[0] } |
                Get-IBScanFindingAggregation @Aws -ErrorAction SilentlyContinue -ErrorVariable err)
            $err.Count | Should -Be 1
            $result.Count | Should -BeGreaterThan 0
        }

        It 'maps a refused signature to PermissionDenied with the input as target' {
            $bad = $Aws.Clone(); $bad.SecretKey = 'WrongSecretKey000000000000000000000000000'
            Get-IBScanFindingAggregation @bad -VulnerabilityId $VulnerabilityIds[0] -MaxAttempts 1 -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
            $err.Count | Should -Be 1
            $err[0].CategoryInfo.Category | Should -BeIn @('PermissionDenied', 'AuthenticationError')
            $err[0].FullyQualifiedErrorId | Should -BeLike "*,$Cmdlet"
            $err[0].TargetObject | Should -Contain $VulnerabilityIds[0]
        }

        It 'maps an unreachable endpoint to ConnectionError' {
            $gone = $Aws.Clone(); $gone.EndpointUrl = "http://127.0.0.1:$(Get-FreeTcpPort)"
            Get-IBScanFindingAggregation @gone -MaxAttempts 1 -TimeoutSec 5 -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
            $err[0].CategoryInfo.Category | Should -BeIn @('ConnectionError', 'OperationTimeout')
        }

        It 'throws with -ErrorAction Stop' {
            { Get-IBScanFindingAggregation @Aws -VulnerabilityId 'not a vulnerability id!' -ErrorAction Stop } | Should -Throw -ErrorId "InvalidInput,$Cmdlet"
        }

        It 'stops the command when the configuration can never work' {
            { Get-IBScanFindingAggregation -EndpointUrl $Emulator.Url -Region us-east-1 -AccessKey $EmulatorAccessKey -ErrorAction SilentlyContinue } |
                Should -Throw -ErrorId "IncompleteCredentials,$Cmdlet"
        }
    }

    Context 'faults, resume and stop' {
        # Faults go through the emulator's control API; each test clears what it set.
        BeforeEach { Clear-EmulatorFaults $Emulator }
        AfterEach { Clear-EmulatorFaults $Emulator }

        It 'retries throttling, says so in -Verbose, and still returns every aggregation once' {
            $expected = @(Get-IBScanFindingAggregation @Aws -AccountId $AllFindings[0].AccountId)
            Add-EmulatorFault $Emulator @{ kind = 'throttle'; operation = 'listImageScanFindingAggregations'; maxCount = 2 }
            $verbose = Get-IBScanFindingAggregation @Aws -AccountId $AllFindings[0].AccountId -MaxAttempts 3 -Verbose 4>&1
            $items = @($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            ($items | ForEach-Object { "$($_.Key)=$($_.All)" }) | Should -Be ($expected | ForEach-Object { "$($_.Key)=$($_.All)" })
            @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^Retrying ListImageScanFindingAggregations \(attempt [23] of 3\)' }).Count | Should -Be 2
        }

        It 'maps endless throttling to LimitsExceeded and a 503 to ResourceUnavailable' {
            Add-EmulatorFault $Emulator @{ kind = 'throttle'; maxCount = 100 }
            Get-IBScanFindingAggregation @Aws -MaxAttempts 2 -ErrorAction SilentlyContinue -ErrorVariable throttled | Should -BeNullOrEmpty
            $throttled[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
            Clear-EmulatorFaults $Emulator
            Add-EmulatorFault $Emulator @{ kind = 'serviceUnavailable'; maxCount = 100 }
            Get-IBScanFindingAggregation @Aws -MaxAttempts 1 -ErrorAction SilentlyContinue -ErrorVariable unavailable | Should -BeNullOrEmpty
            $unavailable[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        }

        It 'keeps what a failed listing already wrote, and resumes from the token in the error to exactly the rest' {
            # Page size 1: each aggregation is a page; the third request fails for good.
            $expected = @(Get-IBScanFindingAggregation @Aws -VulnerabilityId $VulnerabilityIds | ForEach-Object Key)
            $expected.Count | Should -BeGreaterThan 3
            Add-EmulatorFault $Emulator @{ kind = 'serviceError'; operation = 'listImageScanFindingAggregations'; onRequest = 3; maxCount = 1 }
            $first = @(Get-IBScanFindingAggregation @Aws -VulnerabilityId $VulnerabilityIds[0..9] -MaxAttempts 1 -NextTokenVariable resume -ErrorAction SilentlyContinue -ErrorVariable failed)
            $first.Count | Should -Be 2
            $failed.Count | Should -Be 1
            $failed[0].ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape("-NextToken '$resume'"))
            $rest = @(Get-IBScanFindingAggregation @Aws -VulnerabilityId $VulnerabilityIds[0..9] -NextToken $resume)
            @($first.Key) + @($rest.Key) | Should -Be @(Get-IBScanFindingAggregation @Aws -VulnerabilityId $VulnerabilityIds[0..9] | ForEach-Object Key)
        }

        It 'stops a hanging request at once when the pipeline is stopped (Ctrl+C)' {
            Add-EmulatorFault $Emulator @{ kind = 'latency'; latencyMs = 30000; maxCount = 5 }
            $shell = [powershell]::Create()
            try {
                $null = $shell.AddCommand('Import-Module').AddParameter('Name', (Get-BuiltModuleManifest)).AddStatement().AddCommand('Get-IBScanFindingAggregation').AddParameters($Aws)
                # Stop only once the request is in flight (the emulator has received it and holds it 30 s):
                # a stop before the command even ran would prove nothing.
                $before = Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations'
                $running = $shell.BeginInvoke()
                $deadline = [datetime]::UtcNow.AddSeconds(60)
                while ((Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations') -eq $before -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                (Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations') | Should -Be ($before + 1)
                $shell.Stop()
                $null = $running.AsyncWaitHandle.WaitOne(60000)
                $shell.InvocationStateInfo.State | Should -Be 'Stopped'
                # The emulator holds the request 30 s: it ends by the client hanging up only if the stop cancelled it
                # rather than waiting it out. Once it has ended, the log shows nothing more was sent.
                $held = (Wait-EmulatorRequest $Emulator 'ListImageScanFindingAggregations' -Until { param($r) $r[-1].completed })[-1]
                $held.clientAborted | Should -BeTrue -Because 'a stop cancels the request in flight'
                (Get-EmulatorRequestCount $Emulator 'ListImageScanFindingAggregations') | Should -Be ($before + 1)
            }
            finally { $shell.Dispose() }
        }

        It 'uses $StoredAWSRegion (Set-DefaultAWSRegion) when -Region is not given' {
            $noRegion = $Aws.Clone(); $noRegion.Remove('Region')
            $global:StoredAWSRegion = 'eu-central-1'
            try {
                $line = Get-IBScanFindingAggregation @noRegion -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'endpoint' } | Select-Object -First 1
                $line.Message | Should -Match 'eu-central-1'
            }
            finally { Remove-Variable StoredAWSRegion -Scope Global -ErrorAction SilentlyContinue }
        }
    }

    Context 'help' {
        # The build generates the MAML from en-US/*.md (no PlatyPS needed), so it is always there.
        It 'has synopsis, description, parameters and examples in Get-Help' {
            Assert-ListingHelp Get-IBScanFindingAggregation -Synopsis 'aggregated by account' -Description 'ListImageScanFindingAggregations'
            (Get-Help Get-IBScanFindingAggregation -Parameter NoAutoPage).aliases | Should -Be 'NoAutoIteration'
            (Get-Help about_ImageBuilderScan | Out-String) | Should -Match 'NextTokenVariable'
        }
    }
}

Describe 'Get-IBScanFindingAggregation output objects (issue 13 point 8)' {
    It 'writes Kind as its name in JSON and CSV' {
        $aggregation = Get-IBScanFindingAggregation @Aws -ImagePipelineArn $PipelineArns[0] | Select-Object -First 1
        $aggregation.Kind | Should -BeOfType [string]
        ($aggregation | ConvertTo-Json | ConvertFrom-Json).Kind | Should -Be 'ImagePipeline'
        ($aggregation | ConvertTo-Csv | ConvertFrom-Csv).Kind | Should -Be 'ImagePipeline'
        $aggregation.PipelineName | Should -Not -BeNullOrEmpty
        $aggregation.Region | Should -Be 'us-east-1'
    }

    It 'is read-only: setting a count fails and leaves the value' {
        $aggregation = Get-IBScanFindingAggregation @Aws | Select-Object -First 1
        $critical = $aggregation.Critical
        { $aggregation.Critical = 0 } | Should -Throw -ExpectedMessage '*ReadOnly*'
        { $aggregation.Kind = 'Image' } | Should -Throw
        $aggregation.Critical | Should -Be $critical
        @($aggregation.PSObject.Properties | Where-Object { $_.IsSettable }).Name | Should -BeNullOrEmpty
    }

    It 'shows every property in Format-List' {
        $aggregation = Get-IBScanFindingAggregation @Aws -ImageBuildVersionArn $ImageArns[0] | Select-Object -First 1
        $listed = ($aggregation | Format-List | Out-String -Width 300) -split "`n" | ForEach-Object { if ($_ -match '^(\w+)\s*:') { $Matches[1] } }
        $aggregation.PSObject.Properties.Name | Where-Object { $_ -notin $listed } | Should -BeNullOrEmpty
    }
}
