package com.podium.connect.auth.web;

import java.net.URI;
import java.security.Principal;
import java.time.ZoneId;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

import com.podium.connect.auth.AccountIds;
import com.podium.connect.auth.ConnectionCard;
import com.podium.connect.auth.ConnectionPrompts;
import com.podium.connect.auth.ConnectionStatus;
import com.podium.connect.auth.flow.AuthorizationStarter;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.DisconnectOutcome;
import com.podium.connect.token.TokenException;
import com.podium.connect.token.Tokens;
import com.podium.connect.token.TrainingPeaksProperties;

/**
 * The signed-in person's own TrainingPeaks connection: the connect page and its buttons (connect, connect again,
 * disconnect after a confirmation). The account is always the signed-in one (the principal's name is the Podium
 * account id); nobody can act on another account from here. Forms carry Spring Security's CSRF token.
 */
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
    String connectPage(Principal principal, HttpServletRequest request, ZoneId zone, Model model) {
        String account = account(principal);
        ConnectionStatus status = connections.connectionStatus(account);
        model.addAttribute("card", ConnectionCard.of(status, zone, true));
        model.addAttribute("connectAs", roleOf(request) == AccountRole.COACH ? "coach" : "athlete");
        return "connect";
    }

    /** "Connect" and "Connect again" both land here: a re-authorization is a new flow, as the signed-in role. */
    @PostMapping("/connect/start")
    ResponseEntity<Void> start(Principal principal, HttpServletRequest request,
            @CookieValue(name = BrowserBinding.COOKIE, required = false) String bindingCookie) {
        String binding = BrowserBinding.parse(bindingCookie).orElseGet(BrowserBinding::newId);
        URI authorizationUrl = starter.start(account(principal), roleOf(request), binding);
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
            .location(authorizationUrl)
            .header(HttpHeaders.SET_COOKIE, BrowserBinding.cookie(binding, secureCookies).toString())
            .cacheControl(CacheControl.noStore())
            .build();
    }

    /** "Disconnect" first asks: it stops every sync and the coach's view of the athlete. */
    @GetMapping("/connect/disconnect")
    String confirmDisconnect(Principal principal, ZoneId zone, Model model) {
        ConnectionStatus status = connections.connectionStatus(account(principal));
        if (!status.isConnected()) {
            return "redirect:/connect";
        }
        model.addAttribute("card", ConnectionCard.of(status, zone, true));
        return "disconnect";
    }

    @PostMapping("/connect/disconnect")
    ModelAndView disconnect(Principal principal) {
        String account = account(principal);
        DisconnectOutcome outcome;
        try {
            outcome = tokens.disconnect(account);
        }
        catch (TokenException e) {
            log.warn("oauth_disconnect outcome=failed athleteId={} error={}", account, e.getClass().getSimpleName());
            return ConnectProblems.page(HttpStatus.BAD_GATEWAY, "Disconnect failed",
                    "TrainingPeaks could not be disconnected right now. Nothing was changed; please try again in a minute.");
        }
        log.info("oauth_disconnect outcome={} athleteId={}", outcome, account);
        if (outcome == DisconnectOutcome.NOT_CONFIRMED) {
            // Our tokens are gone, but TrainingPeaks may still list Podium: say where to remove it.
            return new ModelAndView("disconnected-unconfirmed");
        }
        RedirectView backToTheCard = new RedirectView("/connect");
        backToTheCard.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(backToTheCard);
    }

    /** The principal's name is the Podium account id (demo users and OpenID Connect alike). */
    static String account(Principal principal) {
        if (principal == null || !AccountIds.isValid(principal.getName())) {
            throw new IllegalStateException("the signed-in user has no valid Podium account id");
        }
        return principal.getName();
    }

    private static AccountRole roleOf(HttpServletRequest request) {
        return request.isUserInRole("COACH") ? AccountRole.COACH : AccountRole.ATHLETE;
    }
}
