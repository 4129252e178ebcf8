namespace ImageBuilderScan.Engine.Gate;

/// <summary>The finding rules of the gate, in the order they are asked (the first that answers decides).</summary>
public static class GateRules
{
    /// <summary>An excepted finding is suppressed even when it is also inherited or not fixable: the file's reason is shown.</summary>
    public static IReadOnlyList<IFindingRule> All { get; } =
    [
        new ExceptionRule(),
        new BaselineRule(),
        new FixableOnlyRule(),
    ];
}
