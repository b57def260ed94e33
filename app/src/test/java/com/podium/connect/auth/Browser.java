package com.podium.connect.auth;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.Cookie;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One browser in the OAuth flow: talks to the app through MockMvc, signed in as the Podium account that presses the
 * buttons (with the CSRF token Spring Security's pages carry), and to the TrainingPeaks stand-in over real HTTP,
 * keeping the app's browser-binding cookie like a real browser does.
 */
final class Browser {

    static final String BINDING_COOKIE = "podium_oauth_browser";

    private final MockMvc app;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String bindingCookie;
    private String account;
    private String role;

    Browser(MockMvc app) {
        this.app = app;
    }

    /** Signs this browser in as {@code account} with {@code role} ({@code athlete} or {@code coach}). */
    Browser signIn(String account, String role) {
        this.account = account;
        this.role = role.toUpperCase(java.util.Locale.ROOT);
        return this;
    }

    /** Signed in as {@code athleteId}, presses "Connect TrainingPeaks"; a 303 to TrainingPeaks when all is well. */
    MockHttpServletResponse pressStart(String athleteId, String role) throws Exception {
        signIn(athleteId, role);
        return send(post("/connect/start").with(csrf()));
    }

    /** Signed in as {@code athleteId}, confirms "Disconnect". */
    MockHttpServletResponse pressDisconnect(String athleteId) throws Exception {
        if (!athleteId.equals(account)) {
            signIn(athleteId, "athlete");
        }
        return send(post("/connect/disconnect").with(csrf()));
    }

    /** The connect page of the signed-in account. */
    String connectPage() throws Exception {
        return open("/connect").getContentAsString();
    }

    /** The TrainingPeaks authorize URL the app sent the browser to. */
    URI start(String athleteId, String role) throws Exception {
        MockHttpServletResponse response = pressStart(athleteId, role);
        if (response.getStatus() != 303) {
            throw new AssertionError("start answered " + response.getStatus() + ": " + response.getContentAsString());
        }
        return URI.create(response.getHeader("Location"));
    }

    /** Opens the authorize URL at the stand-in (auto-approve) and returns where it redirects: our callback URL. */
    URI authorizeAt(URI authorizeUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(authorizeUrl).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 302) {
            throw new AssertionError("stand-in answered " + response.statusCode() + ": " + response.body());
        }
        return URI.create(response.headers().firstValue("Location").orElseThrow());
    }

    /** Follows TrainingPeaks' redirect to our callback. */
    MockHttpServletResponse callback(URI callbackUrl) throws Exception {
        return send(get(callbackUrl));
    }

    /** Start, approve at the stand-in, land on the callback. */
    MockHttpServletResponse connect(String athleteId, String role) throws Exception {
        return callback(authorizeAt(start(athleteId, role)));
    }

    MockHttpServletResponse open(String path) throws Exception {
        return send(get(path));
    }

    MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        if (bindingCookie != null) {
            request.cookie(new Cookie(BINDING_COOKIE, bindingCookie));
        }
        if (account != null) {
            request.with(user(account).roles(role));
        }
        MockHttpServletResponse response = app.perform(request).andReturn().getResponse();
        String setCookie = response.getHeader("Set-Cookie");
        if (setCookie != null && setCookie.startsWith(BINDING_COOKIE + "=")) {
            bindingCookie = setCookie.substring(BINDING_COOKIE.length() + 1, setCookie.indexOf(';'));
        }
        return response;
    }

    static Map<String, String> query(URI url) {
        Map<String, String> decoded = new LinkedHashMap<>();
        UriComponentsBuilder.fromUri(url).build().getQueryParams().forEach((key, values) -> decoded.put(key,
                values.get(0) == null ? null : URLDecoder.decode(values.get(0), StandardCharsets.UTF_8)));
        return decoded;
    }

    static URI withQueryParam(URI url, String name, String value) {
        return UriComponentsBuilder.fromUri(url).replaceQueryParam(name, value).build(true).toUri();
    }
}
