package com.podium.connect.ops;

import java.util.List;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code POST /ops/replay}: the replay over HTTP, for role OPS: an operator signed in, or a machine with the bearer token (see the security package).
 * Answers the events (target CONSOLE) or how many went to the replay topic (target TOPIC).
 */
@RestController
@RequestMapping("/ops")
class OpsReplayController {

    private final TokenEventReplayer replayer;
    private final ObjectMapper json;

    OpsReplayController(TokenEventReplayer replayer, ObjectMapper json) {
        this.replayer = replayer;
        this.json = json;
    }

    @PostMapping("/replay")
    ReplayAnswer replay(@RequestBody(required = false) String body) {
        ReplayResult result = replayer.replay(OpsReplayBody.read(body, json).toRequest());
        ReplayRequest request = result.request();
        return new ReplayAnswer(request.target(), request.athleteId(), result.sourceTopic(), result.targetTopic(),
                result.count(), request.target() == ReplayTarget.CONSOLE ? result.events() : null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReplayAnswer(ReplayTarget target, String athleteId, String sourceTopic, String targetTopic, int count,
            List<ReplayedEvent> events) {
    }
}
