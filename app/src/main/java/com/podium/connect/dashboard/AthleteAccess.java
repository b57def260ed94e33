package com.podium.connect.dashboard;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

import com.podium.connect.auth.AccountIds;

/**
 * Who may open {@code /dashboard/{athleteId}/**}: the athlete themself. Coaches read their athletes through their own
 * grant at {@code /coach/athletes/{id}} (see {@link CoachController}); operators read the audit log, not training
 * data. An id that breaks the account id rule is let through to the page, which answers 400 without looking
 * anything up.
 */
@Component("athleteAccess")
class AthleteAccess implements AuthorizationManager<RequestAuthorizationContext> {

    private static final SimpleGrantedAuthority ATHLETE = new SimpleGrantedAuthority("ROLE_ATHLETE");

    @Override
    @SuppressWarnings("deprecation") // check() is still the method to implement in Spring Security 6
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext request) {
        return new AuthorizationDecision(mayView(authentication.get(), request.getVariables().get("athleteId")));
    }

    static boolean mayView(Authentication person, String athleteId) {
        if (person == null || !person.isAuthenticated() || "anonymousUser".equals(person.getPrincipal())) {
            return false;
        }
        if (!AccountIds.isValid(athleteId)) {
            return true;
        }
        return person.getName().equals(athleteId) && person.getAuthorities().contains(ATHLETE);
    }
}
