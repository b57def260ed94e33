package com.podium.connect.auth.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.Cookie;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import com.podium.connect.auth.flow.AuthorizationCallback;
import com.podium.connect.auth.flow.CallbackOutcome;
import com.podium.connect.auth.flow.CallbackParameters;
import com.podium.connect.token.TrainingPeaksProperties;

/**
 * The callback, mounted on the path of {@code TP_REDIRECT_URI} (a functional route, because the path comes from
 * configuration). TrainingPeaks redirects the browser here with {@code code} and {@code state}, or {@code error}.
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
            return ServerResponse.status(HttpStatus.SEE_OTHER).location(URI.create("/connect")).build();
        }
        CallbackOutcome outcome = callback.complete(parameters, bindingCookie(request));
        if (outcome instanceof CallbackOutcome.Connected connected) {
            return ServerResponse.status(HttpStatus.SEE_OTHER)
                .location(URI.create(Pages.connectPath(connected.athleteId())))
                .cacheControl(CacheControl.noStore())
                .build();
        }
        if (outcome instanceof CallbackOutcome.StateRejected rejected) {
            return html(HttpStatus.BAD_REQUEST, Pages.error("Sign-in could not be completed",
                    rejected.reason().explanation() + " Nothing was changed; please start again.", null));
        }
        if (outcome instanceof CallbackOutcome.ProviderError error) {
            String message = error.accessDenied()
                    ? "You did not allow Podium to access TrainingPeaks, so nothing was connected."
                    : "TrainingPeaks reported an error (" + error.error() + ")"
                            + (error.description() == null ? "" : ": " + shortened(error.description()))
                            + ". Nothing was connected.";
            return html(HttpStatus.BAD_REQUEST, Pages.error(
                    error.accessDenied() ? "Access not granted" : "TrainingPeaks reported an error", message,
                    error.athleteId()));
        }
        CallbackOutcome.ExchangeFailed failed = (CallbackOutcome.ExchangeFailed) outcome;
        String status = failed.httpStatus() == null ? "no answer" : "HTTP " + failed.httpStatus();
        return html(HttpStatus.BAD_GATEWAY, Pages.error("TrainingPeaks did not complete the sign-in",
                "Exchanging the authorization code with TrainingPeaks failed (" + status + ", error "
                        + failed.errorCode() + "). Nothing was stored; please try again.",
                failed.athleteId()));
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

    private static ServerResponse html(HttpStatus status, String body) {
        return ServerResponse.status(status)
            .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
            .cacheControl(CacheControl.noStore())
            .body(body);
    }
}
