using System.Globalization;

namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// The PowerShell section (issue 12): the built module in fresh pwsh processes against the floor
/// module and the AWS CLI, the emulator in its own processes. Prints the table and writes it to
/// output/bench/pwsh-latest.md.
/// </summary>
internal static class PwshHarness
{
    private static readonly string[] PwshFlags = ["-NoLogo", "-NoProfile", "-NonInteractive"];

    public static int Run(PwshOptions options)
    {
        var pwsh = PwshTool.Locate();
        var ours = PwshSide.Module();
        var floor = PwshSide.Floor();
        var scripts = new ScriptFolder(Path.Combine(RepoPaths.Root(), "output", "bench", "pwsh-scripts"));
        var report = new PwshReport(PwshTool.Version, options.Rounds);
        Console.Error.WriteLine($"pwsh: {pwsh}; module: {ours.Manifest}; floor: {floor.Manifest}");
        using var small = EmulatorProcess.Start("--synthetic-keys", "1000", "--page-size", "100");
        using var medium = EmulatorProcess.Start("--synthetic-keys", "10000", "--page-size", "100");
        using var large = EmulatorProcess.Start("--synthetic-keys", "100000", "--page-size", "1000");

        Metrics[] Pair(string name, Func<PwshSide, string> script, bool pgoOff = false, PwshSide? peer = null)
        {
            var other = peer ?? floor;
            var (o, f) = (scripts.Write($"ours-{name}", script(ours)), scripts.Write($"{(peer is null ? "floor" : "raw")}-{name}", script(other)));
            var runs = Interleaved.Run(options.Rounds, 1, () => File(pwsh, o, pgoOff), () => File(pwsh, f, pgoOff));
            Console.Error.WriteLine($"done: {name}");
            return [new Metrics(runs[0]), new Metrics(runs[1])];
        }

        var import = Pair("import", PwshScripts.Import);
        report.Row("Import-Module (in a -File script)", import[0]["import_ms"], import[1]["import_ms"], "floor", "ms", target: 1.5);

        var first = Pair("first-item", s => PwshScripts.FirstItem(s, small.BaseAddress, 1000));
        report.Row("Process start to first item (import + first item, 1,000 keys, page 100)", first[0]["first_ms"], first[1]["first_ms"], "floor", "ms", target: 1.5);

        if (options.WireOnly)
        {
            // Issue 23's rows and the guards that no row may make worse: import, first item, whole process against the AWS CLI.
            PwshWire.Rows(pwsh, ours, scripts, report, options.Rounds);
            WholeProcessRows(pwsh, ours, floor, medium, large, report, options.Rounds);
            return Finish(report, "pwsh-wire-latest.md");
        }

        var list1k = Pair("listing-1000", s => PwshScripts.Listing(s, small.BaseAddress, 1000));
        var list100k = Pair("listing-100000", s => PwshScripts.Listing(s, large.BaseAddress, 100_000, s == ours ? large.ProcessId : 0));
        report.Row("First full listing, 1,000 (page 100) `\\| Measure-Object`", list1k[0]["first_ms"], list1k[1]["first_ms"], "floor", "ms");
        report.Row("First full listing, 100,000 (page 1000) `\\| Measure-Object`", list100k[0]["first_ms"], list100k[1]["first_ms"], "floor", "ms", target: 1.5);
        report.Row("Warm full listing, 1,000 (second in the session)", list1k[0]["warm_ms"], list1k[1]["warm_ms"], "floor", "ms");
        report.Row("Warm full listing, 100,000 (second in the session)", list100k[0]["warm_ms"], list100k[1]["warm_ms"], "floor", "ms", target: 1.3);
        report.Row("Fifth full listing, 100,000, in the session (tiering settled)", list100k[0]["settled_ms"], list100k[1]["settled_ms"], "floor", "ms");
        report.Row("CPU time of the first 100,000 listing (pwsh + emulator; every thread)", list100k[0]["first_cpu_ms"], list100k[1]["first_cpu_ms"], "floor", "ms");
        report.Row("CPU time of the second 100,000 listing (pwsh + emulator; every thread)", list100k[0]["warm_cpu_ms"], list100k[1]["warm_cpu_ms"], "floor", "ms");
        // The server's share: what the emulator alone spends serving the pages, which no client can go below
        // and the in-memory floor never pays.
        report.Row("The emulator's own CPU time serving the second 100,000 listing, against the floor's whole second listing", list100k[0]["warm_emulator_cpu_ms"], list100k[1]["warm_ms"], "floor", "ms");
        report.Row("Peak working set (VmHWM) after the 100,000 listings", list100k[0]["hwm_kb"], list100k[1]["hwm_kb"], "floor", "KiB");

        // What any HTTP client of this API costs here: the same listing through plain HttpClient, no SDK.
        var raw = PwshSide.RawHttp();
        var viaHttp = Pair("listing-100000-raw", s => PwshScripts.Listing(s, large.BaseAddress, 100_000), peer: raw);
        report.Row("First full listing, 100,000, against a plain HttpClient cmdlet", viaHttp[0]["first_ms"], viaHttp[1]["first_ms"], "raw HTTP", "ms");
        report.Row("Warm full listing, 100,000 (second), against a plain HttpClient cmdlet", viaHttp[0]["warm_ms"], viaHttp[1]["warm_ms"], "raw HTTP", "ms");
        report.Row("Fifth full listing, 100,000, against a plain HttpClient cmdlet", viaHttp[0]["settled_ms"], viaHttp[1]["settled_ms"], "raw HTTP", "ms");
        report.Row("Raw HTTP's own first full listing, 100,000, against the floor", viaHttp[1]["first_ms"], list100k[1]["first_ms"], "floor", "ms");
        report.Row("Raw HTTP's own warm full listing, 100,000 (second), against the floor", viaHttp[1]["warm_ms"], list100k[1]["warm_ms"], "floor", "ms");

        EngineAloneRows(large, list100k[1], report, options.Rounds);

        // Diagnosis, not a setting of ours: the same processes with the runtime's profile-guided tiering off.
        var noPgo = Pair("listing-100000-pgo-off", s => PwshScripts.Listing(s, large.BaseAddress, 100_000), pgoOff: true);
        report.Row("Diagnosis, DOTNET_TieredPGO=0 in both processes: first full listing, 100,000", noPgo[0]["first_ms"], noPgo[1]["first_ms"], "floor", "ms");
        report.Row("Diagnosis, DOTNET_TieredPGO=0: warm full listing, 100,000 (second)", noPgo[0]["warm_ms"], noPgo[1]["warm_ms"], "floor", "ms");
        report.Row("Diagnosis, DOTNET_TieredPGO=0: fifth full listing, 100,000", noPgo[0]["settled_ms"], noPgo[1]["settled_ms"], "floor", "ms");

        ProgressRows(pwsh, ours, scripts, report, options.Rounds);
        PwshWire.Rows(pwsh, ours, scripts, report, options.Rounds);

        WholeProcessRows(pwsh, ours, floor, medium, large, report, options.Rounds);

        report.Note($"Each row: {options.Rounds} rounds after one warm-up round, each round one fresh process per side in rotated order; " +
                    "times are the medians per side, the ratio is the median of the rounds' ratios.");
        report.Note("The progress rows take at least 7 rounds (the cost sought is a few percent); the terminal is tests/ImageBuilderScan.Benchmarks/terminal.py, a pty that answers cursor queries as a terminal emulator does.");
        report.Note("The DOTNET_TieredPGO=0 rows are a diagnosis: .NET's profile-guided tiering recompiles every hot method of a request (HttpClient, AWSSDK.Core, the reader) twice over the first listings; the module sets nothing in the host's runtime.");
        report.Note("Raw HTTP is Get-FloorHttpAggregation (tests/ImageBuilderScan.FloorModule): every page over one HttpClient with a minimal SigV4, Utf8JsonReader into the floor's objects, no SDK, retries, validation or read-ahead. Its rows against the floor pair runs of different rows, so they are medians of unpaired ratios.");
        report.Note("The floor is tests/ImageBuilderScan.FloorModule: one binary cmdlet writing aggregation-shaped objects from memory (no I/O, no format file, no dependencies).");
        report.Note("The emulator runs in its own processes on loopback; the AWS CLI pages itself (`--output json > /dev/null`), both with the emulator's keys from the environment.");

        if (options.Trace) Trace(pwsh, scripts.Write("ours-first-item", PwshScripts.FirstItem(ours, small.BaseAddress, 1000)));

        return Finish(report, "pwsh-latest.md");
    }

    private static int Finish(PwshReport report, string name)
    {
        report.Print(Console.Out);
        var path = Path.Combine(RepoPaths.Root(), "output", "bench", name);
        using (var file = System.IO.File.CreateText(path)) report.Print(file);
        Console.WriteLine($"written to {path}");
        return report.AllTargetsMet ? 0 : 1;
    }

    /// <summary>The whole-process rows: `pwsh -Command` import and a listing of 10,000 and 100,000, against the AWS CLI (and the floor).</summary>
    private static void WholeProcessRows(string pwsh, PwshSide ours, PwshSide floor, EmulatorProcess medium, EmulatorProcess large, PwshReport report, int rounds)
    {
        var cli = AwsCliPeer.Available();
        foreach (var (emulator, count, page, target) in new[] { (medium, 10_000L, 100, 1.0), (large, 100_000L, 1000, 2.0) })
        {
            var what = $"Whole process, {count:N0} (page {page}): `pwsh -Command` import, `$null =` the listing";
            Verify(pwsh, ours, emulator.BaseAddress, count);
            Verify(pwsh, floor, emulator.BaseAddress, count);
            Func<double> runOurs = () => Command(pwsh, PwshScripts.WholeProcess(ours, emulator.BaseAddress, count));
            Func<double> runFloor = () => Command(pwsh, PwshScripts.WholeProcess(floor, emulator.BaseAddress, count));
            if (cli)
            {
                var seen = CliListing.Count(emulator.BaseAddress);
                if (seen != count) throw new InvalidOperationException($"aws cli saw {seen} items, expected {count}");
                var runs = Interleaved.Run(rounds, 1, runOurs, runFloor, () => CliListing.TimeMs(emulator.BaseAddress));
                report.Row(what, runs[0], runs[2], "AWS CLI", "ms", peerOverOurs: true, target: target);
                report.Row($"Whole process, {count:N0}: the same against the floor", runs[0], runs[1], "floor", "ms");
            }
            else
            {
                var runs = Interleaved.Run(rounds, 1, runOurs, runFloor);
                report.Row(what, runs[0], runs[1], "floor", "ms");
            }
            Console.Error.WriteLine($"done: whole process {count}");
        }
        if (!cli) report.Note("AWS CLI not on PATH: the CLI rows were skipped.");
    }

    /// <summary>
    /// Progress's cost: the 100,000 listing in a terminal with the bar shown and hidden, against an
    /// emulator answering in 10 ms a request, so the listing runs past the bar's one-second delay.
    /// Fails when the bar was not drawn where it should be, or drawn where it should not.
    /// </summary>
    private static void ProgressRows(string pwsh, PwshSide ours, ScriptFolder scripts, PwshReport report, int rounds)
    {
        if (!TerminalProcess.Available())
        {
            report.Note("python3 not on PATH: the progress rows (a terminal) were skipped.");
            return;
        }

        using var slow = EmulatorProcess.Start("--synthetic-keys", "100000", "--page-size", "1000", "--latency-ms", "10");
        IReadOnlyDictionary<string, double> Side(string preference, bool drawn)
        {
            var metrics = Path.Combine(RepoPaths.Root(), "output", "bench", "pwsh-scripts", $"progress-{preference}.txt");
            var script = scripts.Write($"ours-progress-{preference}", PwshScripts.Progress(ours, slow.BaseAddress, 100_000, preference, metrics));
            var (values, screen) = TerminalProcess.Run(pwsh, [.. PwshFlags, "-File", script], metrics);
            if (screen.Contains("page(s)", StringComparison.Ordinal) != drawn)
                throw new InvalidOperationException($"$ProgressPreference {preference}: the bar was {(drawn ? "not " : "")}drawn:\n{screen}");
            return values;
        }

        // The cost sought is a few percent of a noisy fresh-process time: more rounds than the other rows.
        var runs = Interleaved.Run(Math.Max(rounds, 7), 1, () => Side("Continue", drawn: true), () => Side("SilentlyContinue", drawn: false));
        Console.Error.WriteLine("done: progress");
        var (shown, hidden) = (new Metrics(runs[0]), new Metrics(runs[1]));
        report.Row("Progress bar's cost: first listing, 100,000 (10 ms a request) in a terminal, bar shown / hidden", shown["first_ms"], hidden["first_ms"], "hidden", "ms", target: 1.03);
        report.Row("Progress bar's cost: the same, second in the session", shown["warm_ms"], hidden["warm_ms"], "hidden", "ms");
    }

    /// <summary>
    /// The engine with no PowerShell, the same five listings in one process: under the JIT as the
    /// module runs it, and published with NativeAOT. Against the floor's listings of the same row
    /// (<paramref name="floor"/>), so unpaired. Skipped with a note where NativeAOT cannot publish.
    /// </summary>
    private static void EngineAloneRows(EmulatorProcess large, Metrics floor, PwshReport report, int rounds)
    {
        var native = AotProbe.PublishNative(out var why);
        if (native is null)
        {
            report.Note($"The engine-alone NativeAOT rows were skipped: {why}");
            return;
        }
        var url = large.BaseAddress.ToString().TrimEnd('/');
        var jit = AotProbe.JitDll();
        var runs = Interleaved.Run(rounds, 1,
            () => TimedProcess.Run("dotnet", [jit, url, "100000"]).Metrics(),
            () => TimedProcess.Run(native, [url, "100000"]).Metrics());
        Console.Error.WriteLine("done: engine alone");
        var (underJit, ahead) = (new Metrics(runs[0]), new Metrics(runs[1]));
        report.Row("Engine alone (no PowerShell), under the JIT: first listing, 100,000", underJit["first_ms"], floor["first_ms"], "floor", "ms");
        report.Row("Engine alone, under the JIT: warm (second) listing", underJit["warm_ms"], floor["warm_ms"], "floor", "ms");
        report.Row("Engine alone, under the JIT: fifth listing", underJit["settled_ms"], floor["settled_ms"], "floor", "ms");
        report.Row("Engine alone, NativeAOT (no JIT at all): first listing", ahead["first_ms"], floor["first_ms"], "floor", "ms");
        report.Row("Engine alone, NativeAOT: warm (second) listing", ahead["warm_ms"], floor["warm_ms"], "floor", "ms");
        report.Row("Engine alone, NativeAOT: fifth listing", ahead["settled_ms"], floor["settled_ms"], "floor", "ms");
        report.Note("Engine alone is tests/ImageBuilderScan.AotProbe: the engine's five listings in one process with no PowerShell and no objects handed on, " +
                    "run with dotnet (the JIT, as in the module) and published with -p:PublishAot=true; against the floor's listings of the 100,000 row, so medians of unpaired ratios.");
    }

    private static IReadOnlyDictionary<string, double> File(string pwsh, string script, bool pgoOff = false) =>
        TimedProcess.Run(pwsh, [.. PwshFlags, "-File", script], pgoOff: pgoOff).Metrics();

    private static double Command(string pwsh, string command) =>
        TimedProcess.Run(pwsh, [.. PwshFlags, "-Command", command], stdoutToNull: true).Elapsed.TotalMilliseconds;

    private static void Verify(string pwsh, PwshSide side, Uri endpoint, long count)
    {
        var seen = TimedProcess.Run(pwsh, [.. PwshFlags, "-Command", PwshScripts.WholeProcessCount(side, endpoint, count)]).Metrics()["count"];
        if (seen != count) throw new InvalidOperationException($"{side.Name}: listed {seen} items, expected {count}");
    }

    /// <summary>The first-call script once more with the module's timing trace on (IBSCAN_TRACE=1): whatever it writes to stderr.</summary>
    private static void Trace(string pwsh, string script)
    {
        var run = TimedProcess.Run(pwsh, [.. PwshFlags, "-File", script], trace: true);
        Console.Error.WriteLine("--- IBSCAN_TRACE=1, import + first item: stdout ---");
        Console.Error.WriteLine(run.Stdout.TrimEnd());
        Console.Error.WriteLine("--- stderr ---");
        Console.Error.WriteLine(run.Stderr.Length == 0 ? "(nothing)" : run.Stderr.TrimEnd());
    }
}

/// <summary>One side's runs of a script: each metric's values, round by round.</summary>
internal sealed class Metrics(List<IReadOnlyDictionary<string, double>> runs)
{
    public IReadOnlyList<double> this[string name] => runs.Select(r => r[name]).ToList();
}

/// <summary>Where the generated scripts go (gitignored output/), one file per side and row.</summary>
internal sealed class ScriptFolder(string path)
{
    public string Write(string name, string text)
    {
        Directory.CreateDirectory(path);
        var file = Path.Combine(path, name + ".ps1");
        System.IO.File.WriteAllText(file, text);
        return file;
    }
}

/// <summary><c>pwsh</c> [--rounds N] [--trace] [--wire] (--wire: issue 23's rows and the guard rows: import, first item, whole process)</summary>
internal sealed record PwshOptions(int Rounds, bool Trace, bool WireOnly = false)
{
    public static PwshOptions Parse(IReadOnlyList<string> args)
    {
        var rounds = 5;
        var trace = false;
        var wire = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--rounds" when i + 1 < args.Count: rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--trace": trace = true; break;
                case "--wire": wire = true; break;
                default: throw new ArgumentException($"unknown option {args[i]}; pwsh [--rounds N] [--trace] [--wire]");
            }
        }
        if (rounds < 1) throw new ArgumentException("--rounds must be at least 1");
        return new PwshOptions(rounds, trace, wire);
    }
}
