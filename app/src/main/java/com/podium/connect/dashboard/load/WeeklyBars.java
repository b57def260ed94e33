package com.podium.connect.dashboard.load;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The geometry of the weekly-volume SVG: one stacked bar per week, one segment per sport (hours). */
public record WeeklyBars(int width, int height, List<Bar> bars, List<LineChart.Tick> yTicks, int left, int right,
        int top, int bottom) {

    /** One week's bar. */
    public record Bar(double x, double width, String label, String total, List<Segment> segments) {
    }

    /** One sport's part of a bar; {@code sport} is its CSS class. */
    public record Segment(String sport, double y, double height) {
    }

    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    public static WeeklyBars of(List<WeeklyVolume.Week> weeks, int width, int height) {
        int left = 30;
        int right = width - 6;
        int top = 16;
        int bottom = height - 22;
        double max = Math.max(1, weeks.stream().mapToDouble(WeeklyVolume.Week::hours).max().orElse(1));
        double step = LineChart.niceStep(max / 4);
        double high = Math.ceil(max / step) * step;
        double slot = (right - left) / (double) Math.max(1, weeks.size());
        double barWidth = slot * 0.64;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            WeeklyVolume.Week week = weeks.get(i);
            double y = bottom;
            List<Segment> segments = new ArrayList<>();
            for (Map.Entry<String, Double> sport : week.hoursBySport().entrySet()) {
                double h = (bottom - top) * sport.getValue() / high;
                if (h > 0) {
                    y -= h;
                    segments.add(new Segment(sport.getKey(), y, h));
                }
            }
            bars.add(new Bar(left + slot * i + (slot - barWidth) / 2, barWidth, WEEK.format(week.monday()),
                    String.format(Locale.ROOT, "%.1f", week.hours()), segments));
        }
        List<LineChart.Tick> ticks = new ArrayList<>();
        for (double v = 0; v <= high + step / 2; v += step) {
            ticks.add(new LineChart.Tick(bottom - (bottom - top) * v / high,
                    v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)));
        }
        return new WeeklyBars(width, height, bars, ticks, left, right, top, bottom);
    }
}
