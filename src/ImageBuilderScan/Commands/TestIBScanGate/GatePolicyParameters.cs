using System.Collections;
using System.Globalization;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Engine.Gate;
using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Adapter;

/// <summary>Test-IBScanGate's policy parameters, checked before anything is sent: names the parameter and the expected form.</summary>
internal static class GatePolicyParameters
{

    /// <exception cref="ScanInputException">A severity, allowance or exceptions file that cannot be used.</exception>
    public static GatePolicy Build(string failOn, IDictionary? maxCount, bool fixableOnly, string? exceptionsPath, bool allowIncompleteScan)
    {
        var lowest = SeverityRank.Parse("FailOn", failOn);

        var allowances = new Dictionary<FindingSeverity, int>();
        foreach (DictionaryEntry entry in maxCount ?? new Hashtable())
        {
            var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture);
            if (!SeverityRank.TryParse(key, out var severity))
                throw new ScanInputException("MaxCount", key, "a hashtable of severity = count, e.g. @{ HIGH = 5 }, with keys " + SeverityRank.ExpectedForm, $"'{key}' is not a severity.");
            if (!TryCount(entry.Value, out var count))
                throw new ScanInputException("MaxCount", Convert.ToString(entry.Value, CultureInfo.InvariantCulture), "a whole number of 0 or more for each severity, e.g. @{ HIGH = 5 }",
                    $"the allowance for {severity.ToServiceName()} is not a whole number of 0 or more.");
            if (severity < lowest)
                throw new ScanInputException("MaxCount", key, $"severities at or above -FailOn {lowest.ToServiceName()}",
                    $"{severity.ToServiceName()} is below -FailOn {lowest.ToServiceName()}, so it never fails the gate and an allowance for it would do nothing.");
            // A hashtable made case-sensitive (or any dictionary) can name one severity twice, HIGH and high: which one
            // would win depends on the hash order, so the gate's verdict would too.
            if (!allowances.TryAdd(severity, count))
                throw new ScanInputException("MaxCount", key, "a hashtable of severity = count naming each severity at most once, e.g. @{ HIGH = 5 }",
                    $"{severity.ToServiceName()} is named twice (allowances {allowances[severity]} and {count}), so the allowance for it is not clear.");
        }

        var exceptions = exceptionsPath is null ? ExceptionList.Empty : ExceptionsFile.Load(exceptionsPath);
        return new GatePolicy
        {
            FailOn = lowest, MaxCount = allowances, FixableOnly = fixableOnly, Exceptions = exceptions, AllowIncompleteScan = allowIncompleteScan,
        };
    }

    /// <summary>A parameter that was given (bound) with no value or an empty one: refused naming it (<see cref="ScanGate.RequireValues"/>).</summary>
    /// <exception cref="ScanInputException">The parameter was given an empty value.</exception>
    public static void RequireGiven(IDictionary<string, object> bound, string parameterName, IReadOnlyList<string?>? values, string expected)
    {
        if (bound.ContainsKey(parameterName)) ScanGate.RequireValues(parameterName, values, expected);
    }

    private static bool TryCount(object? value, out int count)
    {
        value = value is System.Management.Automation.PSObject wrapped ? wrapped.BaseObject : value;
        count = 0;
        return value switch
        {
            int i when i >= 0 => (count = i) >= 0,
            long l when l is >= 0 and <= int.MaxValue => (count = (int)l) >= 0,
            string s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out count),
            _ => false,
        };
    }
}
