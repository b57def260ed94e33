package com.podium.connect.health;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.podium.connect.apiclient.StandInIntegrationTest;

/** {@code /actuator/health} with the stand-in as TrainingPeaks and the real broker and database. */
class HealthIntegrationTests extends StandInIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void databaseKafkaAndTrainingPeaksAreUp() throws Exception {
        mvc.perform(get("/actuator/health"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("UP"))
            .andExpect(jsonPath("$.components.db.status").value("UP"))
            .andExpect(jsonPath("$.components.kafka.status").value("UP"))
            .andExpect(jsonPath("$.components.trainingPeaks.status").value("UP"))
            .andExpect(jsonPath("$.components.eventDelivery.status").value("UP"));
    }

    @Test
    void livenessAndReadinessAreSeparateGroups() throws Exception {
        mvc.perform(get("/actuator/health/liveness"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("UP"))
            .andExpect(jsonPath("$.components.livenessState.status").value("UP"))
            .andExpect(jsonPath("$.components.db").doesNotExist());
        mvc.perform(get("/actuator/health/readiness"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("UP"))
            .andExpect(jsonPath("$.components.db.status").value("UP"))
            .andExpect(jsonPath("$.components.readinessState.status").value("UP"))
            .andExpect(jsonPath("$.components.kafka").doesNotExist())
            .andExpect(jsonPath("$.components.trainingPeaks").doesNotExist());
    }
}
