namespace ImageBuilderScan.Module.Tests;

/// <summary>
/// The engine resolver's lifetime across runspaces: PowerShell calls OnImport in every runspace that
/// imports the module and OnRemove only in the one that removes it.
/// </summary>
public sealed class ModuleLoaderTests
{
    [Fact]
    public void Removing_the_module_from_one_runspace_keeps_the_resolver_for_the_others()
    {
        // Static state: this is the only test that touches it, and it leaves it as it found it.
        var before = ModuleLoader.IsHooked;
        ModuleLoader.Hook();   // runspace A imports
        ModuleLoader.Hook();   // runspace B (a ThreadJob) imports
        ModuleLoader.Unhook(); // A: Remove-Module (or the first half of Import-Module -Force)
        Assert.True(ModuleLoader.IsHooked);
        ModuleLoader.Unhook(); // B removes it too
        Assert.Equal(before, ModuleLoader.IsHooked);
    }

    [Fact]
    public void A_removal_without_an_import_does_not_unbalance_later_imports()
    {
        // Nothing else in this process hooks the resolver (both tests are in this class, which runs its tests one at a
        // time, and each leaves the state as it found it): a live hook here is a leak to report, not a reason to pass.
        Assert.False(ModuleLoader.IsHooked, "the engine resolver is already hooked in this test process: something hooked it and never unhooked it");
        ModuleLoader.Unhook();
        ModuleLoader.Hook();
        Assert.True(ModuleLoader.IsHooked);
        ModuleLoader.Unhook();
        Assert.False(ModuleLoader.IsHooked);
    }
}
