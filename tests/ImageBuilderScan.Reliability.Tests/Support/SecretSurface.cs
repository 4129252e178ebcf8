using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace ImageBuilderScan.Reliability.Tests.Support;

/// <summary>
/// Everything a user, a log or a transcript could see of an object: its ToString, its System.Text.Json form,
/// and for exceptions the message, ToString and Data of every exception in the chain.
/// </summary>
internal sealed class SecretSurface
{
    // Exceptions carry TargetSite (a MethodBase) and such, which System.Text.Json refuses; leave those out.
    private static readonly JsonSerializerOptions Json = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    for (var i = info.Properties.Count - 1; i >= 0; i--)
                    {
                        var type = info.Properties[i].PropertyType;
                        if (typeof(MemberInfo).IsAssignableFrom(type) || type == typeof(IntPtr)) info.Properties.RemoveAt(i);
                    }
                },
            },
        },
        ReferenceHandler = System.Text.Json.Serialization.ReferenceHandler.IgnoreCycles,
        MaxDepth = 16,
    };

    private readonly List<(string Where, string Text)> _seen = [];

    public void Add(string where, object? value)
    {
        if (value is null) return;
        _seen.Add((where + ".ToString()", value.ToString() ?? ""));
        _seen.Add((where + " as JSON", JsonSerializer.Serialize(value, value.GetType(), Json)));
        for (var e = value as Exception; e is not null; e = e.InnerException)
        {
            _seen.Add((where + " " + e.GetType().Name + ".Message", e.Message));
            foreach (System.Collections.DictionaryEntry entry in e.Data) _seen.Add((where + " Data", $"{entry.Key}={entry.Value}"));
        }
    }

    public void AddLines(string where, IEnumerable<string> lines)
    {
        foreach (var line in lines) _seen.Add((where, line));
    }

    public int Count => _seen.Count;

    public void AssertNoneContains(params string[] secrets)
    {
        foreach (var secret in secrets)
            foreach (var (where, text) in _seen)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} shows a secret: {text}");
    }
}
