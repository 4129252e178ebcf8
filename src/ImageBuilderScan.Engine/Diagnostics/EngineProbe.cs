using System.Reflection;
using System.Runtime.Loader;

namespace ImageBuilderScan.Engine.Diagnostics;

/// <summary>
/// Where the engine, its client and their AWSSDK.Core were loaded from, for the isolation tests and for
/// <c>-Debug</c> output. Touches an AWSSDK type so Core is really loaded when asked.
/// </summary>
public static class EngineProbe
{
    public static Assembly AwsSdkCore => typeof(Amazon.Runtime.ClientConfig).Assembly;

    public static string Describe()
    {
        var engine = typeof(EngineProbe).Assembly;
        var client = typeof(ImageBuilderScan.Client.ImageBuilderScanClient).Assembly;
        return $"engine={Describe(engine)}; client={Describe(client)}; core={Describe(AwsSdkCore)}";
    }

    private static string Describe(Assembly assembly)
    {
        var context = AssemblyLoadContext.GetLoadContext(assembly)?.Name ?? "?";
        var file = assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version ?? "?";
        return $"{assembly.GetName().Name} {assembly.GetName().Version} (file {file}) in '{context}'";
    }
}
