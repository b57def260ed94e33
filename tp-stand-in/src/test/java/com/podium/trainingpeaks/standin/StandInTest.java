package com.podium.trainingpeaks.standin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Each test gets a stand-in of its own on a free port, with its knobs at their defaults, and a client for it. */
abstract class StandInTest {

    protected TrainingPeaksStandIn standIn;
    protected OAuthClient client;

    @BeforeEach
    void startStandIn() {
        standIn = TrainingPeaksStandIn.start(0);
        client = new OAuthClient(standIn);
    }

    @AfterEach
    void stopStandIn() {
        standIn.close();
    }
}
