using System.Text.RegularExpressions;

namespace ImageBuilderScan.Client.Queries;

/// <summary>The model's rule for every filter value, then the typed shape when the filter has one.</summary>
internal static class FilterValueRule
{
    public const string ExpectedForm =
        "1 to 1024 characters of letters, digits, space and . / _ : , { } \" -";

    private static readonly Regex ModelPattern = new(@"\A[0-9a-zA-Z./_ :,{}""-]{1,1024}\z", RegexOptions.CultureInvariant);

    /// <returns>The value, unchanged.</returns>
    public static string Check(string parameter, string? value, FilterValueShape? shape)
    {
        var form = shape?.ExpectedForm ?? ExpectedForm;
        // Spaces are allowed inside a value, but a blank value never names anything.
        if (string.IsNullOrWhiteSpace(value))
            throw new ScanInputException(parameter, value, form,
                string.IsNullOrEmpty(value) ? "a value is empty." : $"'{InputDisplay.Show(value)}' is blank.");
        if (value.Length > QueryValidator.MaxValueLength)
            throw new ScanInputException(parameter, value, form,
                $"'{InputDisplay.Show(value)}' is {value.Length} characters long; at most {QueryValidator.MaxValueLength} are allowed.");
        if (!ModelPattern.IsMatch(value))
        {
            var at = FirstRefused(value);
            throw new ScanInputException(parameter, value, form,
                $"'{InputDisplay.Show(value)}' holds '{InputDisplay.Show(value[at].ToString())}' " +
                $"(U+{(int)value[at]:X4}) at position {at + 1}, which filter values may not contain.");
        }
        if (shape is not null && !shape.Accepts(value))
            throw new ScanInputException(parameter, value, form, $"'{InputDisplay.Show(value)}' is not {shape.Noun}.");
        return value;
    }

    private static int FirstRefused(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var allowed = c is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z'
                or '.' or '/' or '_' or ' ' or ':' or ',' or '{' or '}' or '"' or '-';
            if (!allowed) return i;
        }
        return 0;
    }
}
