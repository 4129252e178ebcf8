#Requires -Version 7.4
# Pester 5. What a daily AWS Tools user types (issue 22): AWS Tools' parameter names and aliases, the key at
# position 0, no abbreviation that lands a secret or a profile in another parameter.
# Runs against the built module (output/ImageBuilderScan/<version>) and a local emulator.

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    Import-Module (Get-BuiltModuleManifest) -Force -ErrorAction Stop
    $script:Emulator = Start-TestEmulator -PageSize 25
    $script:Aws = $script:Emulator.Aws
    $script:AllFindings = @(Get-IBScanFinding @Aws -ErrorAction Stop)
    $script:Image = @($AllFindings.ImageBuildVersionArn | Where-Object { $_ -like '*:us-east-1:*' } | Sort-Object -Unique)[0]
    $script:AwsCmdlets = @(Get-Command -Module ImageBuilderScan | Where-Object { $_.Parameters.ContainsKey('SessionToken') })
}

AfterAll {
    Stop-TestEmulator $script:Emulator
    Remove-Module ImageBuilderScan -ErrorAction SilentlyContinue
}

Describe 'AWS Tools parameter names' {
    It '<_> takes -AK, -SK, -ST, -SecretAccessKey, -RegionToCall, -StoredCredentials, -ProfilesLocation' -ForEach @('Get-IBScanFinding', 'Get-IBScanFindingAggregation', 'Test-IBScanGate', 'Compare-IBScanFinding') {
        $command = Get-Command $_
        $command.ResolveParameter('AK').Name | Should -Be 'AccessKey'
        $command.ResolveParameter('SK').Name | Should -Be 'SecretKey'
        $command.ResolveParameter('SecretAccessKey').Name | Should -Be 'SecretKey'
        $command.ResolveParameter('ST').Name | Should -Be 'SessionToken'
        $command.ResolveParameter('RegionToCall').Name | Should -Be 'Region'
        $command.ResolveParameter('StoredCredentials').Name | Should -Be 'ProfileName'
        $command.ResolveParameter('AWSProfileName').Name | Should -Be 'ProfileName'
        $command.ResolveParameter('ProfilesLocation').Name | Should -Be 'ProfileLocation'
        $command.ResolveParameter('AWSProfilesLocation').Name | Should -Be 'ProfileLocation'
    }

    It 'PowerShell''s own resolver binds no prefix of a name or alias to another parameter that takes a secret or a profile' {
        $sensitive = 'AccessKey', 'SecretKey', 'SessionToken', 'Credential', 'ProfileName', 'ProfileLocation'
        $wrong = foreach ($command in $AwsCmdlets) {
            foreach ($parameter in $command.Parameters.Values) {
                foreach ($name in @($parameter.Name) + @($parameter.Aliases)) {
                    for ($length = 1; $length -le $name.Length; $length++) {
                        $typed = $name.Substring(0, $length)
                        # AmbiguousParameter is an error that binds nothing: not a wrong binding.
                        $resolved = try { $command.ResolveParameter($typed) } catch { $null }
                        # A name the other parameter declares exactly (-St of -StoredCredentials is AWS Tools' -ST) is not an abbreviation.
                        $exact = $resolved -and ($typed -eq $resolved.Name -or $resolved.Aliases -contains $typed)
                        if ($resolved -and -not $exact -and $resolved.Name -ne $parameter.Name -and ($resolved.Name -in $sensitive -or $parameter.Name -in $sensitive)) {
                            "$($command.Name) -$typed (of -$name) binds -$($resolved.Name)"
                        }
                    }
                }
            }
        }
        $wrong | Should -BeNullOrEmpty
    }

    It '-AK/-SK/-ST sign a real request (the emulator verifies SigV4 with these keys)' {
        $found = @(Get-IBScanFinding -ImageBuildVersionArn $Image -EndpointUrl $Aws.EndpointUrl -RegionToCall us-east-1 -AK $Aws.AccessKey -SK $Aws.SecretKey -ErrorAction Stop)
        $found.Count | Should -BeGreaterThan 0
    }

    It '-ST with a token is the session token: never looked up as a profile, never printed' {
        $token = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN0123456789'
        $errors = @(Get-IBScanFinding -ImageBuildVersionArn $Image -EndpointUrl $Aws.EndpointUrl -AK $Aws.AccessKey -SK $Aws.SecretKey -ST $token 2>&1 |
            Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        # The emulator refuses a token it did not issue; what matters is how the token was taken.
        foreach ($e in $errors) {
            "$e $($e.ErrorDetails) $($e.Exception)" | Should -Not -Match ([regex]::Escape($token))
            $e.FullyQualifiedErrorId | Should -Not -Match 'Profile'
        }
    }
}

Describe 'The key at position 0' {
    It 'Get-IBScanFinding with an ARN first lists that build''s findings (as -ImageBuildVersionArn does)' {
        $positional = @(Get-IBScanFinding $Image @Aws -ErrorAction Stop)
        $named = @(Get-IBScanFinding -ImageBuildVersionArn $Image @Aws -ErrorAction Stop)
        $positional.Count | Should -Be $named.Count
        $positional.Count | Should -BeGreaterThan 0
        @($positional.ImageBuildVersionArn | Sort-Object -Unique) | Should -Be @($Image)
    }

    It 'Get-IBScanFindingAggregation with an ARN first is that build''s aggregation' {
        $aggregation = @(Get-IBScanFindingAggregation $Image @Aws -ErrorAction Stop)
        $aggregation.Count | Should -Be 1
        $aggregation[0].Key | Should -Be $Image
    }

    It 'Test-IBScanGate with an ARN first judges the build' {
        # Passed or failed, the result is written before a failure ends the statement.
        try { $null = Test-IBScanGate $Image @Aws -OutVariable result } catch { $_.FullyQualifiedErrorId | Should -Match 'ScanGateFailed' }
        $result.ImageBuildVersionArn | Should -Be $Image
    }
}
