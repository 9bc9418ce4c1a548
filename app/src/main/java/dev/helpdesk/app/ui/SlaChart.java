package dev.helpdesk.app.ui;

import dev.helpdesk.app.sla.SlaMetric;
import dev.helpdesk.app.sla.SlaReportResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of the SLA report's bar chart, drawn by the page as inline SVG (no script: the
 * pages' CSP allows none): one horizontal bar per clock and priority, its length the share of
 * targets met. A row where nothing finished yet has no bar and says so.
 */
public record SlaChart(int width, int height, String title, String description, List<Bar> bars, List<Tick> ticks) {
    static final int LABEL_WIDTH = 190;
    static final int BAR_SPACE = 380;
    static final int ROW = 30;
    static final int TOP = 10;
    static final int AXIS = 30;

    /** One bar: its label, drawn length and the figure written after it. */
    public record Bar(String label, String figure, int barY, int barWidth, int textY, int figureX, boolean measured) {}

    /** A gridline with its percentage under the bars. */
    public record Tick(int x, String label) {}

    static SlaChart of(List<SlaReportResource.Row> rows) {
        List<Bar> bars = new ArrayList<>();
        List<String> said = new ArrayList<>();
        int y = TOP;
        for (SlaReportResource.Row r : rows) {
            String label = label(r.metric()) + ", " + r.priority();
            Double pct = r.achievementPercent();
            int w = pct == null ? 0 : (int) Math.round(BAR_SPACE * pct / 100.0);
            String figure = pct == null ? "nothing finished yet" : percent(pct) + " met (" + r.met() + " of " + (r.met() + r.breached()) + ")";
            bars.add(new Bar(label, figure, y + 4, w, y + ROW / 2 + 5, LABEL_WIDTH + w + 6, pct != null));
            said.add(label + ": " + figure);
            y += ROW;
        }
        List<Tick> ticks = new ArrayList<>();
        for (int p = 0; p <= 100; p += 25) {
            ticks.add(new Tick(LABEL_WIDTH + BAR_SPACE * p / 100, p + "%"));
        }
        String description = rows.isEmpty() ? "No SLA targets in this range."
                : "Share of SLA targets met, by clock and priority. " + String.join("; ", said) + ".";
        return new SlaChart(LABEL_WIDTH + BAR_SPACE + 200, y + AXIS, "SLA targets met, by clock and priority", description, bars, ticks);
    }

    static String label(String metric) {
        try {
            return PolicyForm.label(SlaMetric.valueOf(metric.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return metric;
        }
    }

    static String percent(double pct) {
        return (pct == Math.rint(pct) ? Long.toString((long) pct) : String.format(Locale.ROOT, "%.1f", pct)) + "%";
    }

    /** Where the axis runs: just below the last bar. */
    public int axisY() {
        return height - AXIS;
    }

    public int tickY() {
        return axisY() + 18;
    }

    public int labelWidth() {
        return LABEL_WIDTH;
    }

    public int labelEnd() {
        return LABEL_WIDTH - 8;
    }
}
