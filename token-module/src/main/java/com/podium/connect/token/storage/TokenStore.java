package com.podium.connect.token.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.podium.connect.token.AccountRole;
import com.podium.connect.token.cache.AccessTokenCache;

/**
 * {@code oauth_tokens}, one row per account. Plain SQL on purpose: every write is a compare-and-set on
 * {@code version} (fencing) or a lease claim, and those conditions are the point of this class.
 * <p>
 * Joins the caller's transaction; methods that change rows expect one. Every write that replaces or deletes an access
 * token drops the athlete's cached copy after the commit ({@link AccessTokenCache}).
 */
@Repository
public class TokenStore {

    private static final String COLUMNS = """
            athlete_id, account_role, access_token, refresh_token, key_id, scope, issued_at, expires_at, refresh_at,
            version, lease_owner, lease_until, failure_count, next_attempt_at, last_error_code, updated_at""";

    private static final RowMapper<TokenRow> ROW = TokenStore::map;

    /** Constant SQL with positional parameters: the driver prepares it once per connection and reuses the plan. */
    private static final String FIND_ACCESS_TOKEN =
            "SELECT access_token, key_id, scope, expires_at, refresh_at FROM oauth_tokens WHERE athlete_id = ?";

    /**
     * Taking over a lease that another refresher still named but let run out: that refresher died or stalled with
     * a call possibly in flight, so TrainingPeaks may have rotated the refresh token without our knowing.
     */
    private static final String TAKEOVER_MARKS_ANSWER_LOST = """
            CASE WHEN lease_owner IS NOT NULL AND lease_owner <> :owner THEN COALESCE(answer_lost_at, :now)
                 ELSE answer_lost_at END
            """;

    private final JdbcClient jdbc;
    private final JdbcOperations reads;
    private final AccessTokenCache cache;

    public TokenStore(JdbcClient jdbc, JdbcOperations reads, AccessTokenCache cache) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.cache = cache;
    }

    /** The hot read: only what {@code getToken} needs, see {@link StoredAccessToken}. */
    public Optional<StoredAccessToken> findAccessToken(String athleteId) {
        List<StoredAccessToken> found = reads.query(FIND_ACCESS_TOKEN,
                (rs, rowNum) -> new StoredAccessToken(athleteId, rs.getBytes(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(),
                        rs.getObject(5, OffsetDateTime.class).toInstant()),
                athleteId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public Optional<TokenRow> find(String athleteId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM oauth_tokens WHERE athlete_id = :athleteId")
            .param("athleteId", athleteId)
            .query(ROW)
            .optional();
    }

    /**
     * Inserts the account's tokens or replaces them (a re-authorization). The version still goes up, so a refresher
     * that started before can no longer write its older result over the new grant.
     */
    public TokenRow replace(String athleteId, AccountRole role, EncryptedTokens tokens, Instant now) {
        cache.evictAfterCommit(athleteId);
        return jdbc.sql("""
                INSERT INTO oauth_tokens (athlete_id, account_role, access_token, refresh_token, key_id, scope,
                                          issued_at, expires_at, refresh_at, version, created_at, updated_at)
                VALUES (:athleteId, :role, :access, :refresh, :keyId, :scope, :issuedAt, :expiresAt, :refreshAt, 0,
                        :now, :now)
                ON CONFLICT (athlete_id) DO UPDATE SET
                    account_role = EXCLUDED.account_role, access_token = EXCLUDED.access_token,
                    refresh_token = EXCLUDED.refresh_token, key_id = EXCLUDED.key_id, scope = EXCLUDED.scope,
                    issued_at = EXCLUDED.issued_at, expires_at = EXCLUDED.expires_at, refresh_at = EXCLUDED.refresh_at,
                    version = oauth_tokens.version + 1, lease_owner = NULL, lease_until = NULL, failure_count = 0,
                    next_attempt_at = NULL, last_error_code = NULL, answer_lost_at = NULL,
                    updated_at = EXCLUDED.updated_at
                RETURNING\s""" + COLUMNS)
            .param("athleteId", athleteId)
            .param("role", role.name())
            .params(tokenParams(tokens))
            .param("now", utc(now))
            .query(ROW)
            .single();
    }

    /**
     * Claims the refresh lease unless another refresher holds a live one. The claim commits before any HTTP call,
     * so no row lock or connection is held while TrainingPeaks answers.
     *
     * @return the row as claimed, or empty when the row is gone or leased by someone else
     */
    public Optional<TokenRow> claimLease(String athleteId, String owner, Instant now, Instant until) {
        return jdbc.sql("""
                UPDATE oauth_tokens SET lease_owner = :owner, lease_until = :until,
                    answer_lost_at = """ + TAKEOVER_MARKS_ANSWER_LOST + """
                WHERE athlete_id = :athleteId AND (lease_until IS NULL OR lease_until <= :now OR lease_owner = :owner)
                RETURNING\s""" + COLUMNS)
            .param("athleteId", athleteId)
            .param("owner", owner)
            .param("now", utc(now))
            .param("until", utc(until))
            .query(ROW)
            .optional();
    }

    /**
     * Claims the leases of up to {@code limit} due tokens at once for the background refresher. {@code SKIP LOCKED}
     * lets several instances sweep side by side without waiting on, or claiming, each other's rows.
     */
    public List<String> claimDue(String owner, Instant now, Instant until, int limit) {
        return jdbc.sql("""
                UPDATE oauth_tokens SET lease_owner = :owner, lease_until = :until,
                    answer_lost_at = """ + TAKEOVER_MARKS_ANSWER_LOST + """
                WHERE athlete_id IN (
                    SELECT athlete_id FROM oauth_tokens
                    WHERE refresh_at <= :now
                      AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
                      AND (lease_until IS NULL OR lease_until <= :now)
                    ORDER BY refresh_at
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                RETURNING athlete_id""")
            .param("owner", owner)
            .param("now", utc(now))
            .param("until", utc(until))
            .param("limit", limit)
            .query(String.class)
            .list();
    }

    /**
     * Writes a refresh result if the row is still the version the refresher read. The version is the fence, not the
     * lease: an answer that arrives after its lease ran out is still the newest TrainingPeaks issued as long as no
     * one wrote since, and dropping it would strand a rotated refresh token. A refresher overtaken by a newer write
     * gets empty and must discard its result.
     *
     * @param owner unused by the fence; kept so callers name the lease they held
     * @return the new version, or empty when fenced off
     */
    public Optional<Long> writeRefreshed(String athleteId, long expectedVersion, String owner, EncryptedTokens tokens,
            Instant now) {
        cache.evictAfterCommit(athleteId);
        return jdbc.sql("""
                UPDATE oauth_tokens SET
                    access_token = :access, refresh_token = COALESCE(:refresh, refresh_token), key_id = :keyId,
                    scope = :scope, issued_at = :issuedAt, expires_at = :expiresAt, refresh_at = :refreshAt,
                    version = version + 1, lease_owner = NULL, lease_until = NULL, failure_count = 0,
                    next_attempt_at = NULL, last_error_code = NULL, answer_lost_at = NULL, updated_at = :now
                WHERE athlete_id = :athleteId AND version = :version
                RETURNING version""")
            .param("athleteId", athleteId)
            .param("version", expectedVersion)
            .params(tokenParams(tokens))
            .param("now", utc(now))
            .query(Long.class)
            .optional();
    }

    /**
     * Records a failure and its back-off, releasing the lease; fenced on version and lease.
     *
     * @param answerLost TrainingPeaks may have processed the call without its answer reaching us
     */
    public boolean recordFailure(String athleteId, long expectedVersion, String owner, int failureCount,
            Instant nextAttemptAt, String errorCode, boolean answerLost, Instant now) {
        return jdbc.sql("""
                UPDATE oauth_tokens SET failure_count = :failures, next_attempt_at = :nextAttemptAt,
                    last_error_code = :errorCode, lease_owner = NULL, lease_until = NULL, updated_at = :now,
                    answer_lost_at = CASE WHEN :answerLost THEN COALESCE(answer_lost_at, :now) ELSE answer_lost_at END
                WHERE athlete_id = :athleteId AND version = :version AND lease_owner = :owner""")
            .param("answerLost", answerLost)
            .param("athleteId", athleteId)
            .param("version", expectedVersion)
            .param("owner", owner)
            .param("failures", failureCount)
            .param("nextAttemptAt", utc(nextAttemptAt))
            .param("errorCode", errorCode)
            .param("now", utc(now))
            .update() == 1;
    }

    public void releaseLease(String athleteId, String owner) {
        jdbc.sql("UPDATE oauth_tokens SET lease_owner = NULL, lease_until = NULL WHERE athlete_id = :athleteId AND lease_owner = :owner")
            .param("athleteId", athleteId)
            .param("owner", owner)
            .update();
    }

    /**
     * Deletes the row only if it is still the version the caller judged, saying whether an earlier refresh's answer
     * had been lost ({@code answer_lost_at} set).
     *
     * @return empty when fenced off (a newer grant is stored), else whether an answer had been lost
     */
    public Optional<Boolean> revokeIfVersion(String athleteId, long expectedVersion) {
        cache.evictAfterCommit(athleteId);
        return jdbc.sql("""
                DELETE FROM oauth_tokens WHERE athlete_id = :athleteId AND version = :version
                RETURNING answer_lost_at IS NOT NULL""")
            .param("athleteId", athleteId)
            .param("version", expectedVersion)
            .query(Boolean.class)
            .optional();
    }

    /** Extends the leases of refreshes still in flight, so no one else presents their refresh tokens meanwhile. */
    public int renewLeases(Collection<String> owners, Instant until) {
        if (owners.isEmpty()) {
            return 0;
        }
        return jdbc.sql("UPDATE oauth_tokens SET lease_until = :until WHERE lease_owner IN (:owners)")
            .param("until", utc(until))
            .param("owners", List.copyOf(owners))
            .update();
    }

    /** Deletes the row only if it is still the version the caller judged: a rejected old refresh token never deletes a newer grant. */
    public boolean deleteIfVersion(String athleteId, long expectedVersion) {
        cache.evictAfterCommit(athleteId);
        return jdbc.sql("DELETE FROM oauth_tokens WHERE athlete_id = :athleteId AND version = :version")
            .param("athleteId", athleteId)
            .param("version", expectedVersion)
            .update() == 1;
    }

    /** Deletes whatever is stored: the user disconnected. */
    public boolean delete(String athleteId) {
        cache.evictAfterCommit(athleteId);
        return jdbc.sql("DELETE FROM oauth_tokens WHERE athlete_id = :athleteId").param("athleteId", athleteId).update() == 1;
    }

    /** Rows whose ciphertexts were not made with {@code keyId}: what a key rotation still has to re-encrypt. */
    public List<TokenRow> findEncryptedWithOtherKey(String keyId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM oauth_tokens WHERE key_id <> :keyId ORDER BY athlete_id LIMIT :limit")
            .param("keyId", keyId)
            .param("limit", limit)
            .query(ROW)
            .list();
    }

    /**
     * Swaps ciphertexts for ones under another key, same plaintexts. Checks the version but does not bump it: a
     * refresher that read this version may still write its (newer) tokens afterwards.
     */
    public boolean reEncrypt(String athleteId, long expectedVersion, byte[] access, byte[] refresh, String keyId) {
        return jdbc.sql("""
                UPDATE oauth_tokens SET access_token = :access, refresh_token = :refresh, key_id = :keyId
                WHERE athlete_id = :athleteId AND version = :version""")
            .param("athleteId", athleteId)
            .param("version", expectedVersion)
            .param("access", access)
            .param("refresh", refresh)
            .param("keyId", keyId)
            .update() == 1;
    }

    private static Map<String, Object> tokenParams(EncryptedTokens tokens) {
        Map<String, Object> params = new HashMap<>();
        params.put("access", tokens.accessToken());
        params.put("refresh", tokens.refreshToken());
        params.put("keyId", tokens.keyId());
        params.put("scope", tokens.scope() == null ? "" : tokens.scope());
        params.put("issuedAt", utc(tokens.issuedAt()));
        params.put("expiresAt", utc(tokens.expiresAt()));
        params.put("refreshAt", utc(tokens.refreshAt()));
        return params;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static TokenRow map(ResultSet rs, int rowNum) throws SQLException {
        return new TokenRow(rs.getString("athlete_id"), AccountRole.valueOf(rs.getString("account_role")),
                rs.getBytes("access_token"), rs.getBytes("refresh_token"), rs.getString("key_id"),
                rs.getString("scope"), instant(rs, "issued_at"), instant(rs, "expires_at"), instant(rs, "refresh_at"),
                rs.getLong("version"), rs.getString("lease_owner"), instant(rs, "lease_until"),
                rs.getInt("failure_count"), instant(rs, "next_attempt_at"), rs.getString("last_error_code"),
                instant(rs, "updated_at"));
    }
}
