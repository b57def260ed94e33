package com.podium.connect.dashboard;

import static com.podium.connect.dashboard.Html.text;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.Metric;
import com.podium.connect.apiclient.RevocationState.Revocation;
import com.podium.connect.apiclient.Workout;
import com.podium.connect.token.TokenStatus;

/** Renders a {@link Dashboard} as a self-contained HTML page. Every value is escaped through {@link Html#text}. */
final class DashboardPage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private DashboardPage() {
    }

    static String render(Dashboard d) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<title>Podium dashboard - ").append(text(d.athleteId())).append("</title>")
            .append("<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}")
            .append(".prompt{border:2px solid #c60;background:#fff4e5;padding:1rem}")
            .append(".problem{color:#a00}table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left}")
            .append("</style></head><body>")
            .append("<h1>TrainingPeaks dashboard</h1><p>Athlete <strong>").append(text(d.athleteId()))
            .append("</strong></p>");
        connection(html, d);
        if (d.profile() != null) {
            profile(html, d);
            workouts(html, d);
            metrics(html, d);
        }
        return html.append("</body></html>").toString();
    }

    private static void connection(StringBuilder html, Dashboard d) {
        html.append("<h2>Connection</h2>");
        if (d.revoked()) {
            Revocation r = d.revocation().get();
            html.append("<div class=\"prompt\" id=\"reauthorize\"><p><strong>TrainingPeaks access was revoked</strong> (")
                .append(text(r.reason())).append(r.detail() == null ? "" : ": " + text(r.detail()))
                .append(") at ").append(text(r.revokedAt())).append(".</p>");
            reauthorizeLink(html, d.athleteId(), "Re-authorize TrainingPeaks");
            html.append("</div>");
            return;
        }
        if (d.notConnected()) {
            html.append("<div class=\"prompt\" id=\"connect\"><p>TrainingPeaks is not connected.</p>");
            reauthorizeLink(html, d.athleteId(), "Connect TrainingPeaks");
            html.append("</div>");
            return;
        }
        if (!d.connection().ok()) {
            problem(html, d.connection().problem());
        }
        else {
            TokenStatus s = d.connection().data().get();
            html.append("<p id=\"status\">Connected as ").append(text(s.role())).append(", scope <code>")
                .append(text(s.scope())).append("</code>; access token valid until ").append(text(s.expiresAt()))
                .append(".</p>");
            if (s.failureCount() > 0) {
                html.append("<p class=\"problem\">Refreshing the token failed ").append(s.failureCount())
                    .append(" time(s); next attempt at ").append(text(s.nextAttemptAt())).append(".</p>");
            }
        }
        if (d.needsReauthorization()) {
            html.append("<div class=\"prompt\" id=\"reauthorize\"><p>TrainingPeaks no longer accepts our access.</p>");
            reauthorizeLink(html, d.athleteId(), "Re-authorize TrainingPeaks");
            html.append("</div>");
        }
    }

    private static void reauthorizeLink(StringBuilder html, String athleteId, String label) {
        html.append("<p><a href=\"").append(Html.connectLink(athleteId)).append("\">").append(text(label))
            .append("</a></p>");
    }

    private static void profile(StringBuilder html, Dashboard d) {
        html.append("<h2>Profile</h2>");
        if (!d.profile().ok()) {
            problem(html, d.profile().problem());
            return;
        }
        AthleteProfile p = d.profile().data();
        html.append("<p id=\"profile\">").append(text(p.firstName())).append(' ').append(text(p.lastName()))
            .append(" &lt;").append(text(p.email())).append("&gt;, TrainingPeaks id ").append(p.id())
            .append(", time zone ").append(text(p.timeZone())).append("</p>");
    }

    private static void workouts(StringBuilder html, Dashboard d) {
        html.append("<h2>Workouts ").append(text(d.range().start())).append(" to ").append(text(d.range().end()))
            .append("</h2>");
        if (!d.workouts().ok()) {
            problem(html, d.workouts().problem());
            return;
        }
        List<Workout> workouts = d.workouts().data();
        if (workouts.isEmpty()) {
            html.append("<p>No workouts.</p>");
            return;
        }
        html.append("<table id=\"workouts\"><tr><th>Day</th><th>Type</th><th>Title</th><th>Hours</th><th>km</th>")
            .append("<th>TSS</th></tr>");
        for (Workout w : workouts) {
            html.append("<tr><td>").append(w.workoutDay() == null ? "" : text(DAY.format(w.workoutDay())))
                .append("</td><td>").append(text(w.workoutType())).append("</td><td>").append(text(w.title()))
                .append("</td><td>").append(number(w.totalTime(), 1)).append("</td><td>")
                .append(w.distance() == null ? "" : number(w.distance() / 1000, 1)).append("</td><td>")
                .append(number(w.tssActual(), 0)).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void metrics(StringBuilder html, Dashboard d) {
        html.append("<h2>Metrics</h2>");
        if (!d.metrics().ok()) {
            problem(html, d.metrics().problem());
            return;
        }
        html.append("<table id=\"metrics\"><tr><th>Day</th><th>Resting HR</th><th>Weight (kg)</th></tr>");
        for (Metric m : d.metrics().data()) {
            html.append("<tr><td>").append(m.timestamp() == null ? "" : text(DAY.format(m.timestamp())))
                .append("</td><td>").append(number(m.value("RestingHeartRate").orElse(null), 0)).append("</td><td>")
                .append(number(m.value("WeightInKilograms").orElse(null), 1)).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void problem(StringBuilder html, String problem) {
        html.append("<p class=\"problem\">").append(text(problem)).append("</p>");
    }

    private static String number(Double value, int decimals) {
        return value == null ? "" : String.format(Locale.ENGLISH, "%." + decimals + "f", value);
    }
}
