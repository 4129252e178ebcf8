using System.Reflection;
using System.Reflection.Emit;

namespace ImageBuilderScan.Module.Tests;

/// <summary>
/// The house is one-way layers: Client ← Engine ← module. Assembly references hold the direction between
/// layers (the compiler refuses a cycle there); these tests hold it inside each layer too, over the type
/// references the compiled code really makes (signatures, base types, attributes and every IL operand), so a
/// namespace cycle fails here even when no <c>using</c> line shows it.
/// </summary>
public class LayerTests
{
    private static readonly Assembly ClientAssembly = typeof(ImageBuilderScan.Client.ImageBuilderScanClient).Assembly;
    private static readonly Assembly EngineAssembly = typeof(ImageBuilderScan.Engine.Gate.ScanGate).Assembly;
    private static readonly Assembly ModuleAssembly = typeof(ImageBuilderScan.ModuleLoader).Assembly;

    /// <summary>Each layer below the module: the assemblies it must reference, and those above it (and PowerShell) it must not.</summary>
    public static TheoryData<string, string[], string[]> LowerLayerReferences => new()
    {
        { "ImageBuilderScan.Client", [], ["ImageBuilderScan.Engine", "ImageBuilderScan", "System.Management.Automation"] },
        { "ImageBuilderScan.Engine", ["ImageBuilderScan.Client"], ["ImageBuilderScan", "System.Management.Automation"] },
    };

    [Theory]
    [MemberData(nameof(LowerLayerReferences))]
    public void A_lower_layer_references_the_layers_below_it_and_not_powershell_nor_the_layers_above(string layer, string[] below, string[] above)
    {
        var assembly = new[] { ClientAssembly, EngineAssembly }.Single(a => a.GetName().Name == layer);
        var names = assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.All(below, name => Assert.Contains(name, names));
        Assert.All(above, name => Assert.DoesNotContain(name, names));
    }

    [Fact]
    public void The_module_and_the_engine_see_only_the_clients_public_surface()
    {
        // InternalsVisibleTo is how a layer would reach another's wire internals: only test assemblies may.
        var friends = ClientAssembly.GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName).ToList();
        Assert.DoesNotContain("ImageBuilderScan", friends);
        Assert.DoesNotContain("ImageBuilderScan.Engine", friends);
        Assert.All(friends, f => Assert.True(f.EndsWith(".Tests", StringComparison.Ordinal) || f == "ImageBuilderScan.Benchmarks", f));
        // And no module type touches a client type that is not public (wire, paging, SDK pipeline).
        var reached = References(ModuleAssembly).Concat(References(EngineAssembly))
            .Where(r => r.To.Assembly == ClientAssembly && !IsPublic(r.To))
            .Select(r => $"{r.From.FullName} -> {r.To.FullName}").Distinct().ToList();
        Assert.Empty(reached);
    }

    [Theory]
    [InlineData("ImageBuilderScan.Client")]
    [InlineData("ImageBuilderScan.Engine")]
    [InlineData("ImageBuilderScan")]
    public void No_namespace_cycle(string assemblyName)
    {
        var assembly = new[] { ClientAssembly, EngineAssembly, ModuleAssembly }.Single(a => a.GetName().Name == assemblyName);
        var edges = References(assembly)
            .Where(r => r.To.Assembly == assembly)
            .Select(r => (From: r.From.Namespace!, To: r.To.Namespace!))
            .Where(e => e.From != e.To && e.To.Length > 0)
            .ToHashSet();
        var cycles = StronglyConnected(edges).Where(c => c.Count > 1).Select(c => string.Join(" <-> ", c.Order())).ToList();
        Assert.True(cycles.Count == 0, "Namespace cycles: " + string.Join("; ", cycles) + "\nEdges in them: " +
            string.Join(", ", edges.Where(e => cycles.Any(c => c.Contains(e.From) && c.Contains(e.To))).Select(e => $"{e.From}->{e.To}")));
    }

    private static bool IsPublic(Type type) => type.IsGenericParameter || (type.IsNested ? type.IsNestedPublic && IsPublic(type.DeclaringType!) : type.IsPublic);

    /// <summary>Every (declaring type, referenced type) pair of an assembly's own namespaced types.</summary>
    internal static IEnumerable<(Type From, Type To)> References(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            var from = Outermost(type);
            if (string.IsNullOrEmpty(from.Namespace)) continue;
            foreach (var to in ReferencedBy(type).SelectMany(Flatten).Select(Outermost).Distinct())
                if (!string.IsNullOrEmpty(to.Namespace)) yield return (from, to);
        }
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType) return Flatten(type.GetElementType()!);
        if (type.IsGenericParameter) return [];
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
            return new[] { type.GetGenericTypeDefinition() }.Concat(type.GetGenericArguments().SelectMany(Flatten));
        return [type];
    }

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> ReferencedBy(Type type)
    {
        if (type.BaseType is { } baseType) yield return baseType;
        foreach (var i in type.GetInterfaces()) yield return i;
        foreach (var a in type.CustomAttributes) yield return a.AttributeType;
        foreach (var f in type.GetFields(Declared)) yield return f.FieldType;
        foreach (var p in type.GetProperties(Declared)) yield return p.PropertyType;
        foreach (var e in type.GetEvents(Declared)) if (e.EventHandlerType is { } h) yield return h;
        foreach (var m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (m is MethodInfo mi) yield return mi.ReturnType;
            foreach (var p in m.GetParameters()) yield return p.ParameterType;
            foreach (var a in m.CustomAttributes) yield return a.AttributeType;
            foreach (var t in OperandTypes(m)) yield return t;
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The types an IL body names: every type, method and field token, resolved.</summary>
    private static IEnumerable<Type> OperandTypes(MethodBase method)
    {
        foreach (var member in OperandMembers(method))
        {
            if (member is Type t) yield return t;
            else if (member?.DeclaringType is { } d) yield return d;
            if (member is MethodInfo called) { yield return called.ReturnType; foreach (var p in called.GetParameters()) yield return p.ParameterType; }
            if (member is FieldInfo field) yield return field.FieldType;
        }
    }

    /// <summary>The members an IL body names (type, method and field tokens), resolved.</summary>
    private static IEnumerable<MemberInfo?> OperandMembers(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var typeArgs = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
            i += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField:
                    yield return method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs);
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + 4 * BitConverter.ToInt32(il, i);
                    break;
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                default: i += 4; break;
            }
        }
    }

    /// <summary>
    /// The module has one warning path, CancellableCmdlet.Warn, which scrubs secrets and makes the text inert: a call to
    /// WriteWarning anywhere else could write text from the wire raw (an escape sequence, a bidi control, a CI command).
    /// </summary>
    [Fact]
    public void Every_warning_goes_through_the_one_scrubbing_path()
    {
        var writers = ModuleAssembly.GetTypes()
            .SelectMany(t => t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared)))
            .Where(m => OperandMembers(m).Any(x => x is MethodInfo { Name: "WriteWarning" } w && w.DeclaringType?.Namespace == "System.Management.Automation"))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}").Distinct().ToList();
        Assert.Equal(["ImageBuilderScan.Commands.CancellableCmdlet.Warn"], writers);
    }

    /// <summary>Tarjan's strongly connected components of a directed graph.</summary>
    private static List<List<string>> StronglyConnected(IReadOnlyCollection<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var nodes = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in next.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }

            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            result.Add(component);
        }

        foreach (var n in nodes) if (!index.ContainsKey(n)) Visit(n);
        return result;
    }
}
