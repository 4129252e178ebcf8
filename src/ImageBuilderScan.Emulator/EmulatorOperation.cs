namespace ImageBuilderScan.Emulator;

/// <summary>The two Image Builder operations the emulator serves.</summary>
public enum EmulatorOperation
{
    ListImageScanFindingAggregations,
    ListImageScanFindings,
}
