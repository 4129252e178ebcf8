namespace ImageBuilderScan.Adapter;

/// <summary>
/// What every command writes, as the session sees it: the object under its stable PSTypeName first
/// (<c>ImageBuilderScan.ScanFinding</c>, the name the views and type data are keyed to and that a copy keeps as
/// <c>Deserialized.ImageBuilderScan.ScanFinding</c>), and a <c>Target</c> note naming the region and the
/// role or profile that produced it (FleetTarget's label), so rows from several targets are never told
/// apart by guesswork and a sum can see what it adds up.
/// </summary>
internal static class OutputObjects
{
    public const string TargetProperty = "Target";

    public static PSObject Wrap(object item, string? target)
    {
        var wrapped = new PSObject(item);
        if (TypeAccelerators.UserName(item.GetType()) is { } name) wrapped.TypeNames.Insert(0, name);
        if (target is not null) wrapped.Properties.Add(new ReadOnlyNote(TargetProperty, target));
        return wrapped;
    }

    /// <summary>A note that cannot be set, as the objects' own properties cannot: where a row came from is a fact about it.</summary>
    private sealed class ReadOnlyNote(string name, object value) : PSNoteProperty(name, value)
    {
        public override bool IsSettable => false;

        public override object Value
        {
            get => base.Value;
            set => throw new SetValueException($"{Name} is a ReadOnly property: it says which target produced the object.");
        }

        public override PSMemberInfo Copy() => new ReadOnlyNote(Name, base.Value);
    }
}
