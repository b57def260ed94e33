package com.podium.connect.benchmarks;

import java.security.Principal;
import java.time.LocalDate;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import com.podium.connect.apiclient.AthleteProfile;
import com.podium.connect.apiclient.DateRange;
import com.podium.connect.apiclient.TrainingPeaksApi;
import com.podium.connect.dashboard.load.DateRanges;

/**
 * The comparison point of {@link PageLoadRun}: what a plain Spring MVC controller does with the same typed client,
 * the same TrainingPeaks reads as the athlete page and the roster, one after another, answered when all are in.
 * Only in a web application: {@link PageLoadRun} is the one run that starts the web server.
 */
@Controller
@ConditionalOnWebApplication
@RequestMapping(path = "/naive", produces = MediaType.TEXT_HTML_VALUE)
class NaivePages {

    private final TrainingPeaksApi api;

    NaivePages(TrainingPeaksApi api) {
        this.api = api;
    }

    /** Profile, then 132 days of workouts and (Premium) metrics in 45-day requests, as the athlete page reads. */
    @GetMapping("/athlete")
    @ResponseBody
    String athlete(Principal principal) {
        String athlete = principal.getName();
        AthleteProfile profile = api.profile(athlete);
        LocalDate today = LocalDate.now(profile.zone());
        int workouts = 0;
        int metrics = 0;
        for (DateRange range : DateRanges.covering(today.minusDays(131), today.plusDays(6))) {
            workouts += api.workouts(athlete, range).size();
            if (profile.isPremium()) {
                metrics += api.metrics(athlete, range).size();
            }
        }
        return "<!DOCTYPE html><html><body><h1>Your training</h1><p>" + workouts + " workouts, " + metrics
                + " metrics</p></body></html>";
    }

    /** What such a controller answers when TrainingPeaks fails: an error page (here without a stack trace in the log). */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<String> failed(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.TEXT_HTML)
            .body("<!DOCTYPE html><html><body><h1>TrainingPeaks failed</h1></body></html>");
    }

    /** The roster, then each athlete's last 35 days of workouts and (Premium) metrics, as the coach page reads. */
    @GetMapping("/coach")
    @ResponseBody
    String coach(Principal principal) {
        String coach = principal.getName();
        List<AthleteProfile> roster = api.coachAthletes(coach);
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html><body><h1>Your athletes</h1><ul>");
        for (AthleteProfile athlete : roster) {
            LocalDate today = LocalDate.now(athlete.zone());
            DateRange range = new DateRange(today.minusDays(34), today.plusDays(6));
            int workouts = api.athleteWorkouts(coach, athlete.id(), range).size();
            int metrics = athlete.isPremium() ? api.athleteMetrics(coach, athlete.id(), range).size() : 0;
            page.append("<li>").append(athlete.id()).append(": ").append(workouts).append(" workouts, ")
                .append(metrics).append(" metrics</li>");
        }
        return page.append("</ul></body></html>").toString();
    }
}
