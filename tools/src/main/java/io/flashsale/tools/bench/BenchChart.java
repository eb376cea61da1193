package io.flashsale.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/** The bench's HTML page: the latency distribution of each open-model step, charted as SVG. */
final class BenchChart {

    private BenchChart() {
    }

    /** Latency by percentile of each open-model step, as HdrHistogram plots it: x is 1/(1 − percentile). */
    static Path write(BenchReport report, Path file) throws IOException {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>flashsale bench</title>
                <style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}svg{background:#fff}
                text{font-size:11px}.axis{stroke:#999}.grid{stroke:#eee}</style></head><body>
                <h1>flashsale bench</h1>
                """);
        html.append("<p>").append(escape(report.machine())).append(" &mdash; ").append(Instant.now()).append("</p>\n");
        html.append("<p>Latency of every answered order from its intended send time (open model), by percentile.</p>\n");
        for (int gateways = 1; gateways <= 2; gateways++) {
            List<Bench.Step> of = report.steps(gateways);
            if (!of.isEmpty()) {
                html.append("<h2>").append(gateways).append(gateways == 1 ? " gateway" : " gateways").append("</h2>\n");
                html.append(chart(of));
            }
        }
        html.append("</body></html>\n");
        Files.writeString(file, html);
        return file;
    }

    private static String chart(List<Bench.Step> steps) {
        int width = 760;
        int height = 380;
        int left = 60;
        int bottom = 40;
        double maxX = Math.log10(1 / (1 - 0.9999));
        double maxMs = steps.stream().mapToDouble(s -> s.histogram().getValueAtPercentile(99.99) / 1e6).max()
                .orElse(1);
        double top = Math.log10(Math.max(1, maxMs) * 2);
        double bottomMs = -1; // 0.1 ms
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">%n", width + 260, height));
        String[] colours = {"#1f77b4", "#2ca02c", "#ff7f0e", "#d62728", "#9467bd", "#8c564b"};
        for (double ms = 0.1; ms <= Math.pow(10, top); ms *= 10) {
            double y = (height - bottom) - (Math.log10(ms) - bottomMs) / (top - bottomMs) * (height - bottom - 10);
            svg.append(String.format(Locale.ROOT,
                    "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/><text x=\"4\" y=\"%.1f\">%s ms</text>%n",
                    left, y, left + width, y, y + 4, ms < 1 ? "0.1" : String.format(Locale.ROOT, "%.0f", ms)));
        }
        String[] labels = {"0", "90", "99", "99.9", "99.99"};
        for (int i = 0; i < labels.length; i++) {
            double x = left + i / maxX * width;
            svg.append(String.format(Locale.ROOT,
                    "<line class=\"grid\" x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%d\"/><text x=\"%.1f\" y=\"%d\">%s %%</text>%n",
                    x, x, height - bottom, x - 10, height - bottom + 16, labels[i]));
        }
        for (int i = 0; i < steps.size(); i++) {
            Bench.Step s = steps.get(i);
            Histogram h = s.histogram();
            StringBuilder points = new StringBuilder();
            for (double q = 0; q <= 0.9999; q = q < 0.9 ? q + 0.05 : 1 - (1 - q) / 1.25) {
                double ms = Math.max(0.1, h.getValueAtPercentile(q * 100) / 1e6);
                double x = left + Math.log10(1 / (1 - q)) / maxX * width;
                double y = (height - bottom) - (Math.log10(ms) - bottomMs) / (top - bottomMs) * (height - bottom - 10);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            String colour = colours[i % colours.length];
            svg.append(String.format(Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colour, points));
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" fill=\"%s\">%d %% (%d/s): p99 %.1f ms</text>%n", left + width + 8,
                    20 + 16 * i, colour, s.percent(), s.rate(), s.p99Millis()));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">percentile</text>%n", left + width / 2,
                height - 4));
        return svg.append("</svg>\n").toString();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;");
    }
}
