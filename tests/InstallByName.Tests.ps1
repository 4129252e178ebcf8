#Requires -Version 7.4
# Pester 5. Install by name, as a user does (issue 22): the built module (output/ImageBuilderScan/<version>) is published
# with Publish-PSResource to a local file repository, then a fresh pwsh with a fresh user scope (its own HOME, so no
# module, repository or setting of the real user is read or touched) installs it by name with
# Install-PSResource -Scope CurrentUser, imports it by name and runs one listing against the emulator (port 0).
# Everything lives in the test drive; nothing leaves loopback (the repository is a folder).
# The README's `Install-PSResource ImageBuilderScan` line (Examples.Tests.ps1, "README.md: Install #2") is this test.

BeforeAll {
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ImageBuilderScan.GateTestHelpers.ps1')
    $script:ModuleFolder = Split-Path -Parent (Get-BuiltModuleManifest)
    $script:Version = Split-Path -Leaf $ModuleFolder
    $script:Emulator = Start-TestEmulator -PageSize 1
    $script:Repository = Join-Path $TestDrive 'repository'
    $null = New-Item -ItemType Directory $Repository

    # A user of its own: HOME, the XDG folders and TMPDIR in the test drive (PowerShell, .NET and PSResourceGet derive
    # the CurrentUser module path, the repository list and their caches from them), the default PSModulePath rebuilt
    # from that HOME, no AWS setting but the emulator's, no telemetry or update check (no network).
    function New-FreshUser([string] $Name) {
        $folder = Join-Path $TestDrive $Name
        # They exist, as in any account: .NET names no folder that does not (GetFolderPath answers ''), and PSResourceGet
        # would then keep its repository list in the working directory.
        foreach ($sub in '.local/share', '.config', '.cache') { $null = New-Item -ItemType Directory (Join-Path $folder $sub) }
        @{
            HOME                        = $folder
            XDG_DATA_HOME               = Join-Path $folder '.local/share'
            XDG_CONFIG_HOME             = Join-Path $folder '.config'
            XDG_CACHE_HOME              = Join-Path $folder '.cache'
            TMPDIR                      = (New-Item -ItemType Directory (Join-Path $folder 'tmp')).FullName
            PSModulePath                = $null
            POWERSHELL_TELEMETRY_OPTOUT = '1'
            POWERSHELL_UPDATECHECK      = 'Off'
            AWS_ENDPOINT_URL            = $Emulator.Url
            AWS_REGION                  = 'us-east-1'
            AWS_ACCESS_KEY_ID           = $EmulatorAccessKey
            AWS_SECRET_ACCESS_KEY       = $EmulatorSecretKey
        }
    }
}

AfterAll {
    Stop-TestEmulator $script:Emulator
}

Describe 'Install by name from a PSResourceGet repository' {
    # On Windows the CurrentUser scope is the Documents folder, which HOME does not move: a fresh user there needs
    # another isolation, not written here.
    It 'publishes the built module, installs it by name into a fresh user scope, imports it by name and lists' -Skip:$IsWindows {
        $publisher = New-FreshUser 'publisher'
        $publish = Join-Path $TestDrive 'publish.ps1'
        Set-Content $publish @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name IBScanLocal -Uri '$Repository' -Trusted
Publish-PSResource -Path '$ModuleFolder' -Repository IBScanLocal
'published: ' + ((Get-ChildItem '$Repository' -Filter '*.nupkg').Name -join ', ')
"@
        $run = Invoke-ChildPwsh $publish $publisher $publisher.HOME
        $run.Output | Should -Match "published: ImageBuilderScan\.$([regex]::Escape($Version))\.nupkg"
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Not -Match 'WARNING' -Because 'Publish-PSResource validates the manifest and has nothing to say about it'

        $user = New-FreshUser 'user'
        $install = Join-Path $TestDrive 'install.ps1'
        Set-Content $install @"
`$ErrorActionPreference = 'Stop'
if (Get-Module -ListAvailable ImageBuilderScan) { throw 'ImageBuilderScan is already visible to a fresh user.' }
Register-PSResourceRepository -Name IBScanLocal -Uri '$Repository' -Trusted
Install-PSResource ImageBuilderScan -Repository IBScanLocal -Scope CurrentUser
Import-Module ImageBuilderScan
`$module = Get-Module ImageBuilderScan
'module: ' + `$module.Version + ' ' + `$module.ModuleBase
`$rows = @(Get-IBScanFindingAggregation)
'rows: ' + `$rows.Count + ' ' + ((`$rows | ForEach-Object { "`$(`$_.AccountId)=`$(`$_.All)" } | Sort-Object) -join ',')
"@
        $run = Invoke-ChildPwsh $install $user $user.HOME
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $installedBase = Join-Path $user.XDG_DATA_HOME "powershell/Modules/ImageBuilderScan/$Version"
        $run.Output | Should -Match "module: $([regex]::Escape($Version)) $([regex]::Escape($installedBase))"
        $run.Output | Should -Match 'rows: 2 111122223333=18,444455556666=14'
        (Get-EmulatorRequestCount $Emulator ListImageScanFindingAggregations) | Should -BeGreaterThan 0
    }
}
