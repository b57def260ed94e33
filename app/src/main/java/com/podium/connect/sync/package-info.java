/**
 * The last good TrainingPeaks data of every connected account, kept in PostgreSQL and kept fresh in the background:
 * pages read it in one query instead of waiting on TrainingPeaks, and every instance and every restart serves it.
 * <p>
 * {@link com.podium.connect.sync.SyncedData} is what pages read; {@code BackgroundSync} claims due accounts
 * ({@code FOR UPDATE SKIP LOCKED} with a lease, so instances split the work) and reads TrainingPeaks through the
 * API client: athletes' workouts incrementally through the changed feed, everything else by date range. A
 * revocation or a disconnect deletes the account's data in the transaction that revokes it; a new authorization
 * starts afresh (it may be another TrainingPeaks user).
 */
package com.podium.connect.sync;
