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
    ResponseEntity<String> connectPage(@RequestParam(required = false) String athleteId) {
        if (athleteId == null || athleteId.isEmpty()) {
            return html(HttpStatus.OK, Pages.landing());
        }
        if (!AthleteIds.isValid(athleteId)) {
            return invalidAthleteId();
        }
        return html(HttpStatus.OK, Pages.connect(connections.connectionStatus(athleteId)));
    }

    /** Both "Start OAuth flow" and "Re-authorize" land here: a re-authorization is a new flow. */
    @PostMapping("/connect/start")
    ResponseEntity<String> start(@RequestParam(required = false) String athleteId,
            @RequestParam(required = false) String role,
            @CookieValue(name = BrowserBinding.COOKIE, required = false) String bindingCookie) {
        if (!AthleteIds.isValid(athleteId)) {
            return invalidAthleteId();
        }
        AccountRole accountRole = parseRole(role);
        if (accountRole == null) {
            return html(HttpStatus.BAD_REQUEST,
                    Pages.error("Choose a role", "Choose Athlete or Coach to connect.", athleteId));
        }
        String binding = BrowserBinding.parse(bindingCookie).orElseGet(BrowserBinding::newId);
        URI authorizationUrl = starter.start(athleteId, accountRole, binding);
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
            .location(authorizationUrl)
            .header(HttpHeaders.SET_COOKIE, BrowserBinding.cookie(binding, secureCookies).toString())
            .cacheControl(CacheControl.noStore())
            .build();
    }

    @PostMapping("/connect/disconnect")
    ResponseEntity<String> disconnect(@RequestParam(required = false) String athleteId) {
        if (!AthleteIds.isValid(athleteId)) {
            return invalidAthleteId();
        }
        try {
            tokens.disconnect(athleteId);
        }
        catch (TokenException e) {
            log.warn("oauth_disconnect outcome=failed athleteId={} error={}", athleteId, e.getClass().getSimpleName());
            return html(HttpStatus.BAD_GATEWAY,
                    Pages.error("Disconnect failed", "TrainingPeaks could not be disconnected right now.", athleteId));
        }
        log.info("oauth_disconnect outcome=done athleteId={}", athleteId);
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(Pages.connectPath(athleteId))).build();
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
