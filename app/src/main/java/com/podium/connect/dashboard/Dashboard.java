package com.podium.connect.dashboard;

import java.time.Instant;
import java.time.ZoneId;

import com.podium.connect.auth.ConnectionCard;
import com.podium.connect.auth.LocalTimes;

/**
 * What an athlete page shows. {@code training} is null unless the connection it reads through is up.
 *
 * @param title the athlete's name when known
 * @param path the page's address, for its links
 * @param coachView read through a coach's grant (the card is then the coach's connection)
 * @param zone the athlete's time zone: every time on the page is in it
 * @param asOf when the page was put together, in {@code zone}
 * @param premium whether TrainingPeaks gives this athlete's premium data (TSS, health metrics)
 */
record Dashboard(String title, String path, boolean coachView, ConnectionCard card, ZoneId zone, String asOf,
        boolean premium, Section<Training> training) {

    public boolean showsTraining() {
        return training != null;
    }

    /** A time on this page: in the athlete's zone, to the minute. */
    public String at(Instant instant) {
        return LocalTimes.minute(instant, zone);
    }
}
