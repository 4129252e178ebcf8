namespace ImageBuilderScan.Client.Model;

/// <summary>
/// A finding's severity as the service names it (<c>CRITICAL</c>, <c>HIGH</c>, ...) that compares by
/// rank: <c>UNTRIAGED &lt; INFORMATIONAL &lt; LOW &lt; MEDIUM &lt; HIGH &lt; CRITICAL</c>, a name the service
/// may add later below them all. It prints (ToString, Export-Csv, tables) as the name and equals the
/// name as a string in any case, so <c>Where-Object Severity -eq 'high'</c> and
/// <c>$f.Severity -ge 'HIGH'</c> work, and <c>Sort-Object Severity</c> sorts by rank.
/// </summary>
/// <remarks>
/// <see cref="ScanFinding.Severity"/> stays the string the service sent: ConvertTo-Json writes any
/// other class as an object of its properties, and JSON must carry the name. PowerShell sees this
/// type through the module's type data, a hidden Severity property that shadows the string for
/// Sort-Object, Where-Object and member access (ConvertTo-Json and Export-Csv still read the string).
/// </remarks>
public sealed class ScanSeverity : IComparable, IComparable<ScanSeverity>, IEquatable<ScanSeverity>
{
    // Indexed by the gate's FindingSeverity, so the ranks are defined once (SeverityRank).
    private static readonly ScanSeverity[] Known = Enum.GetValues<FindingSeverity>().OrderBy(s => (int)s)
        .Select(s => new ScanSeverity(SeverityRank.ToServiceName(s), (int)s)).ToArray();

    private ScanSeverity(string name, int rank)
    {
        Name = name;
        Rank = rank;
    }

    /// <summary>The name as the service sent it.</summary>
    public string Name { get; }

    /// <summary>0 (untriaged) to 5 (critical); -1 for a name this version does not know.</summary>
    public int Rank { get; }

    /// <summary>The severity of a name as the service sent it (exact, see <see cref="SeverityRank.Of"/>), or null for none.</summary>
    public static ScanSeverity? Of(string? name)
    {
        if (name is null) return null;
        return SeverityRank.Of(name) is { } severity ? Known[(int)severity] : new ScanSeverity(name, -1);
    }

    /// <summary>A name a person typed, any case (PowerShell's conversions: <c>[ImageBuilderScan.Client.Model.ScanSeverity]'high'</c>, <c>-ge 'high'</c>).</summary>
    public static ScanSeverity Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SeverityRank.TryParse(name, out var severity) ? Known[(int)severity] : new ScanSeverity(name, -1);
    }

    public int CompareTo(ScanSeverity? other)
    {
        if (other is null) return 1;
        var byRank = Rank.CompareTo(other.Rank);
        return byRank != 0 ? byRank : string.Compare(Name, other.Name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Compares with another severity or a severity's name.</summary>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        ScanSeverity other => CompareTo(other),
        string name => CompareTo(Parse(name)),
        _ => throw new ArgumentException($"A severity compares with a severity or its name, not {obj.GetType().Name}.", nameof(obj)),
    };

    public bool Equals(ScanSeverity? other) => other is not null && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Equal to the same severity or its name in any case.</summary>
    public override bool Equals(object? obj) => obj switch
    {
        ScanSeverity other => Equals(other),
        string name => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    public override string ToString() => Name;
}
