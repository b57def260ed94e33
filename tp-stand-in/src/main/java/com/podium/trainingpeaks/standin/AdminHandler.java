package com.podium.trainingpeaks.standin;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * POST /_standin/{knob} mirrors the Java knobs so the local demo can flip them with curl;
 * GET /_standin/state shows knobs and counters (never token values).
 */
final class AdminHandler {

    static final String PREFIX = "/_standin/";

    private final TrainingPeaksStandIn standIn;

    AdminHandler(TrainingPeaksStandIn standIn) {
        this.standIn = standIn;
    }

    void handle(Request request) throws IOException {
        String command = request.path().length() > PREFIX.length()
                ? request.path().substring(PREFIX.length()).toLowerCase(Locale.ROOT) : "";
        if (command.equals("state")) {
            if (request.method().equals("GET")) {
                Responses.json(request.exchange(), 200, standIn.state());
            } else {
                Responses.json(request.exchange(), 405, Map.of("error", "method_not_allowed"));
            }
            return;
        }
        if (!request.method().equals("POST")) {
            Responses.json(request.exchange(), 405, Map.of("error", "method_not_allowed"));
            return;
        }
        try {
            if (!apply(command, AdminParams.from(request))) {
                Responses.json(request.exchange(), 404, Map.of("error", "unknown_knob"));
                return;
            }
        } catch (BadRequest | IllegalArgumentException e) {
            // Our own messages only; they never include request values.
            Responses.oauthError(request.exchange(), 400, "invalid_request", e.getMessage());
            return;
        }
        Responses.json(request.exchange(), 200, standIn.state());
    }

    private boolean apply(String command, AdminParams params) {
        switch (command) {
            case "autoapprove" -> standIn.autoApprove(params.flag());
            case "denynextauthorization" -> standIn.denyNextAuthorization();
            case "accesstokenlifetime" -> standIn.accessTokenLifetime(params.duration());
            case "rotaterefreshtokens" -> standIn.rotateRefreshTokens(params.flag());
            case "failrefreshwithinvalidgrant" -> standIn.failRefreshWithInvalidGrant(params.flag());
            case "revokeall" -> standIn.revokeAll();
            case "revokeuser" -> standIn.revokeUser(params.longValue("athleteId"));
            case "modifyworkout" -> standIn.modifyWorkout(params.longValue("id"), params.required("title"));
            case "deleteworkout" -> standIn.deleteWorkout(params.longValue("id"));
            case "changesroute" -> standIn.changesRoute(params.required("value"));
            case "changesdatezone" -> standIn.changesDateZone(java.time.ZoneId.of(params.required("value")));
            case "lastmodifiedinutc" -> standIn.lastModifiedInUtc(params.flag());
            case "deletedoneverypage" -> standIn.deletedOnEveryPage(params.flag());
            case "failnexttokencalls" -> standIn.failNextTokenCalls(params.count(), params.failureUnlessZero());
            case "failnextapicalls" -> standIn.failNextApiCalls(params.count(), params.failureUnlessZero());
            case "outage" -> standIn.outage(params.flag());
            case "delay" -> standIn.delay(params.duration());
            case "apidelay" -> standIn.apiDelay(params.duration());
            case "expireaccesstokensnow" -> standIn.expireAccessTokensNow();
            case "resetcounters" -> standIn.resetCounters();
            case "reset" -> standIn.reset();
            case "refreshtokenrotation" -> standIn.refreshTokenRotation(
                    TrainingPeaksStandIn.Rotation.valueOf(params.required("mode").toUpperCase(Locale.ROOT)),
                    params.has("seconds") || params.has("millis") || params.has("value") ? params.duration() : Duration.ofSeconds(30));
            case "refreshendsearlieraccesstokens" -> standIn.refreshEndsEarlierAccessTokens(params.flag());
            case "omittokenfields" -> standIn.omitTokenFields(params.list("fields"));
            case "answerscope" -> standIn.answerScope(params.optional("scope"));
            case "tokentype" -> standIn.tokenType(params.required("value"));
            case "padtokenanswers" -> standIn.padTokenAnswers(Long.parseLong(params.required("bytes")));
            case "trickletokenanswers" -> standIn.trickleTokenAnswers(params.duration());
            case "tokenretryafter" -> standIn.tokenRetryAfter(params.has("seconds") || params.has("millis") || params.has("value") ? params.duration() : null);
            case "clientauthfailure" -> standIn.clientAuthFailure(
                    TrainingPeaksStandIn.ClientAuthFailure.valueOf(params.required("style").toUpperCase(Locale.ROOT)));
            case "registerclient" -> standIn.registerClient(params.required("clientId"), params.required("clientSecret"),
                    params.optional("redirectUri", TrainingPeaksStandIn.DEFAULT_REDIRECT_URI));
            case "acceptbasicclientauthentication" -> standIn.acceptBasicClientAuthentication(params.flag());
            case "deauthorizeacceptsexpiredtoken" -> standIn.deauthorizeAcceptsExpiredToken(params.flag());
            case "newathletespremium" -> standIn.newAthletesPremium(params.flag());
            case "hrvkey" -> standIn.hrvKey(params.required("value"));
            default -> {
                return false;
            }
        }
        return true;
    }
}
