package com.podium.connect.audit;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads the audit log: {@code GET /api/audit/events?athleteId=...&from=...&to=...&limit=...}. */
@RestController
@RequestMapping("/api/audit")
class AuditEventsController {

    private final AuditEventRepository auditLog;

    AuditEventsController(AuditEventRepository auditLog) {
        this.auditLog = auditLog;
    }

    /** Parameters are read as text and validated by {@link AuditQuery}, so each mistake has its own message. */
    @GetMapping("/events")
    AuditEventsPage events(@RequestParam(required = false) String athleteId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String limit) {
        AuditQuery query = AuditQuery.parse(athleteId, from, to, limit);
        List<AuditEventView> events = auditLog
            .findForAthlete(query.athleteId(), query.from(), query.to(), Limit.of(query.limit()))
            .stream().map(AuditEventView::of).toList();
        return new AuditEventsPage(query.athleteId(), query.from(), query.to(), query.limit(), events.size(), events);
    }

    record AuditEventsPage(String athleteId, Instant from, Instant to, int limit, int count,
            List<AuditEventView> events) {
    }
}
