package com.podium.trainingpeaks.standin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A TrainingPeaks user created by an approval (or a coach's roster); {@code id} is TrainingPeaks' numeric id.
 *
 * @param premium   {@code IsPremium} of the profile (S3 Coach-Get-Athletes, S4 athlete-data.md); basic athletes get
 *                  null premium fields and 403 on metrics (S3 Premium-vs-Basic-Athlete)
 * @param coach     a coach account: its grant carries {@code coach:athletes} and it has a roster
 * @param coachedBy {@code CoachedBy}: the coach's id, or null
 */
public record Athlete(long id, String firstName, String lastName, String email, String timeZone, boolean premium,
                      boolean coach, Long coachedBy) {

    /** The PascalCase shape of GET /v1/athlete/profile and of each entry of GET /v1/coach/athletes (S3, S4). */
    Map<String, Object> toProfileJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Id", id);
        json.put("FirstName", firstName);
        json.put("LastName", lastName);
        json.put("Email", email);
        json.put("TimeZone", timeZone);
        json.put("BirthMonth", "19" + (70 + id % 30) + "-" + String.format("%02d", 1 + id % 12));
        json.put("Sex", id % 2 == 0 ? "m" : "f");
        json.put("CoachedBy", coachedBy);
        json.put("Weight", 60.0 + id % 25 + 0.5223617553711); // kg, with the float noise of the wiki's example
        json.put("IsPremium", premium);
        json.put("PreferredUnits", id % 3 == 0 ? "English" : "Metric");
        return json;
    }

    /** GET /v1/coach/profile: {@code {CoachId, FirstName, LastName}} (S4 endpoints.md). */
    Map<String, Object> toCoachProfileJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("CoachId", id);
        json.put("FirstName", firstName);
        json.put("LastName", lastName);
        return json;
    }
}
