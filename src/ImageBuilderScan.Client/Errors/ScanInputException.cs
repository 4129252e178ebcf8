namespace ImageBuilderScan.Client.Errors;

/// <summary>A value refused before any request was sent. Names the parameter and the expected form.</summary>
public sealed class ScanInputException : ImageBuilderScanException
{
    public ScanInputException(string parameterName, string? value, string expectedForm, string problem)
        : base($"{parameterName}: {problem} Expected {expectedForm}.")
    {
        ParameterName = parameterName;
        Value = value;
        ExpectedForm = expectedForm;
    }

    public string ParameterName { get; }
    /// <summary>The offending value (filter values and tokens only, never a secret).</summary>
    public string? Value { get; }
    public string ExpectedForm { get; }
    /// <summary>The other query member that makes the value impossible (e.g. <c>FirstPageOnly</c>, <c>NextToken</c>), or null.</summary>
    public string? ConflictsWith { get; init; }
    public override string ErrorId => "InvalidInput";
    public override ScanErrorCategory Category => ScanErrorCategory.InvalidArgument;
}
