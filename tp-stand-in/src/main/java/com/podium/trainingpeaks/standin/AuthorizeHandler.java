package com.podium.trainingpeaks.standin;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** GET /OAuth/Authorize and its consent decision: the browser-facing half of the code flow. */
final class AuthorizeHandler {

    static final String DECISION_PATH = "/OAuth/Authorize/decision";

    private final Clients clients;
    private final Athletes athletes;
    private final AuthorizationCodes codes;
    private final Knobs knobs;

    AuthorizeHandler(Clients clients, Athletes athletes, AuthorizationCodes codes, Knobs knobs) {
        this.clients = clients;
        this.athletes = athletes;
        this.codes = codes;
        this.knobs = knobs;
    }

    void handle(Request request, boolean decision) throws IOException {
        if (!request.method().equals("GET")) {
            Responses.html(request.exchange(), 405, Html.errorPage("Method not allowed", "Use GET."));
            return;
        }
        Map<String, String> params = request.query();
        String clientId = params.get("client_id");
        if (!clients.isKnown(clientId)) {
            // Never redirect for an unknown client: the redirect target cannot be trusted (RFC 6749 section 4.1.2.1).
            Responses.html(request.exchange(), 400, Html.errorPage("Invalid client", "The client_id is not registered."));
            return;
        }
        String redirectUri = params.get("redirect_uri");
        if (!clients.redirectUriRegistered(clientId, redirectUri)) {
            // Never redirect to an unregistered URI; TrainingPeaks shows "Invalid Redirect URI" (S4 authentication.md 6).
            Responses.html(request.exchange(), 400, Html.errorPage("Invalid Redirect URI",
                    "The redirect_uri does not match the one registered for this client."));
            return;
        }
        String state = params.get("state");
        if (!"code".equals(params.get("response_type"))) {
            redirectError(request, redirectUri, "unsupported_response_type", "Only response_type=code is supported", state);
            return;
        }
        String challenge = params.get("code_challenge");
        String method = challenge == null ? null : params.getOrDefault("code_challenge_method", Pkce.PLAIN);
        if (challenge != null && !Pkce.supportsMethod(method)) {
            redirectError(request, redirectUri, "invalid_request", "Unsupported code_challenge_method", state);
            return;
        }
        List<String> scopes = scopes(params.get("scope"));
        if (scopes.contains("athlete:profile") && scopes.contains("coach:athletes")) {
            // Mutually exclusive in one grant (S4 guide). How TrainingPeaks refuses is not documented: RFC 6749 4.1.2.1.
            redirectError(request, redirectUri, "invalid_scope",
                    "athlete:profile and coach:athletes cannot be granted together", state);
            return;
        }
        if (knobs.denyNextAuthorization.getAndSet(false)) {
            redirectError(request, redirectUri, "access_denied", "The user denied access", state);
            return;
        }
        if (decision) {
            if ("true".equalsIgnoreCase(params.get("approve"))) {
                approve(request, params, redirectUri, challenge, method, state);
            } else {
                redirectError(request, redirectUri, "access_denied", "The user denied access", state);
            }
        } else if (knobs.autoApprove) {
            approve(request, params, redirectUri, challenge, method, state);
        } else {
            showConsent(request, params, clientId);
        }
    }

    private void approve(Request request, Map<String, String> params, String redirectUri, String challenge,
                         String method, String state) throws IOException {
        List<String> scopes = scopes(params.get("scope"));
        // A coach account is the one that grants coach:athletes; premium-ness of new athletes is a knob.
        Athlete athlete = athletes.approve(params.get("login_hint"), scopes.contains("coach:athletes"),
                knobs.newAthletesPremium);
        Grant grant = new Grant(athlete.id(), params.get("client_id"), scopes);
        String code = codes.issue(grant, redirectUri, challenge, method, Instant.now());
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("code", code);
        if (state != null) {
            answer.put("state", state);
        }
        Responses.redirect(request.exchange(), FormCodec.appendQuery(redirectUri, answer));
    }

    private void showConsent(Request request, Map<String, String> params, String clientId) throws IOException {
        Map<String, String> carried = new LinkedHashMap<>(params);
        carried.remove("approve");
        String approve = DECISION_PATH + "?approve=true&" + FormCodec.encode(carried);
        String deny = DECISION_PATH + "?approve=false&" + FormCodec.encode(carried);
        Responses.html(request.exchange(), 200, Html.consentPage(clientId, scopes(params.get("scope")), approve, deny));
    }

    private static void redirectError(Request request, String redirectUri, String error, String description, String state)
            throws IOException {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("error_description", description);
        if (state != null) {
            answer.put("state", state);
        }
        Responses.redirect(request.exchange(), FormCodec.appendQuery(redirectUri, answer));
    }

    /** Space-separated per RFC 6749; the granted scope is exactly the requested one, order kept. */
    static List<String> scopes(String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+"))));
    }
}
