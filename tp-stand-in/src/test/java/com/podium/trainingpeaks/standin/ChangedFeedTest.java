package com.podium.trainingpeaks.standin;

import static com.podium.trainingpeaks.standin.OAuthClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** GET /v2/workouts/changed as the wiki documents it (Workouts-Get-Changed), and its knobs where the wiki is silent. */
class ChangedFeedTest extends StandInTest {

    String token;

    String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    JsonNode feed(String query) {
        var response = client.api("/v2/workouts/changed?" + query, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    long aWorkoutIdOfLastWeek() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode workouts = json(client.api("/v2/workouts/" + today.minusDays(8) + "/" + today.minusDays(2), token));
        return workouts.get(0).get("Id").asLong();
    }

    @Test
    void editsAndDeletionsShowInTheFeedAndOnEveryRoute() {
        token = client.connect().get("access_token").asText();
        long edited = aWorkoutIdOfLastWeek();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode week = json(client.api("/v2/workouts/" + today.minusDays(8) + "/" + today.minusDays(2), token));
        long deleted = week.get(week.size() - 1).get("Id").asLong();

        standIn.modifyWorkout(edited, "Renamed on TrainingPeaks").deleteWorkout(deleted);

        JsonNode answer = feed("date=" + today() + "&pageSize=100&page=0");
        assertThat(answer.get("Deleted")).extracting(JsonNode::asLong).containsExactly(deleted);
        List<String> titles = new ArrayList<>();
        answer.get("Modified").forEach(w -> titles.add(w.get("Title").asText()));
        assertThat(titles).contains("Renamed on TrainingPeaks");
        assertThat(client.api("/v2/workouts/id/" + edited, token).body()).contains("Renamed on TrainingPeaks");
        assertThat(client.api("/v2/workouts/id/" + deleted, token).statusCode()).isEqualTo(404);
        assertThat(client.api("/v2/workouts/" + today.minusDays(8) + "/" + today.minusDays(2), token).body())
            .doesNotContain("\"Id\":" + deleted + ",");
    }

    @Test
    void pagesAreZeroBasedAndAtMostAHundred() {
        token = client.connect().get("access_token").asText();
        String lastWeek = LocalDate.now(ZoneOffset.UTC).minusDays(7).toString();
        int all = feed("date=" + lastWeek + "&pageSize=100&page=0").get("Modified").size();
        assertThat(all).isGreaterThan(2);

        assertThat(feed("date=" + lastWeek + "&pageSize=2&page=0").get("Modified")).hasSize(2);
        assertThat(feed("date=" + lastWeek + "&pageSize=2&page=" + ((all - 1) / 2)).get("Modified"))
            .hasSize(all % 2 == 0 ? 2 : 1);
        assertThat(client.api("/v2/workouts/changed?date=" + lastWeek + "&pageSize=101&page=0", token).statusCode())
            .isEqualTo(400);
        assertThat(client.api("/v2/workouts/changed?pageSize=10&page=0", token).statusCode()).isEqualTo(400);
        assertThat(client.api("/v2/workouts/changed?date=1999-12-31", token).statusCode()).isEqualTo(400);
    }

    @Test
    void knobsPlayTheAnswersTheWikiLeavesOpen() {
        token = client.connect().get("access_token").asText();
        long edited = aWorkoutIdOfLastWeek();
        standIn.modifyWorkout(edited, "Edited");

        standIn.changesRoute("changes");
        assertThat(client.api("/v2/workouts/changed?date=" + today(), token).statusCode()).isEqualTo(404);
        assertThat(client.api("/v2/workouts/changes?date=" + today(), token).statusCode()).isEqualTo(200);

        standIn.lastModifiedInUtc(true);
        assertThat(client.api("/v2/workouts/id/" + edited, token).body())
            .containsPattern("\"LastModifiedDate\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z\"");
    }
}
