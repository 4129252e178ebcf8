using System.Security.Cryptography;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// The report's one style sheet, inline, and the Content-Security-Policy that allows exactly it: no
/// script, no remote or local loads of any kind (fonts, images, frames, forms), so the file opened
/// from a mail attachment or a CI artifact does nothing but show. Light and dark schemes follow
/// prefers-color-scheme; print uses the light colours on the reader's paper (A4 or Letter) with charts
/// and table rows kept whole; at 360 px wide tables scroll sideways inside their box and charts shrink.
/// </summary>
internal static class HtmlStyle
{
    public const string Css = """
:root{--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--critical:#b3261e;--high:#c4540a;--medium:#9a7400;--other:#6e7781;--pass:#1a7f37;--fail:#b3261e;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;--critical:#ff7b72;--high:#ffa657;--medium:#e3b341;--other:#9198a1;--pass:#3fb950;--fail:#ff7b72}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:72rem;padding:0 1rem 2rem;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}
h1{font-size:1.5rem;margin:1.2rem 0 .4rem}h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line)}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
p,dl{margin:.4rem 0}.muted{color:var(--muted)}
.verdict{font-weight:700}.verdict.pass{color:var(--pass)}.verdict.fail{color:var(--fail)}
.totals{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;margin:.5rem 0;list-style:none}
.totals li{border:1px solid var(--line);border-radius:6px;padding:.3rem .6rem;background:var(--panel)}
.pair{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.pair>figure{flex:1 1 26rem;min-width:0;margin:0}.pair>.scroll{flex:1 1 20rem}
figcaption{font-weight:600;margin-bottom:.3rem}
svg.chart{width:100%;height:auto;display:block;background:var(--panel);border:1px solid var(--line);border-radius:6px}
svg text{fill:var(--fg);font-size:11px;font-family:inherit}
svg .axis{stroke:var(--line);stroke-width:1}svg .grid{stroke:var(--line);stroke-width:.5;stroke-dasharray:2 3}
svg .sev-critical{fill:var(--critical)}svg .sev-high{fill:var(--high)}svg .sev-medium{fill:var(--medium)}svg .sev-other{fill:var(--other)}
svg .line{fill:none;stroke-width:2}svg .line.sev-critical{stroke:var(--critical)}svg .line.sev-high{stroke:var(--high);stroke-dasharray:6 3}svg .line.sev-medium{stroke:var(--medium);stroke-dasharray:2 3}
svg .no-data{fill:none;stroke:var(--muted);stroke-width:1.5}
.legend{display:flex;flex-wrap:wrap;gap:.8rem;margin:.3rem 0;padding:0;list-style:none;font-size:.9rem}
.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
.swatch.sev-critical,.badge.sev-critical{background:var(--critical)}.swatch.sev-high,.badge.sev-high{background:var(--high)}.swatch.sev-medium,.badge.sev-medium{background:var(--medium)}.swatch.sev-other,.badge.sev-other{background:var(--other)}
.badge{display:inline-block;color:#fff;border-radius:4px;padding:0 .35rem;font-size:.8rem;font-weight:600;letter-spacing:.02em}
@media (prefers-color-scheme:dark){.badge{color:#0d1117}}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.3rem 0;font-size:.9rem;overflow-wrap:break-word}
th,td{border:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:var(--panel);white-space:nowrap}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
a{color:inherit}
details{margin:.5rem 0}summary{cursor:pointer;font-weight:600}
footer{margin-top:2rem;font-size:.85rem;color:var(--muted)}
@media (max-width:40rem){body{padding:0 .5rem 1rem}svg text{font-size:17px}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--line:#999;--panel:#fff;--critical:#b3261e;--high:#c4540a;--medium:#9a7400;--other:#6e7781;--pass:#1a7f37;--fail:#b3261e}
@page{margin:12mm}body{max-width:none;padding:0;font-size:10pt}.badge{color:#fff}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}.scroll{overflow:visible}
figure,.pair,tr,svg{break-inside:avoid}thead{display:table-header-group}details>*{display:block}}
""";

    /// <summary>The policy: nothing may load or run; only this exact style sheet applies.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'; img-src 'none'; font-src 'none'; " +
        "connect-src 'none'; frame-src 'none'; object-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'";
}
