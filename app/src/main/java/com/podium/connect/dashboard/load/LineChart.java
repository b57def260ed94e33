package com.podium.connect.dashboard.load;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of a server-rendered SVG line chart: the page's template draws it with CSS classes only (no inline
 * style, so the content security policy holds). Days run left to right; values may be negative (form).
 */
public record LineChart(int width, int height, List<Line> lines, List<Tick> yTicks, List<Tick> xTicks, double zeroY,
        int left, int right, int top, int bottom) {

    /** One series: its CSS class and the polyline's {@code points}. */
    public record Line(String cssClass, String label, String points) {
    }

    /** An axis label and where it sits. */
    public record Tick(double position, String label) {
    }

    /** Input: one named series of values per day ({@code null}: no value that day, the line skips it). */
    public record Series(String cssClass, String label, List<Double> values) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    /** A chart whose value axis includes 0 (training load, form). */
    public static LineChart of(List<LocalDate> days, List<Series> series, int width, int height) {
        return of(days, series, width, height, true);
    }

    /** A chart whose value axis spans the values only (resting heart rate, weight). */
    public static LineChart ofRange(List<LocalDate> days, List<Series> series, int width, int height) {
        return of(days, series, width, height, false);
    }

    private static LineChart of(List<LocalDate> days, List<Series> series, int width, int height, boolean zero) {
        int left = 36;
        int right = width - 24; // room for the last day's label
        int top = 8;
        int bottom = height - 22;
        double min = zero ? 0 : Double.MAX_VALUE;
        double max = zero ? 1 : -Double.MAX_VALUE;
        for (Series s : series) {
            for (Double v : s.values()) {
                if (v != null) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) { // no values at all
            min = 0;
            max = 1;
        }
        if (max - min < 1e-9) {
            min -= 1;
            max += 1;
        }
        double step = niceStep((max - min) / (zero ? 4 : 3));
        double low = Math.floor(min / step) * step;
        double high = Math.ceil(max / step) * step;
        Scale scale = new Scale(days.size(), left, right, top, bottom, low, high);
        List<Line> lines = series.stream().map(s -> new Line(s.cssClass(), s.label(), points(s.values(), scale)))
            .toList();
        List<Tick> yTicks = new ArrayList<>();
        for (double v = low; v <= high + step / 2; v += step) {
            yTicks.add(new Tick(scale.y(v), format(v)));
        }
        List<Tick> xTicks = new ArrayList<>();
        int every = Math.max(1, days.size() / (width < 400 ? 3 : 6));
        for (int i = days.size() - 1; i >= 0; i -= every) {
            xTicks.add(0, new Tick(scale.x(i), DAY.format(days.get(i))));
        }
        double zeroY = low <= 0 && high >= 0 ? scale.y(0) : -1;
        return new LineChart(width, height, lines, yTicks, xTicks, zeroY, left, right, top, bottom);
    }

    /** Whether 0 lies on the value axis (then the template draws its line). */
    public boolean hasZero() {
        return zeroY >= 0;
    }

    private record Scale(int count, int left, int right, int top, int bottom, double low, double high) {

        double x(int index) {
            return count <= 1 ? left : left + (right - left) * (double) index / (count - 1);
        }

        double y(double value) {
            return bottom - (bottom - top) * (value - low) / (high - low);
        }
    }

    private static String points(List<Double> values, Scale scale) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                points.append(points.isEmpty() ? "" : " ")
                    .append(String.format(Locale.ROOT, "%.1f,%.1f", scale.x(i), scale.y(values.get(i))));
            }
        }
        return points.toString();
    }

    /** 1, 2, 2.5 or 5 times a power of ten: axis labels people read at a glance. */
    static double niceStep(double rough) {
        if (rough <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double nice : new double[] { 1, 2, 2.5, 5, 10 }) {
            if (rough <= nice * magnitude) {
                return nice * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
