namespace ImageBuilderScan.Emulator;

/// <summary>The Image Builder operations the emulator serves (new ones go last: page tokens carry the number).</summary>
public enum EmulatorOperation
{
    ListImageScanFindingAggregations,
    ListImageScanFindings,
    GetImage,
    ListImagePipelineImages,
    ListImageBuildVersions,
}
