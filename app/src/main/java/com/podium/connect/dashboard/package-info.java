/**
 * The pages about training: the athlete page ({@code /dashboard/{athleteId}}) and the coach's roster
 * ({@code /coach}). Who may open which athlete is decided here too ({@code athleteAccess}): the athlete, and the
 * coaches whose TrainingPeaks roster holds them.
 */
package com.podium.connect.dashboard;
