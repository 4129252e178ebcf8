namespace ImageBuilderScan.Module.Tests;

/// <summary>
/// The credential and region parameters as AWS Tools spells them (AWSCommonArgumentsCmdlet in
/// aws/aws-tools-for-powershell), and no abbreviation that lands a secret or a profile in the wrong
/// parameter: <c>-ST token</c> once resolved, by prefix, to -StoredCredentials, so the token was
/// looked up as a profile name and printed in the error.
/// </summary>
public sealed class CredentialParameterTests
{
    /// <summary>Parameters whose value is a secret or names a profile (a wrong one is printed or read as another account).</summary>
    private static readonly HashSet<string> Sensitive = new(StringComparer.OrdinalIgnoreCase)
        { "AccessKey", "SecretKey", "SessionToken", "Credential", "ProfileName", "ProfileLocation" };

    public static TheoryData<string> AwsCmdlets()
    {
        var data = new TheoryData<string>();
        foreach (var name in CmdletMetadata.Cmdlets.Values.Where(c => c.Parameters.ContainsKey("SessionToken")).Select(c => c.Name).Order()) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(AwsCmdlets))]
    public void Names_and_aliases_are_AWS_Tools_own(string cmdlet)
    {
        var parameters = CmdletMetadata.Cmdlets[cmdlet].Parameters;
        string[] Aliases(string name) => parameters[name].Aliases.Order().ToArray();
        Assert.Equal(["AK"], Aliases("AccessKey"));
        Assert.Equal(["SecretAccessKey", "SK"], Aliases("SecretKey"));
        Assert.Equal(["ST"], Aliases("SessionToken"));
        Assert.Equal(["AWSProfileName", "StoredCredentials"], Aliases("ProfileName"));
        Assert.Equal(["AWSProfilesLocation", "ProfilesLocation"], Aliases("ProfileLocation"));
        Assert.Equal(["RegionToCall"], Aliases("Region"));
        Assert.Empty(Aliases("EndpointUrl"));
        Assert.Empty(Aliases("Credential"));
    }

    [Theory]
    [MemberData(nameof(AwsCmdlets))]
    public void No_prefix_of_a_name_or_alias_resolves_to_another_parameter_that_takes_a_secret_or_a_profile(string cmdlet)
    {
        var parameters = CmdletMetadata.Cmdlets[cmdlet].Parameters.Values.ToList();
        var wrong = new List<string>();
        foreach (var parameter in parameters)
        {
            foreach (var name in parameter.Aliases.Prepend(parameter.Name))
            {
                for (var length = 1; length <= name.Length; length++)
                {
                    var typed = name[..length];
                    var resolved = Resolve(parameters, typed);
                    if (resolved is null || resolved.Name == parameter.Name) continue;
                    // A name the other parameter declares exactly (-St of -StoredCredentials is AWS Tools' -ST)
                    // is that parameter's, as the user typed it: not an abbreviation that went astray.
                    if (resolved.Aliases.Prepend(resolved.Name).Contains(typed, StringComparer.OrdinalIgnoreCase)) continue;
                    if (Sensitive.Contains(resolved.Name) || Sensitive.Contains(parameter.Name))
                        wrong.Add($"-{typed} (of -{name}) binds -{resolved.Name}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("ST", "SessionToken")]
    [InlineData("SK", "SecretKey")]
    [InlineData("AK", "AccessKey")]
    [InlineData("Stored", "ProfileName")]
    [InlineData("SecretAccessKey", "SecretKey")]
    [InlineData("RegionToCall", "Region")]
    public void The_resolver_model_binds_AWS_Tools_spellings(string typed, string expected) =>
        Assert.Equal(expected, Resolve(CmdletMetadata.Cmdlets["Get-IBScanFinding"].Parameters.Values.ToList(), typed)?.Name);

    /// <summary>
    /// PowerShell's rule (MergedCommandParameterMetadata.GetMatchingParameter): an exact name or alias
    /// wins; else the one parameter a name or alias of which starts with what was typed (the cmdlet's
    /// own beat common parameters, so those can be left out); several: AmbiguousParameter, an error
    /// that binds nothing. Null when nothing binds.
    /// </summary>
    private static CmdletParameter? Resolve(IReadOnlyList<CmdletParameter> parameters, string typed)
    {
        static IEnumerable<string> Names(CmdletParameter p) => p.Aliases.Prepend(p.Name);
        var exact = parameters.Where(p => Names(p).Any(n => string.Equals(n, typed, StringComparison.OrdinalIgnoreCase))).ToList();
        if (exact.Count == 1) return exact[0];
        var byPrefix = parameters.Where(p => Names(p).Any(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase))).ToList();
        return byPrefix.Count == 1 ? byPrefix[0] : null;
    }
}
