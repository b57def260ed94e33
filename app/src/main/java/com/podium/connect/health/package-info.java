/**
 * Actuator health beyond Boot's database check: the Kafka broker ({@code kafka}) and whether TrainingPeaks' OAuth
 * and API hosts answer at all ({@code trainingPeaks}).
 */
package com.podium.connect.health;
