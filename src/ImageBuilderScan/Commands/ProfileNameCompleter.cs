using System.Collections;
using ImageBuilderScan.Client.Connection;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Tab completion for -ProfileName: the profiles of the shared credentials and config files (or of
/// the -ProfileLocation already typed), read afresh on each completion; never file names.
/// </summary>
public sealed class ProfileNameCompleter : NameCompleter
{
    protected override IEnumerable<string> Names(IDictionary? boundParameters) => AwsNames.Profiles(ProfileLocation(boundParameters));

    private static string? ProfileLocation(IDictionary? bound)
    {
        if (bound is null) return null;
        foreach (var name in new[] { "ProfileLocation", "AWSProfilesLocation", "ProfilesLocation" })
        {
            if (bound.Contains(name) && bound[name] is { } value) return (value is PSObject p ? p.BaseObject : value).ToString();
        }

        return null;
    }
}
