package com.podium.trainingpeaks.standin;

import java.util.LinkedHashMap;
import java.util.Map;

/** A TrainingPeaks user created by an approval; {@code id} is TrainingPeaks' numeric athlete id. */
public record Athlete(long id, String firstName, String lastName, String email, String timeZone) {

    /** The PascalCase shape of GET /v1/athlete/profile. */
    Map<String, Object> toProfileJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Id", id);
        json.put("FirstName", firstName);
        json.put("LastName", lastName);
        json.put("Email", email);
        json.put("TimeZone", timeZone);
        return json;
    }
}
