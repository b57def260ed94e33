package com.podium.testsupport;

import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * One TrainingPeaks stand-in per test JVM, which every {@link IntegrationTest} context talks to. Sharing it (rather
 * than one per test class) keeps the Spring context cacheable across test classes. Tests reset its knobs and
 * counters before each test ({@link TrainingPeaksStandIn#reset()}).
 */
public final class SharedStandIn {

    private static TrainingPeaksStandIn standIn;

    private SharedStandIn() {
    }

    public static synchronized TrainingPeaksStandIn get() {
        if (standIn == null) {
            standIn = TrainingPeaksStandIn.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "stop-stand-in"));
        }
        return standIn;
    }
}
