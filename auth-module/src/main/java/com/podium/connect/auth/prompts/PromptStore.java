package com.podium.connect.auth.prompts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.podium.connect.auth.ReauthorizationPrompt;
import com.podium.connect.token.TokenRevoked;

/**
 * {@code auth_reauthorization_prompts}: per account, the latest revocation and the latest completed authorization.
 * Each write only moves its instant forward, so redelivered or reordered events cannot reopen a closed prompt.
 */
@Repository
class PromptStore {

    private static final int MAX_DETAIL = 500;

    private final JdbcTemplate jdbc;

    PromptStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void recordRevocation(String athleteId, TokenRevoked.Reason reason, String detail, Instant revokedAt) {
        jdbc.update("""
                INSERT INTO auth_reauthorization_prompts AS p (athlete_id, reason, detail, revoked_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (athlete_id) DO UPDATE
                    SET reason = EXCLUDED.reason, detail = EXCLUDED.detail, revoked_at = EXCLUDED.revoked_at
                    WHERE p.revoked_at IS NULL OR p.revoked_at < EXCLUDED.revoked_at""",
                athleteId, reason.name(), truncate(detail), utc(revokedAt));
    }

    void recordAuthorization(String athleteId, Instant authorizedAt) {
        jdbc.update("""
                INSERT INTO auth_reauthorization_prompts AS p (athlete_id, authorized_at) VALUES (?, ?)
                ON CONFLICT (athlete_id) DO UPDATE SET authorized_at = EXCLUDED.authorized_at
                    WHERE p.authorized_at IS NULL OR p.authorized_at < EXCLUDED.authorized_at""",
                athleteId, utc(authorizedAt));
    }

    /** The revocation not followed by an authorization, if any. */
    Optional<ReauthorizationPrompt> openPrompt(String athleteId) {
        return jdbc.query("""
                SELECT athlete_id, reason, detail, revoked_at FROM auth_reauthorization_prompts
                WHERE athlete_id = ? AND revoked_at IS NOT NULL
                  AND (authorized_at IS NULL OR revoked_at > authorized_at)""",
                PromptStore::row, athleteId).stream().findFirst();
    }

    private static ReauthorizationPrompt row(ResultSet rs, int rowNum) throws SQLException {
        return new ReauthorizationPrompt(rs.getString("athlete_id"), TokenRevoked.Reason.valueOf(rs.getString("reason")),
                rs.getString("detail"), rs.getObject("revoked_at", OffsetDateTime.class).toInstant());
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
