package com.podium.connect.auth.flow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.podium.connect.token.AccountRole;

/**
 * Pending authorization requests in PostgreSQL ({@code oauth_authorization_requests}), so a callback may land on
 * any instance. Keyed by the hash of the state: a database leak does not hand out redeemable states.
 */
@Repository
class AuthorizationRequests {

    private final JdbcTemplate jdbc;

    AuthorizationRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void save(String stateHash, PendingAuthorization pending) {
        jdbc.update("""
                INSERT INTO oauth_authorization_requests
                    (state_hash, athlete_id, account_role, browser_binding_hash, code_verifier, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                stateHash, pending.athleteId(), pending.role().name(), pending.browserBindingHash(),
                pending.codeVerifier(), utc(pending.createdAt()), utc(pending.expiresAt()));
    }

    /**
     * Removes and returns the request in one statement: of two callbacks racing with the same state, exactly one
     * gets it, on any instance.
     */
    Optional<PendingAuthorization> consume(String stateHash) {
        List<PendingAuthorization> rows = jdbc.query("""
                DELETE FROM oauth_authorization_requests WHERE state_hash = ?
                RETURNING athlete_id, account_role, browser_binding_hash, code_verifier, created_at, expires_at""",
                AuthorizationRequests::row, stateHash);
        return rows.stream().findFirst();
    }

    /** Drops requests whose callback never came; returns how many. */
    int purgeExpired(Instant now) {
        return jdbc.update("DELETE FROM oauth_authorization_requests WHERE expires_at < ?", utc(now));
    }

    private static PendingAuthorization row(ResultSet rs, int rowNum) throws SQLException {
        return new PendingAuthorization(rs.getString("athlete_id"), AccountRole.valueOf(rs.getString("account_role")),
                rs.getString("browser_binding_hash"), rs.getString("code_verifier"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
