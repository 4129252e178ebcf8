using System.Text;
using System.Xml;
using ImageBuilderScan.HelpBuilder;

// Usage: ImageBuilderScan.HelpBuilder <output.xml> <cmdlet.md>...
// Errors use MSBuild's canonical "file(line): error CODE: text" form so the build shows them as errors.
if (args.Length < 2)
{
    Console.Error.WriteLine("error IBHELP000: usage: ImageBuilderScan.HelpBuilder <output-Help.xml> <cmdlet.md>...");
    return 2;
}

try
{
    var commands = args.Skip(1).Order(StringComparer.Ordinal).Select(f => CommandHelpReader.Read(f, File.ReadAllText(f))).ToList();
    var output = Path.GetFullPath(args[0]);
    Directory.CreateDirectory(Path.GetDirectoryName(output)!);
    var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
    using (var writer = XmlWriter.Create(output, settings))
    {
        MamlWriter.Write(commands).Save(writer);
    }

    Console.WriteLine($"MAML help for {string.Join(", ", commands.Select(c => c.Name))} -> {output}");
    return 0;
}
catch (HelpFormatException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
