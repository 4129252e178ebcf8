namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// Glob matching with <c>*</c> (any run, '/' and ':' included) and <c>?</c> (one character), ordinal
/// and case-insensitive. Greedy with one back-track point, so a match costs at most
/// pattern length times text length, whatever the pattern.
/// </summary>
public static class Wildcard
{
    public static bool IsMatch(string pattern, string? text)
    {
        if (text is null) return false;
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    private static bool Same(char a, char b) => a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
}
