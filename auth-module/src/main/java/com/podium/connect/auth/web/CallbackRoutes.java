package com.podium.connect.auth.web;

import java.net.URI;
import java.security.Principal;

import jakarta.servlet.http.Cookie;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.RenderingResponse;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import com.podium.connect.auth.flow.AuthorizationCallback;
import com.podium.connect.auth.flow.CallbackOutcome;
import com.podium.connect.auth.flow.CallbackParameters;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TrainingPeaksProperties;

/**
 * The callback, mounted on the path of {@code TP_REDIRECT_URI} (a functional route, because the path comes from
 * configuration). TrainingPeaks redirects the browser here with {@code code} and {@code state}, or {@code error}.
 * The state must come back to the browser and the signed-in Podium user that started the flow.
 */
@Configuration(proxyBeanMethods = false)
class CallbackRoutes {

    @Bean
    RouterFunction<ServerResponse> oauthCallbackRoute(TrainingPeaksProperties trainingPeaks,
            AuthorizationCallback callback) {
        return RouterFunctions.route()
            .GET(callbackPath(trainingPeaks.redirectUri()), request -> handle(request, callback))
            .build();
    }

    static String callbackPath(URI redirectUri) {
        String path = redirectUri.getPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static ServerResponse handle(ServerRequest request, AuthorizationCallback callback) {
        CallbackParameters parameters = new CallbackParameters(param(request, "code"), param(request, "state"),
                param(request, "error"), param(request, "error_description"));
        if (parameters.isEmpty()) {
            return ServerResponse.status(HttpStatus.SEE_OTHER).location(URI.create("/home")).build();
        }
        String signedIn = request.principal().map(Principal::getName).orElse(null);
        CallbackOutcome outcome = callback.complete(parameters, bindingCookie(request), signedIn);
        if (outcome instanceof CallbackOutcome.Connected connected) {
            // Straight to what the connection is for: the athlete's dashboard, the coach's roster.
            return ServerResponse.status(HttpStatus.SEE_OTHER)
                .location(URI.create(connected.role() == AccountRole.COACH ? "/coach" : "/dashboard"))
                .cacheControl(CacheControl.noStore())
                .build();
        }
        if (outcome instanceof CallbackOutcome.StateRejected rejected) {
            return problem(HttpStatus.BAD_REQUEST, "TrainingPeaks could not be connected",
                    rejected.reason().explanation() + " Nothing was changed; please start again.");
        }
        if (outcome instanceof CallbackOutcome.ProviderError error) {
            return error.accessDenied()
                    ? problem(HttpStatus.BAD_REQUEST, "Access not granted",
                            "You did not allow Podium to access TrainingPeaks, so nothing was connected.")
                    : problem(HttpStatus.BAD_REQUEST, "TrainingPeaks reported a problem",
                            "TrainingPeaks could not complete the connection"
                                    + (error.description() == null ? "" : ": " + shortened(error.description()))
                                    + ". Nothing was connected.");
        }
        CallbackOutcome.ExchangeFailed failed = (CallbackOutcome.ExchangeFailed) outcome;
        boolean answered = failed.httpStatus() != null && failed.httpStatus() < 500;
        return problem(HttpStatus.BAD_GATEWAY, "TrainingPeaks did not complete the connection", answered
                ? "TrainingPeaks did not accept this connection attempt (it may have taken too long). Nothing was stored; please try again."
                : "TrainingPeaks did not answer in time. Nothing was stored; please try again in a minute.");
    }

    /** The provider's description is shown (escaped) but never at any length a forged URL chooses. */
    private static String shortened(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static String param(ServerRequest request, String name) {
        return request.param(name).orElse(null);
    }

    private static String bindingCookie(ServerRequest request) {
        Cookie cookie = request.cookies().getFirst(BrowserBinding.COOKIE);
        return cookie == null ? null : BrowserBinding.parse(cookie.getValue()).orElse(null);
    }

    private static ServerResponse problem(HttpStatus status, String title, String message) {
        return RenderingResponse.create(ConnectProblems.VIEW)
            .status(status)
            .modelAttribute("title", title)
            .modelAttribute("message", message)
            .build();
    }
}
