using System.Reflection;
using System.Runtime.InteropServices;

namespace ImageBuilderScan.Module.Tests;

/// <summary>One [Parameter] attribute of a property: the set and how it binds.</summary>
internal sealed record ParameterSetEntry(string Set, bool Mandatory, bool ByValue, bool ByPropertyName, int? Position = null);

/// <summary>A cmdlet parameter as PowerShell will see it.</summary>
internal sealed record CmdletParameter(string Name, string TypeName, IReadOnlyList<string> Aliases, IReadOnlyList<ParameterSetEntry> Sets, IReadOnlyList<string> ValidateSet, string? Completer = null, IReadOnlyList<string>? Validators = null);

internal sealed record CmdletInfo(string Name, string ClassName, string? DefaultSet, IReadOnlyList<string> OutputTypes, IReadOnlyDictionary<string, CmdletParameter> Parameters);

/// <summary>
/// Reads the cmdlets' attributes with MetadataLoadContext: nothing is executed and no PowerShell
/// runs (PowerShellStandard.Library is a stub whose attribute objects read back empty).
/// </summary>
internal static class CmdletMetadata
{
    private const string AllSets = "__AllParameterSets";

    // Declared before Cmdlets: static initializers run in order and Read() sets this.
    public static IReadOnlyList<string> AssemblyReferences { get; private set; } = [];

    public static IReadOnlyDictionary<string, CmdletInfo> Cmdlets { get; } = Read();

    /// <summary>Every cmdlet's name, for a theory that holds for each (a new cmdlet is in it without a test edit).</summary>
    public static TheoryData<string> Names => new(Cmdlets.Keys.Order(StringComparer.Ordinal));

    private static IReadOnlyDictionary<string, CmdletInfo> Read()
    {
        var paths = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Concat(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"))
            .GroupBy(Path.GetFileName).Select(g => g.First());
        using var context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        var assembly = context.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "ImageBuilderScan.dll"));
        AssemblyReferences = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var result = new Dictionary<string, CmdletInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in assembly.GetExportedTypes())
        {
            var cmdlet = type.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.Name == "CmdletAttribute");
            if (cmdlet is null) continue;
            var name = $"{cmdlet.ConstructorArguments[0].Value}-{cmdlet.ConstructorArguments[1].Value}";
            var defaultSet = Named(cmdlet, "DefaultParameterSetName") as string;
            var outputs = type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute")
                .SelectMany(a => a.ConstructorArguments).SelectMany(Values).OfType<Type>().Select(t => t.FullName!).ToList();
            var parameters = new Dictionary<string, CmdletParameter>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var attributes = property.GetCustomAttributesData();
                var sets = attributes.Where(a => a.AttributeType.Name == "ParameterAttribute").Select(a => new ParameterSetEntry(
                    Named(a, "ParameterSetName") as string ?? AllSets,
                    Named(a, "Mandatory") as bool? ?? false,
                    Named(a, "ValueFromPipeline") as bool? ?? false,
                    Named(a, "ValueFromPipelineByPropertyName") as bool? ?? false,
                    Named(a, "Position") as int?)).ToList();
                if (sets.Count == 0) continue;
                var aliases = attributes.Where(a => a.AttributeType.Name == "AliasAttribute")
                    .SelectMany(a => a.ConstructorArguments).SelectMany(Values).OfType<string>().ToList();
                var validateSet = attributes.Where(a => a.AttributeType.Name == "ValidateSetAttribute")
                    .SelectMany(a => a.ConstructorArguments).SelectMany(Values).OfType<string>().ToList();
                var completer = attributes.Where(a => a.AttributeType.Name == "ArgumentCompleterAttribute")
                    .SelectMany(a => a.ConstructorArguments).Select(a => a.Value).OfType<Type>().Select(t => t.FullName).FirstOrDefault();
                var validators = attributes.Select(a => a.AttributeType).Where(t => t.Name.StartsWith("Validate", StringComparison.Ordinal)).Select(t => t.FullName!).ToList();
                parameters[property.Name] = new CmdletParameter(property.Name, property.PropertyType.FullName!, aliases, sets, validateSet, completer, validators);
            }

            result[name] = new CmdletInfo(name, type.Name, defaultSet, outputs, parameters);
        }

        return result;
    }

    private static object? Named(CustomAttributeData data, string name) =>
        data.NamedArguments.Where(a => a.MemberName == name).Select(a => a.TypedValue.Value).FirstOrDefault();

    private static IEnumerable<object?> Values(CustomAttributeTypedArgument argument) =>
        argument.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : [argument.Value];
}
