package com.podium.connect.dashboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /dashboard/{athleteId}} and {@code GET /dashboard?athleteId=}: the athlete's server-rendered page. */
@RestController
class DashboardController {

    private static final Logger log = LoggerFactory.getLogger(DashboardController.class);

    private final DashboardLoader loader;

    DashboardController(DashboardLoader loader) {
        this.loader = loader;
    }

    @GetMapping("/dashboard/{athleteId}")
    ResponseEntity<String> dashboard(@PathVariable String athleteId) {
        return page(HttpStatus.OK, DashboardPage.render(loader.load(athleteId)));
    }

    @GetMapping("/dashboard")
    ResponseEntity<String> dashboardByQuery(@RequestParam(required = false) String athleteId) {
        if (athleteId == null || athleteId.isBlank()) {
            return page(HttpStatus.BAD_REQUEST, simplePage("Which athlete?",
                    "Open /dashboard/&lt;athleteId&gt; or /dashboard?athleteId=&lt;athleteId&gt;."));
        }
        return dashboard(athleteId.trim());
    }

    /** Last line of defence: a friendly page, the details only in the log. */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<String> failed(RuntimeException e) {
        log.warn("Dashboard failed: {}", e.toString());
        return page(HttpStatus.INTERNAL_SERVER_ERROR, simplePage("The dashboard is unavailable",
                "Something went wrong (" + Html.text(e.getClass().getSimpleName()) + "). Please try again in a minute."));
    }

    private static String simplePage(String title, String escapedMessage) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.text(title)
                + "</title></head><body><h1>" + Html.text(title) + "</h1><p>" + escapedMessage + "</p></body></html>";
    }

    private static ResponseEntity<String> page(HttpStatus status, String html) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
            .cacheControl(CacheControl.noStore()).body(html);
    }
}
