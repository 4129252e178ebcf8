# Module manifest for ImageBuilderScan. ModuleVersion must equal <VersionPrefix> in
# Directory.Build.props (a test checks it); CmdletsToExport must equal the cmdlets that exist.
@{
    RootModule           = 'bin/ImageBuilderScan.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = 'f7db1e98-5a59-49fc-9f44-f5665fa62b07'
    Author               = 'ImageBuilderScan contributors'
    CompanyName          = 'ImageBuilderScan contributors'
    Copyright            = '(c) ImageBuilderScan contributors. MIT License.'
    Description          = 'EC2 Image Builder image scan findings for PowerShell: Get-IBScanFindingAggregation streams one object per aggregation with its severity counts, Get-IBScanFinding drills down to the findings behind a count, Test-IBScanGate gates a build on its scan (failing closed), Compare-IBScanFinding diffs two builds, Export-IBScanReport writes SARIF, JUnit or Markdown. Several regions and accounts in one call, auto-paging, typed filters, format views, and its own AWSSDK.Core isolated from AWS Tools.'
    PowerShellVersion    = '7.4'
    TypesToProcess       = @('ImageBuilderScan.Types.ps1xml')
    FormatsToProcess     = @('ImageBuilderScan.Format.ps1xml')
    CmdletsToExport      = @('Get-IBScanFindingAggregation', 'Get-IBScanFinding', 'Test-IBScanGate', 'Compare-IBScanFinding', 'Export-IBScanReport')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'EC2ImageBuilder', 'ImageBuilder', 'Inspector', 'Vulnerability', 'Security', 'CVE', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/ImageBuilderScan/ImageBuilderScan'
            LicenseUri   = 'https://github.com/ImageBuilderScan/ImageBuilderScan/blob/main/LICENSE'
            ReleaseNotes = 'First release: Get-IBScanFindingAggregation and Get-IBScanFinding (typed filters, auto-paging with -NoAutoPage, -NextToken and -NextTokenVariable, drill-down by pipeline, several regions and accounts in one call), Test-IBScanGate (a CI gate that fails closed, with exceptions and baselines), Compare-IBScanFinding (what a build fixed and introduced) and Export-IBScanReport (SARIF, JUnit, Markdown); format views, AWS Tools'' parameter names, and AWSSDK.Core isolation from AWS Tools.'
        }
    }
}
