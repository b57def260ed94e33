package com.podium.connect.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;

import com.podium.testsupport.IntegrationTest;

/**
 * With TrainingPeaks at a closed port (127.0.0.1:9) the trainingPeaks component is DOWN while Kafka stays UP.
 */
@IntegrationTest(properties = { "trainingpeaks.auth-base=http://127.0.0.1:9", "trainingpeaks.api-base=http://127.0.0.1:9" })
class TrainingPeaksUnreachableHealthTests {

    @Autowired
    HealthEndpoint health;

    @Test
    void trainingPeaksIsDownWhenNothingListensWhileKafkaIsUp() {
        CompositeHealth all = (CompositeHealth) health.health();

        assertThat(all.getStatus()).isEqualTo(Status.DOWN);
        assertThat(all.getComponents().get("trainingPeaks").getStatus()).isEqualTo(Status.DOWN);
        assertThat(all.getComponents().get("kafka").getStatus()).isEqualTo(Status.UP);
        assertThat(all.getComponents().get("db").getStatus()).isEqualTo(Status.UP);
        assertThat(health.healthForPath("readiness").getStatus()).as("browser flows stay in service")
            .isEqualTo(Status.UP);
    }
}
