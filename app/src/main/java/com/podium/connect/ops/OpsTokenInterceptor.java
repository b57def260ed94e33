package com.podium.connect.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Guards {@code /ops/**} with one shared bearer token ({@code PODIUM_OPS_TOKEN}). Runs before the request body is
 * read, so nothing about a request is looked at before it is authenticated. Without a configured token the
 * endpoints are off (503) rather than open.
 */
class OpsTokenInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(OpsTokenInterceptor.class);
    private static final String BEARER = "Bearer ";

    private final OpsProperties ops;
    private final ObjectMapper json;

    OpsTokenInterceptor(OpsProperties ops, ObjectMapper json) {
        this.ops = ops;
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!ops.endpointEnabled()) {
            reject(response, HttpStatus.SERVICE_UNAVAILABLE, "ops_disabled",
                    "ops endpoint disabled: set PODIUM_OPS_TOKEN");
            return false;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
        if (!bearer || !sameSecret(authorization.substring(BEARER.length()).strip(), ops.token())) {
            log.warn("Rejected {} {} from {}: {}", request.getMethod(), request.getRequestURI(),
                    request.getRemoteAddr(), bearer ? "wrong bearer token" : "no bearer token");
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"podium-ops\"");
            reject(response, HttpStatus.UNAUTHORIZED, "unauthorized",
                    "send Authorization: Bearer <the value of PODIUM_OPS_TOKEN>");
            return false;
        }
        return true;
    }

    /** Constant time in the content and, by comparing digests, in the length too. */
    static boolean sameSecret(String presented, String expected) {
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private void reject(HttpServletResponse response, HttpStatus status, String error, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), new OpsErrorAdvice.ApiError(error, detail));
    }
}
