using System.Globalization;
using ImageBuilderScan.Benchmarks;

// dotnet run -c Release --project tests/ImageBuilderScan.Benchmarks [-- --quick]
// dotnet run -c Release --project tests/ImageBuilderScan.Benchmarks -- pwsh [--rounds N] [--trace]   (the PowerShell section)
// dotnet run -c Release --project tests/ImageBuilderScan.Benchmarks -- fleet [--rounds N]              (the fan-out row, issue 14)
// dotnet run -c Release --project tests/ImageBuilderScan.Benchmarks -- html [--rounds N]               (the HTML report at size in chromium, issue 24)
// dotnet run -c Release --project tests/ImageBuilderScan.Benchmarks -- engine [--quick]                (the engine throughput rows only, about a minute)
// dotnet run -c Release --project tests/ImageBuilderScan.Benchmarks -- hostile [--runs N]            (peak memory under a hostile endpoint, issue 21)
// Child modes (used by the harness itself): coldstart <engine|raw> <url>, memory <engine|raw> <url> <items>.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
return args switch
{
    ["coldstart", var mode, var url] => await ColdStart.ChildAsync(mode, url),
    ["pwsh", .. var options] => PwshHarness.Run(PwshOptions.Parse(options)),
    ["fleet", .. var options] => await FleetBench(options),
    ["html", .. var options] => HtmlBench(options),
    ["hostile", .. var options] => HostileBench(options),
    ["hostile-memory", var url, var expected] => await HostileMemory.ChildAsync(url, expected),
    ["memory", var mode, var url, var items] => await StreamingMemory.ChildAsync(mode, url, long.Parse(items, CultureInfo.InvariantCulture)),
    ["engine", .. var options] => await Harness.RunAsync(quick: options.Contains("--quick"), engineOnly: true),
    _ => await Harness.RunAsync(quick: args.Contains("--quick")),
};

static async Task<int> FleetBench(string[] options)
{
    var rounds = options is ["--rounds", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 3;
    var result = await FleetWorkload.RunAsync(rounds);
    var table = FleetWorkload.Markdown(result);
    Console.WriteLine(table);
    Directory.CreateDirectory(Path.Combine(RepoPaths.Root(), "output", "bench"));
    File.WriteAllText(Path.Combine(RepoPaths.Root(), "output", "bench", "fleet-latest.md"), table + "\n");
    return result.IdealRatio <= 1.25 && result.Speedup >= 6 && result.MemoryRatio <= 1.2 ? 0 : 1;
}

static int HtmlBench(string[] options)
{
    var rounds = options is ["--rounds", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 3;
    var rows = HtmlReportWorkload.Run(rounds);
    var table = HtmlReportWorkload.Markdown(rows);
    Console.WriteLine(table);
    File.WriteAllText(Path.Combine(RepoPaths.Root(), "output", "bench", "html-latest.md"), table + "\n");
    // Targets: well under 10 MB, and loaded in the browser within a few blank-page loads (chromium's own start).
    return rows.All(r => r.Bytes < 10 * 1048576 && r.LoadRatio <= 4) ? 0 : 1;
}

static int HostileBench(string[] options)
{
    var runs = options is ["--runs", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 3;
    var rows = HostileMemory.Measure(runs);
    var table = HostileMemory.Markdown(rows);
    Console.WriteLine(table);
    Directory.CreateDirectory(Path.Combine(RepoPaths.Root(), "output", "bench"));
    File.WriteAllText(Path.Combine(RepoPaths.Root(), "output", "bench", "hostile-latest.md"), table + "\n");
    return rows.All(r => r.PeakBytes <= rows[0].PeakBytes * 1.25) ? 0 : 1;
}
