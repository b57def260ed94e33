package com.podium.connect.auth;

import java.time.Instant;

import com.podium.connect.token.TokenRevoked;

/**
 * The account's tokens were revoked and the user must connect TrainingPeaks again.
 *
 * @param reason why the tokens were revoked
 * @param detail a short human-readable explanation from the token module (never a token)
 * @param revokedAt when the revocation happened (UTC)
 */
public record ReauthorizationPrompt(String athleteId, TokenRevoked.Reason reason, String detail, Instant revokedAt) {
}
