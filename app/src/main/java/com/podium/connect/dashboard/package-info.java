/**
 * The per-athlete dashboard page: connection status, profile, recent workouts and metrics from the API client, and
 * a re-authorize prompt as soon as a {@code TokenRevoked} arrives.
 */
package com.podium.connect.dashboard;
