
namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// Image Builder's service-2.json, found by walking up from the test binaries to a folder that holds
/// <c>shared/reference</c> (the shared folder sits beside the repository, or beside an ancestor of a worktree).
/// Checks a JSON request body against an operation's input shape, member by member.
/// </summary>
internal sealed class ServiceModel
{
    private readonly JsonElement _root;

    private ServiceModel(JsonElement root) => _root = root;

    public static string? Path { get; } = Find();

    /// <summary>Null when the reference folder is absent (tests using it are then skipped, saying why).</summary>
    public static ServiceModel? Instance { get; } = Path is null ? null : new ServiceModel(JsonDocument.Parse(File.ReadAllText(Path)).RootElement);

    public static ServiceModel Required => Instance ?? throw new InvalidOperationException("service-2.json not found.");

    public string SigningName => _root.GetProperty("metadata").GetProperty("signingName").GetString()!;

    public string Method(string operation) => Http(operation).GetProperty("method").GetString()!;

    public string RequestUri(string operation) => Http(operation).GetProperty("requestUri").GetString()!;

    public string InputShape(string operation) =>
        _root.GetProperty("operations").GetProperty(operation).GetProperty("input").GetProperty("shape").GetString()!;

    /// <summary>The wire name of the input member whose shape is <paramref name="shapeType"/> (e.g. the filter member).</summary>
    public string MemberOfType(string operation, string shapeType) =>
        Shape(InputShape(operation)).GetProperty("members").EnumerateObject()
            .Single(m => Shape(m.Value.GetProperty("shape").GetString()!).GetProperty("type").GetString() == shapeType).Name;

    /// <summary>The wire name of the input member with this shape name (e.g. PaginationToken).</summary>
    public string MemberWithShape(string operation, string shapeName) =>
        Shape(InputShape(operation)).GetProperty("members").EnumerateObject()
            .Single(m => m.Value.GetProperty("shape").GetString() == shapeName).Name;

    /// <summary>Every problem of <paramref name="value"/> against the shape: unknown members, JSON types, lengths, ranges.</summary>
    public List<string> Violations(JsonElement value, string shapeName, string at = "$")
    {
        var problems = new List<string>();
        var shape = Shape(shapeName);
        var type = shape.GetProperty("type").GetString();
        switch (type)
        {
            case "structure":
                if (value.ValueKind != JsonValueKind.Object) { problems.Add($"{at}: {value.ValueKind}, expected an object ({shapeName})"); break; }
                var members = shape.GetProperty("members");
                foreach (var property in value.EnumerateObject())
                {
                    if (members.TryGetProperty(property.Name, out var member))
                        problems.AddRange(Violations(property.Value, member.GetProperty("shape").GetString()!, at + "." + property.Name));
                    else
                        problems.Add($"{at}.{property.Name}: not a member of {shapeName}");
                }
                if (shape.TryGetProperty("required", out var required))
                    problems.AddRange(required.EnumerateArray().Select(r => r.GetString()!).Where(r => !value.TryGetProperty(r, out _)).Select(r => $"{at}.{r}: required"));
                break;
            case "list":
                if (value.ValueKind != JsonValueKind.Array) { problems.Add($"{at}: {value.ValueKind}, expected an array ({shapeName})"); break; }
                CheckRange(problems, at, value.GetArrayLength(), shape, "items");
                var itemShape = shape.GetProperty("member").GetProperty("shape").GetString()!;
                var i = 0;
                foreach (var item in value.EnumerateArray()) problems.AddRange(Violations(item, itemShape, $"{at}[{i++}]"));
                break;
            case "string":
                if (value.ValueKind != JsonValueKind.String) { problems.Add($"{at}: {value.ValueKind}, expected a string ({shapeName})"); break; }
                CheckRange(problems, at, value.GetString()!.Length, shape, "characters");
                if (shape.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => a.GetString() == value.GetString()))
                    problems.Add($"{at}: '{value.GetString()}' is not in the enum of {shapeName}");
                break;
            case "integer":
            case "long":
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number)) { problems.Add($"{at}: expected an integer ({shapeName})"); break; }
                CheckRange(problems, at, number, shape, "");
                break;
            default:
                problems.Add($"{at}: shape type {type} is not expected in a request of these operations");
                break;
        }
        return problems;
    }

    private static void CheckRange(List<string> problems, string at, long actual, JsonElement shape, string unit)
    {
        if (shape.TryGetProperty("min", out var min) && actual < min.GetInt64()) problems.Add($"{at}: {actual} {unit} is below the model's min {min}");
        if (shape.TryGetProperty("max", out var max) && actual > max.GetInt64()) problems.Add($"{at}: {actual} {unit} is above the model's max {max}");
    }

    private JsonElement Http(string operation) => _root.GetProperty("operations").GetProperty(operation).GetProperty("http");

    private JsonElement Shape(string name) => _root.GetProperty("shapes").GetProperty(name);

    private static string? Find() => RepoRoot.FindAbove("shared", "reference", "imagebuilder", "service-2.json");
}

/// <summary>A theory that needs service-2.json; reported as skipped, with the reason, where the reference folder is absent.</summary>
public sealed class ServiceModelTheoryAttribute : TheoryAttribute
{
    public ServiceModelTheoryAttribute()
    {
        if (ServiceModel.Path is null)
        {
            Skip = "shared/reference/imagebuilder/service-2.json was not found above the test binaries; the wire format is checked only where the service model is available.";
        }
    }
}
