using System.Collections;
using System.Management.Automation.Language;
using ImageBuilderScan.Engine.Gate;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// The parameters of a command as its own text wrote them (InvocationInfo.Statement), for a switch
/// PowerShell never bound because a parameter before it failed binding (<see cref="SwitchOnCommandLine"/> decides).
/// A splatted hashtable is read from the variable it names.
/// </summary>
internal static class CommandLineText
{
    public static bool Asked(string wanted, InvocationInfo invocation, SessionState state)
    {
        try
        {
            // InvocationInfo.Statement (PowerShell 7.4+; the reference assemblies are 5.1's): the command's own extent.
            if (PSObject.AsPSObject(invocation).Properties["Statement"]?.Value is not string { Length: > 0 } text) return false;
            var script = Parser.ParseInput(text, out _, out _);
            // This command's own element: the statement is the whole pipeline (Get-Content f | Test-IBScanGate ...).
            if (script.Find(a => a is CommandAst c && string.Equals(c.GetCommandName(), invocation.InvocationName, StringComparison.OrdinalIgnoreCase),
                    searchNestedScriptBlocks: true) is not CommandAst command) return false;
            var names = invocation.MyCommand.Parameters.Values.SelectMany(p => p.Aliases.Prepend(p.Name)).ToList();
            return SwitchOnCommandLine.Asked(wanted, Given(command, state).ToList(), names);
        }
        catch (Exception error) when (error is not (PipelineStoppedException or OutOfMemoryException))
        {
            // Read on dispose, where nothing may throw: a line that cannot be read asked nothing that can be shown.
            return false;
        }
    }

    private static IEnumerable<SwitchOnCommandLine.Given> Given(CommandAst command, SessionState state)
    {
        foreach (var element in command.CommandElements)
        {
            if (element is CommandParameterAst parameter)
            {
                yield return new(parameter.ParameterName, parameter.Argument is null ? null : ValueOf(parameter.Argument));
            }
            else if (element is VariableExpressionAst { Splatted: true } splat
                     && Unwrap(state.PSVariable.GetValue(splat.VariablePath.UserPath)) is IDictionary table)
            {
                foreach (DictionaryEntry entry in table)
                    yield return new(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "", LanguagePrimitives.IsTrue(entry.Value));
            }
        }
    }

    /// <summary>-ExitCode:$false or :0 is false; any other value (an expression not evaluated here) true.</summary>
    private static bool ValueOf(ExpressionAst argument) => argument switch
    {
        VariableExpressionAst variable => !variable.VariablePath.UserPath.Equals("false", StringComparison.OrdinalIgnoreCase),
        ConstantExpressionAst constant => LanguagePrimitives.IsTrue(constant.Value),
        _ => true,
    };

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
