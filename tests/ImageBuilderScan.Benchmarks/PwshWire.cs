using System.Globalization;

namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// Issue 23's rows: many builds at the speed of one. One warm pwsh session against an emulator answering in 80 ms a
/// request (a service across a network): each row's one call against the loop a user would write over the same builds,
/// alternating which goes first, the medians over the rounds; and the wait row: a scan completing a set time after the
/// gate started waiting, and how long after that the gate returned, against one poll interval.
/// </summary>
internal static class PwshWire
{
    private const int LatencyMs = 80;
    // -WaitIntervalSec 1: polls 1, 1.5, 2.25, 3.4 s apart, then 4 s (the cap, 4 times the first), each ±20 %.
    private const double WaitIntervalSec = 1;
    private const int ScanStepMs = 1000; // PENDING, SCANNING, COLLECTING a second each: COMPLETED 3 s after the start

    public static void Rows(string pwsh, PwshSide ours, ScriptFolder scripts, PwshReport report, int rounds)
    {
        using var emulator = EmulatorProcess.Start("--accounts", "1", "--pipelines", "8", "--images-per-pipeline", "5", "--findings-per-image", "6",
            "--latency-ms", LatencyMs.ToString(CultureInfo.InvariantCulture));
        var script = scripts.Write("ours-wire", Script(ours, emulator.BaseAddress, rounds));
        var run = TimedProcess.Run(pwsh, ["-NoLogo", "-NoProfile", "-NonInteractive", "-File", script]);
        var metrics = run.Metrics();
        if (!metrics.ContainsKey("done")) throw new InvalidOperationException($"the wire script failed:\n{run.Stdout}\n{run.Stderr}");
        Console.Error.WriteLine("done: wire");
        IReadOnlyList<double> Series(string name) => Enumerable.Range(1, rounds).Select(r => metrics[$"{name}_{r}"]).ToList();

        report.Row("Test-IBScanGate over 20 builds (80 ms a request), one warm session: the loop / one call", Series("gate_loop"), Series("gate_call"), "one call", "ms", target: 4.0, higherIsBetter: true);
        report.Row("Get-IBScanFinding over 10 builds: the loop / one call", Series("findings_loop"), Series("findings_call"), "one call", "ms", target: 4.0, higherIsBetter: true);
        report.Row("8 builds piped to Compare-IBScanFinding: the loop / one call", Series("compare_loop"), Series("compare_call"), "one call", "ms", target: 2.5, higherIsBetter: true);
        // The floor under the first-item rule: the first chunk alone, then the rest together: two round trips against one.
        report.Row("Get-IBScanFindingAggregation over 40 ARNs (4 requests of 10) / over 10", Series("aggregations_40"), Series("aggregations_10"), "10 ARNs", "ms", target: 2.2);
        report.Row("Get-IBScanFindingAggregation over 100 ARNs (10 requests of 10) / over 10", Series("aggregations_100"), Series("aggregations_10b"), "10 ARNs", "ms", target: 2.2);
        report.Row("Get-IBScanFindingAggregation over 100 ARNs / over 40 (both two round trips)", Series("aggregations_100"), Series("aggregations_40"), "40 ARNs", "ms");
        report.Row("-WaitForScan: returned after the scan completed / one poll interval at its cap (4 s +20 %)", Series("wait_late"), Series("wait_interval"), "interval", "ms", target: 1.0);
        report.Note($"The wire rows: one pwsh process, {rounds} rounds after a warm-up round, the emulator with --latency-ms {LatencyMs}; in each round the one call and " +
                    "the loop alternate which goes first; ratios are the medians of the rounds' ratios. The default -ThrottleLimit (10) is in force.");
        report.Note($"The wait row: the emulator's scan of one build advances PENDING, SCANNING, COLLECTING ({ScanStepMs} ms each) to COMPLETED {3 * ScanStepMs} ms after " +
                    $"the gate started with -WaitForScan -WaitIntervalSec {WaitIntervalSec}; 'returned after' is the gate's time less {3 * ScanStepMs} ms.");
    }

    private static string Script(PwshSide side, Uri endpoint, int rounds)
    {
        var url = endpoint.ToString().TrimEnd('/');
        return $$"""
            $ErrorActionPreference = 'Stop'
            Import-Module {{PwshScripts.Quote(side.Manifest)}}
            $PSDefaultParameterValues = @{ '*-IBScan*:EndpointUrl' = {{PwshScripts.Quote(url)}} }
            $images = @((Invoke-RestMethod {{PwshScripts.Quote(url + "/_emulator/data")}}).images | Sort-Object imagePipelineArn, dateCreated)
            if ($images.Count -lt 40) { throw "the emulator has $($images.Count) builds, 40 wanted" }
            $all = @($images.arn)
            $twenty = $all[0..19]; $ten = $all[0..9]; $forty = $all[0..39]
            # 100 ARNs, 10 chunks of 10: the builds, then made-up builds of the same account and region (the service answers
            # no aggregation for a build it does not know; each chunk is still one request).
            $hundred = @($all) + @(($all.Count)..99 | ForEach-Object { ($all[0] -replace '/[^/]+/[^/]+/\d+$', '') + "/no-such-image/1.0.0/$_" })
            # Builds with a build before them in their pipeline, one per pipeline: each is compared with its previous build.
            $eight = @($images | Group-Object imagePipelineArn | ForEach-Object { $_.Group[1].arn } | Select-Object -First 8)
            if ($eight.Count -lt 8) { throw 'fewer than 8 pipelines' }
            function Time([scriptblock] $work) { $clock = [System.Diagnostics.Stopwatch]::StartNew(); $null = & $work; $clock.Elapsed.TotalMilliseconds }
            $pairs = [ordered]@{
                gate_call = { Test-IBScanGate -ImageBuildVersionArn $twenty -FailOn CRITICAL -Quiet }
                gate_loop = { foreach ($b in $twenty) { Test-IBScanGate -ImageBuildVersionArn $b -FailOn CRITICAL -Quiet } }
                findings_call = { Get-IBScanFinding -ImageBuildVersionArn $ten }
                findings_loop = { foreach ($b in $ten) { Get-IBScanFinding -ImageBuildVersionArn $b } }
                compare_call = { $eight | Compare-IBScanFinding -IncludeEqual }
                compare_loop = { foreach ($b in $eight) { Compare-IBScanFinding $b -IncludeEqual } }
                aggregations_40 = { Get-IBScanFindingAggregation -ImageBuildVersionArn $forty }
                aggregations_10 = { Get-IBScanFindingAggregation -ImageBuildVersionArn $ten }
                aggregations_100 = { Get-IBScanFindingAggregation -ImageBuildVersionArn $hundred }
                aggregations_10b = { Get-IBScanFindingAggregation -ImageBuildVersionArn $ten }
            }
            $names = @($pairs.Keys)
            foreach ($name in $names) { $null = Time $pairs[$name] }   # warm-up
            # The one call and the loop each return the same objects: checked once.
            if (@(& $pairs.findings_call).Count -ne @(& $pairs.findings_loop).Count) { throw 'findings: the call and the loop differ' }
            if (@(& $pairs.compare_call).Count -ne @(& $pairs.compare_loop).Count) { throw 'compare: the call and the loop differ' }
            for ($r = 1; $r -le {{rounds}}; $r++) {
                for ($p = 0; $p -lt $names.Count; $p += 2) {
                    $first, $second = if ($r % 2) { $names[$p], $names[$p + 1] } else { $names[$p + 1], $names[$p] }
                    "$($first)_$r=$(Time $pairs[$first])"
                    "$($second)_$r=$(Time $pairs[$second])"
                }
                $build = $all[$r % $all.Count]
                $body = @{ imageBuildVersionArn = $build; stepMs = {{ScanStepMs}} } | ConvertTo-Json
                $null = Invoke-RestMethod {{PwshScripts.Quote(url + "/_emulator/scans")}} -Method Post -ContentType 'application/json' -Body $body
                $waited = Time { Test-IBScanGate -ImageBuildVersionArn $build -WaitForScan -WaitIntervalSec {{WaitIntervalSec.ToString(CultureInfo.InvariantCulture)}} -FailOn CRITICAL -Quiet }
                "wait_late_$r=$($waited - {{3 * ScanStepMs}})"
                "wait_interval_$r=$({{WaitIntervalSec.ToString(CultureInfo.InvariantCulture)}} * 4 * 1.2 * 1000)"
                $null = Invoke-RestMethod {{PwshScripts.Quote(url + "/_emulator/scans")}} -Method Delete
            }
            'done=1'
            """;
    }
}
