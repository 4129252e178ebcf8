using System.Runtime.CompilerServices;

namespace ImageBuilderScan;

/// <summary>
/// For the isolation tests (and curious users): where the engine and its AWSSDK.Core came from.
/// <c>[ImageBuilderScan.ModuleProbe]::Describe()</c> after Import-Module.
/// </summary>
public static class ModuleProbe
{
    // Kept apart so that calling Describe is what first resolves the engine, not loading this type.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string Describe() => Engine.Diagnostics.EngineProbe.Describe();
}
