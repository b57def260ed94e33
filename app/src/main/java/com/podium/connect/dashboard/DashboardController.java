package com.podium.connect.dashboard;

import java.security.Principal;
import java.time.Clock;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

import com.podium.connect.apiclient.TrainingPeaksApi;
import com.podium.connect.apiclient.Workout;
import com.podium.connect.auth.AccountIds;
import com.podium.connect.auth.ConnectionPrompts;

/**
 * The signed-in athlete's own pages (see {@link AthleteAccess}): {@code GET /dashboard} (redirects to their id),
 * {@code GET /dashboard/{athleteId}}, and a workout in detail, {@code GET /dashboard/{athleteId}/workouts/{id}}.
 */
@Controller
class DashboardController {

    private static final Logger log = LoggerFactory.getLogger(DashboardController.class);

    private final DashboardLoader loader;
    private final TrainingPeaksApi api;
    private final ConnectionPrompts connections;
    private final FreshOrLastGood fetches;
    private final DashboardProperties properties;
    private final Clock clock = Clock.systemUTC();

    DashboardController(DashboardLoader loader, TrainingPeaksApi api, ConnectionPrompts connections,
            FreshOrLastGood fetches, DashboardProperties properties) {
        this.loader = loader;
        this.api = api;
        this.connections = connections;
        this.fetches = fetches;
        this.properties = properties;
    }

    @GetMapping("/dashboard")
    String own(Principal principal) {
        return "redirect:/dashboard/" + principal.getName();
    }

    @GetMapping("/dashboard/{athleteId}")
    ModelAndView dashboard(@PathVariable String athleteId, ZoneId zone) {
        if (!AccountIds.isValid(athleteId)) {
            return problem(HttpStatus.BAD_REQUEST, "No such athlete", AccountIds.RULE);
        }
        return page(loader.load(Reader.own(api, athleteId), true, zone), "dashboard");
    }

    @GetMapping("/dashboard/{athleteId}/workouts/{workoutId}")
    ModelAndView workout(@PathVariable String athleteId, @PathVariable String workoutId) {
        if (!AccountIds.isValid(athleteId) || !workoutId.matches("[0-9]{1,18}")) {
            return problem(HttpStatus.BAD_REQUEST, "No such workout", "This address does not name a workout.");
        }
        if (!connections.connectionStatus(athleteId).isConnected()) {
            return new ModelAndView("redirect:/dashboard/" + athleteId);
        }
        return workoutPage(Reader.own(api, athleteId), Long.parseLong(workoutId), "dashboard", fetches, properties,
                clock);
    }

    static ModelAndView page(Dashboard dashboard, String nav) {
        ModelAndView page = new ModelAndView("dashboard");
        page.addObject("dashboard", dashboard);
        page.addObject("nav", nav);
        return page;
    }

    /** A workout within the page's time budget; another athlete's workout is "not found" at TrainingPeaks. */
    static ModelAndView workoutPage(Reader reader, long workoutId, String nav, FreshOrLastGood fetches,
            DashboardProperties properties, Clock clock) {
        String key = reader.key() + "|workout|" + workoutId;
        Section<Workout> workout = fetches.await(key, fetches.start(key, () -> reader.workout(workoutId)),
                clock.instant().plus(properties.pageBudget()));
        ModelAndView page = new ModelAndView("workout");
        page.addObject("back", reader.path());
        page.addObject("workout", workout);
        page.addObject("nav", nav);
        return page;
    }

    /** Last line of defence: a friendly page, the details only in the log. */
    @ExceptionHandler(RuntimeException.class)
    ModelAndView failed(RuntimeException e) {
        log.warn("Dashboard failed: {}", e.toString());
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "The page is unavailable",
                "Something went wrong on our side. Please try again in a minute.");
    }

    static ModelAndView problem(HttpStatus status, String title, String message) {
        ModelAndView page = new ModelAndView("problem", status);
        page.addObject("title", title);
        page.addObject("message", message);
        return page;
    }
}
