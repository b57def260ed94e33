package com.podium.connect.auth.web;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.podium.connect.auth.ConnectionPrompts;
import com.podium.connect.auth.flow.AthleteIds;
import com.podium.connect.auth.flow.AuthorizationStarter;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.DisconnectOutcome;
import com.podium.connect.token.TokenException;
import com.podium.connect.token.Tokens;
import com.podium.connect.token.TrainingPeaksProperties;

/** The connect page and its buttons: start (or redo) the OAuth flow, disconnect. */
@Controller
class ConnectController {

    private static final Logger log = LoggerFactory.getLogger(ConnectController.class);

    private final ConnectionPrompts connections;
    private final AuthorizationStarter starter;
    private final Tokens tokens;
    private final boolean secureCookies;

    ConnectController(ConnectionPrompts connections, AuthorizationStarter starter, Tokens tokens,
            TrainingPeaksProperties trainingPeaks) {
        this.connections = connections;
        this.starter = starter;
        this.tokens = tokens;
        this.secureCookies = "https".equalsIgnoreCase(trainingPeaks.redirectUri().getScheme());
    }

    @GetMapping("/connect")
    ResponseEntity<String> connectPage(@RequestParam(required = false) String athleteId,
            @CookieValue(name = BrowserBinding.COOKIE, required = false) String bindingCookie) {
        if (athleteId == null || athleteId.isEmpty()) {
            return html(HttpStatus.OK, Pages.landing());
        }
        if (!AthleteIds.isValid(athleteId)) {
            return invalidAthleteId();
        }
        String binding = BrowserBinding.parse(bindingCookie).orElseGet(BrowserBinding::newId);
        return ResponseEntity.status(HttpStatus.OK)
            .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
            .cacheControl(CacheControl.noStore())
            .header(HttpHeaders.SET_COOKIE, BrowserBinding.cookie(binding, secureCookies).toString())
            .body(Pages.connect(connections.connectionStatus(athleteId), BrowserBinding.formToken(binding)));
    }

    /** Both "Start OAuth flow" and "Re-authorize" land here: a re-authorization is a new flow. */
    @PostMapping("/connect/start")
    ResponseEntity<String> start(@RequestParam(required = false) String athleteId,
            @RequestParam(required = false) String role, @RequestParam(required = false) String formToken,
            @CookieValue(name = BrowserBinding.COOKIE, required = false) String bindingCookie) {
        if (!AthleteIds.isValid(athleteId)) {
            return invalidAthleteId();
        }
        if (!BrowserBinding.acceptsFormToken(BrowserBinding.parse(bindingCookie), formToken)) {
            return foreignForm("start", athleteId);
        }
        AccountRole accountRole = parseRole(role);
        if (accountRole == null) {
            return html(HttpStatus.BAD_REQUEST,
                    Pages.error("Choose a role", "Choose Athlete or Coach to connect.", athleteId));
        }
        String binding = BrowserBinding.parse(bindingCookie).orElseThrow();
        URI authorizationUrl = starter.start(athleteId, accountRole, binding);
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
            .location(authorizationUrl)
            .header(HttpHeaders.SET_COOKIE, BrowserBinding.cookie(binding, secureCookies).toString())
            .cacheControl(CacheControl.noStore())
            .build();
    }

    @PostMapping("/connect/disconnect")
    ResponseEntity<String> disconnect(@RequestParam(required = false) String athleteId,
            @RequestParam(required = false) String formToken,
            @CookieValue(name = BrowserBinding.COOKIE, required = false) String bindingCookie) {
        if (!AthleteIds.isValid(athleteId)) {
            return invalidAthleteId();
        }
        if (!BrowserBinding.acceptsFormToken(BrowserBinding.parse(bindingCookie), formToken)) {
            return foreignForm("disconnect", athleteId);
        }
        DisconnectOutcome outcome;
        try {
            outcome = tokens.disconnect(athleteId);
        }
        catch (TokenException e) {
            log.warn("oauth_disconnect outcome=failed athleteId={} error={}", athleteId, e.getClass().getSimpleName());
            return html(HttpStatus.BAD_GATEWAY,
                    Pages.error("Disconnect failed", "TrainingPeaks could not be disconnected right now.", athleteId));
        }
        log.info("oauth_disconnect outcome={} athleteId={}", outcome, athleteId);
        if (outcome == DisconnectOutcome.NOT_CONFIRMED) {
            return html(HttpStatus.OK, Pages.disconnectedWithoutConfirmation(athleteId));
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(Pages.connectPath(athleteId))).build();
    }

    /** A POST that did not come from our connect page in this browser (cross-site, or a stale page). */
    private static ResponseEntity<String> foreignForm(String action, String athleteId) {
        log.warn("connect_form_rejected action={} athleteId={} reason=form_token", action, athleteId);
        return html(HttpStatus.FORBIDDEN, Pages.error("Please use the connect page",
                "This request did not come from the connect page in this browser. Open the connect page again and use its buttons.",
                athleteId));
    }

    private static AccountRole parseRole(String role) {
        if ("athlete".equalsIgnoreCase(role)) {
            return AccountRole.ATHLETE;
        }
        if ("coach".equalsIgnoreCase(role)) {
            return AccountRole.COACH;
        }
        return null;
    }

    private static ResponseEntity<String> invalidAthleteId() {
        return html(HttpStatus.BAD_REQUEST, Pages.error("Invalid account id",
                "A Podium account id is 1 to 64 letters, digits, dots, underscores or hyphens.", null));
    }

    static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status)
            .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
            .cacheControl(CacheControl.noStore())
            .body(body);
    }
}
