package com.podium.connect.dashboard;

import static com.podium.connect.dashboard.Html.text;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.CoachAthlete;
import com.podium.connect.apiclient.CoachProfile;
import com.podium.connect.apiclient.DateRange;
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
            .append(".problem{color:#a00}.note{color:#555;font-style:italic}")
            .append("table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left}")
            .append("</style></head><body>")
            .append("<h1>TrainingPeaks dashboard</h1><p>Athlete <strong>").append(text(d.athleteId()))
            .append("</strong></p>");
        connection(html, d);
        if (d.profile() != null) {
            profile(html, d);
            workouts(html, d);
            metrics(html, d.metrics(), "metrics");
        }
        if (d.isCoach()) {
            coach(html, d);
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
            .append(", time zone ").append(text(p.timeZone())).append(", ")
            .append(p.isPremium() ? "Premium" : "Basic").append(" account</p>");
    }

    private static void workouts(StringBuilder html, Dashboard d) {
        html.append("<h2>Workouts ").append(text(d.range().start())).append(" to ").append(text(d.range().end()))
            .append("</h2>");
        workoutTable(html, d.workouts(), d.range(), "workouts");
    }

    private static void workoutTable(StringBuilder html, Section<List<Workout>> section, DateRange range, String id) {
        if (!section.ok()) {
            problem(html, section.problem());
            return;
        }
        List<Workout> workouts = section.data();
        if (workouts.isEmpty()) {
            html.append("<p>No workouts.</p>");
            return;
        }
        WorkoutSummary summary = WorkoutSummary.of(workouts, range.end());
        html.append("<p id=\"").append(id).append("-summary\">Planned ").append(summary.planned())
            .append(", completed ").append(summary.completed()).append(", missed ").append(summary.missed())
            .append("; hours planned ").append(number(summary.plannedHours(), 1)).append(", done ")
            .append(number(summary.completedHours(), 1)).append("</p>");
        html.append("<table id=\"").append(id).append("\"><tr><th>Day</th><th>Type</th><th>Title</th><th>Status</th>")
            .append("<th>Planned h</th><th>Done h</th><th>km</th><th>Planned TSS</th><th>TSS</th><th>IF</th></tr>");
        for (Workout w : workouts) {
            html.append("<tr><td>").append(w.workoutDay() == null ? "" : text(DAY.format(w.workoutDay())))
                .append("</td><td>").append(text(w.workoutType())).append("</td><td>").append(text(w.title()))
                .append("</td><td>").append(status(w, range)).append("</td><td>")
                .append(number(w.totalTimePlanned(), 1)).append("</td><td>").append(number(w.totalTime(), 1))
                .append("</td><td>").append(w.distance() == null ? "" : number(w.distance() / 1000, 1))
                .append("</td><td>").append(number(w.tssPlanned(), 0)).append("</td><td>")
                .append(number(w.tssActual(), 0)).append("</td><td>").append(number(w.intensityFactor(), 2))
                .append("</td></tr>");
        }
        html.append("</table>");
    }

    private static String status(Workout w, DateRange range) {
        if (w.isCompleted()) {
            return "Completed";
        }
        boolean past = w.workoutDay() != null && w.workoutDay().toLocalDate().isBefore(range.end());
        return past && w.isPlanned() ? "Missed" : "Planned";
    }

    private static void metrics(StringBuilder html, Section<List<DailyMetrics>> section, String id) {
        html.append("<h2>Metrics</h2>");
        metricsTable(html, section, id);
    }

    private static void metricsTable(StringBuilder html, Section<List<DailyMetrics>> section, String id) {
        if (section.premiumOnly()) {
            html.append("<p class=\"note\" id=\"").append(id).append("-premium-only\">").append(text(section.problem()))
                .append("</p>");
            return;
        }
        if (!section.ok()) {
            problem(html, section.problem());
            return;
        }
        html.append("<table id=\"").append(id).append("\"><tr><th>Day</th><th>Resting HR</th><th>HRV</th>")
            .append("<th>Weight (kg)</th><th>Sleep (h)</th></tr>");
        for (DailyMetrics m : section.data()) {
            html.append("<tr><td>").append(text(DAY.format(m.day()))).append("</td><td>")
                .append(number(m.restingHeartRate(), 0)).append("</td><td>").append(number(m.hrv(), 0))
                .append("</td><td>").append(number(m.weightInKilograms(), 1)).append("</td><td>")
                .append(number(m.sleepHours(), 1)).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void coach(StringBuilder html, Dashboard d) {
        html.append("<h2>Coach</h2>");
        if (!d.coach().ok()) {
            problem(html, d.coach().problem());
        }
        else {
            CoachProfile c = d.coach().data();
            html.append("<p id=\"coach\">").append(text(c.firstName())).append(' ').append(text(c.lastName()))
                .append(", TrainingPeaks coach id ").append(c.coachId()).append("</p>");
        }
        html.append("<h2>Athletes</h2>");
        if (!d.roster().ok()) {
            problem(html, d.roster().problem());
            return;
        }
        if (d.roster().data().isEmpty()) {
            html.append("<p>No athletes on the roster.</p>");
            return;
        }
        html.append("<table id=\"roster\"><tr><th>Athlete</th><th>Account</th><th>Planned</th><th>Completed</th>")
            .append("<th>Missed</th></tr>");
        for (Dashboard.RosterAthlete r : d.roster().data()) {
            CoachAthlete a = r.athlete();
            html.append("<tr><td>").append(text(a.firstName())).append(' ').append(text(a.lastName()))
                .append("</td><td>").append(a.isPremium() ? "Premium" : "Basic").append("</td>");
            r.summary().ifPresentOrElse(s -> html.append("<td>").append(s.planned()).append("</td><td>")
                .append(s.completed()).append("</td><td>").append(s.missed()).append("</td>"),
                    () -> html.append("<td colspan=\"3\">").append(text(r.workouts().problem())).append("</td>"));
            html.append("</tr>");
        }
        html.append("</table>");
        for (Dashboard.RosterAthlete r : d.roster().data()) {
            String id = "athlete-" + r.athlete().id();
            html.append("<h3 id=\"").append(id).append("\">").append(text(r.athlete().firstName())).append(' ')
                .append(text(r.athlete().lastName())).append(": ").append(text(r.range().start())).append(" to ")
                .append(text(r.range().end())).append("</h3>");
            workoutTable(html, r.workouts(), r.range(), id + "-workouts");
            metricsTable(html, r.metrics(), id + "-metrics");
        }
    }

    private static void problem(StringBuilder html, String problem) {
        html.append("<p class=\"problem\">").append(text(problem)).append("</p>");
    }

    private static String number(Double value, int decimals) {
        return value == null ? "" : String.format(Locale.ENGLISH, "%." + decimals + "f", value);
    }
}
