package com.podium.connect.auth.web;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.podium.connect.auth.ConnectionStatus;
import com.podium.connect.auth.ReauthorizationPrompt;
import com.podium.connect.token.AccountRole;
import com.podium.connect.token.TokenStatus;

/** The few server-rendered pages of the flow. Every dynamic value goes through {@link #text(Object)}. */
final class Pages {

    private Pages() {
    }

    static String landing() {
        return page("Connect TrainingPeaks", """
                <form method="get" action="/connect">
                  <label>Podium account id <input name="athleteId" required maxlength="64"
                    pattern="[A-Za-z0-9._\\-]{1,64}"></label>
                  <button type="submit">Continue</button>
                </form>""");
    }

    static String connect(ConnectionStatus status, String formToken) {
        String athleteId = status.athleteId();
        AccountRole role = status.tokenStatus().map(TokenStatus::role).orElse(AccountRole.ATHLETE);
        return page("Connect TrainingPeaks", """
                <p>Podium account: <strong id="athlete">%s</strong></p>
                %s
                <form method="post" action="/connect/start">
                  <input type="hidden" name="athleteId" value="%s">
                  <input type="hidden" name="formToken" value="%s">
                  <fieldset><legend>Connect as</legend>
                    <label><input type="radio" name="role" value="athlete"%s> Athlete</label>
                    <label><input type="radio" name="role" value="coach"%s> Coach</label>
                  </fieldset>
                  <button type="submit" name="action" value="start">Start OAuth flow</button>
                  <button type="submit" name="action" value="reauthorize">Re-authorize</button>
                </form>
                <form method="post" action="/connect/disconnect">
                  <input type="hidden" name="athleteId" value="%s">
                  <input type="hidden" name="formToken" value="%s">
                  <button type="submit">Disconnect</button>
                </form>""".formatted(text(athleteId), statusBlock(status), text(athleteId), text(formToken),
                role == AccountRole.ATHLETE ? " checked" : "", role == AccountRole.COACH ? " checked" : "",
                text(athleteId), text(formToken)));
    }

    private static String statusBlock(ConnectionStatus status) {
        String state = status.state().name();
        if (status.state() == ConnectionStatus.State.CONNECTED) {
            TokenStatus token = status.token();
            return """
                    <div id="status" data-state="%s"><h2>Connected</h2><dl>
                      <dt>Role</dt><dd id="role">%s</dd>
                      <dt>Scope</dt><dd id="scope">%s</dd>
                      <dt>Expires at</dt><dd id="expires-at">%s</dd>
                    </dl></div>""".formatted(state, text(token.role()), text(token.scope()), text(token.expiresAt()));
        }
        if (status.state() == ConnectionStatus.State.REAUTHORIZATION_NEEDED) {
            ReauthorizationPrompt prompt = status.prompt();
            return """
                    <div id="status" data-state="%s"><h2>Re-authorization needed</h2>
                      <p>TrainingPeaks access ended (<span id="reason">%s</span>%s) at %s.
                      Use <em>Re-authorize</em> to connect again.</p>
                    </div>""".formatted(state, text(prompt.reason()),
                    prompt.detail() == null ? "" : ": " + text(prompt.detail()), text(prompt.revokedAt()));
        }
        return "<div id=\"status\" data-state=\"" + state + "\"><h2>Not connected</h2></div>";
    }

    /** An error page with a way back; {@code athleteId} may be null. */
    static String error(String title, String message, String athleteId) {
        return page(title, """
                <p id="message">%s</p>
                <p><a id="try-again" href="%s">Try again</a></p>""".formatted(text(message), text(connectPath(athleteId))));
    }

    /** Our tokens are gone, but TrainingPeaks did not confirm: the grant may still be listed there. */
    static String disconnectedWithoutConfirmation(String athleteId) {
        return page("Disconnected from Podium", """
                <p id="message">Podium has deleted its TrainingPeaks access for this account, but TrainingPeaks did not
                confirm the disconnection, so TrainingPeaks may still list Podium as a connected application.</p>
                <p id="where-to-remove">To remove it there, sign in to TrainingPeaks, open your account settings (click
                your name in the top right corner) and remove Podium from the connected applications.</p>
                <p><a id="back" href="%s">Back to the connect page</a></p>""".formatted(text(connectPath(athleteId))));
    }

    static String connectPath(String athleteId) {
        return athleteId == null ? "/connect"
                : "/connect?athleteId=" + URLEncoder.encode(athleteId, StandardCharsets.UTF_8);
    }

    static String text(Object value) {
        return value == null ? "" : htmlEscape(value instanceof Instant instant ? instant.toString() : value.toString());
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title></head>
                <body><h1>%s</h1>
                %s
                </body></html>
                """.formatted(text(title), text(title), body);
    }
}
