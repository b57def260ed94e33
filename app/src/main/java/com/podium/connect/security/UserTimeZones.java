package com.podium.connect.security;

import java.time.ZoneId;
import java.util.Locale;
import java.util.TimeZone;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.servlet.i18n.AbstractLocaleContextResolver;

import com.podium.connect.auth.LocalTimes;

/**
 * The signed-in person's time zone for Spring MVC (a {@code ZoneId} controller argument, {@code #dates}): the
 * identity provider's standard {@code zoneinfo} claim, a demo user's zone, else UTC. English throughout.
 */
final class UserTimeZones extends AbstractLocaleContextResolver {

    @Override
    public LocaleContext resolveLocaleContext(HttpServletRequest request) {
        TimeZone zone = TimeZone.getTimeZone(zoneOf(SecurityContextHolder.getContext().getAuthentication()));
        return new TimeZoneAwareLocaleContext() {
            @Override
            public Locale getLocale() {
                return Locale.ENGLISH;
            }

            @Override
            public TimeZone getTimeZone() {
                return zone;
            }
        };
    }

    static ZoneId zoneOf(Authentication authentication) {
        Object principal = authentication == null ? null : authentication.getPrincipal();
        if (principal instanceof PodiumUser user) {
            return user.zone();
        }
        if (principal instanceof OidcUser user) {
            return LocalTimes.zoneOrUtc(user.getZoneInfo());
        }
        return ZoneId.of("UTC");
    }

    @Override
    public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext context) {
        throw new UnsupportedOperationException("the time zone comes from the signed-in user");
    }
}
