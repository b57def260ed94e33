package com.podium.connect.apiclient;

import java.time.Duration;

/** Waits between attempts; a seam so tests can record the waits instead of sleeping. */
@FunctionalInterface
interface Sleeper {

    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
