# The benchmarks' floor module (tests/ImageBuilderScan.FloorModule): imported by a manifest like the real one.
@{
    RootModule           = 'ImageBuilderScan.FloorModule.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '3c1f9a57-0d2e-4b8a-9f61-7a4e2c5b8d10'
    Description          = 'Benchmark floor: Get-FloorAggregation emits N aggregation-shaped objects from memory; Get-FloorHttpAggregation lists them over plain HTTP.'
    PowerShellVersion    = '7.4'
    CmdletsToExport      = @('Get-FloorAggregation', 'Get-FloorHttpAggregation')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
}
