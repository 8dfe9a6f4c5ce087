package dev.replyflow.automation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.replyflow.jobs.EngineJobs;

/**
 * Stored customer messages whose routing has not run yet, with the error of their routing job when it keeps failing
 * (after its retries it is an incident too), and a retry once the cause is fixed.
 */
@RestController
@RequestMapping("/api/inbound/unrouted")
class RoutingFailures {

    record Unrouted(Long messageId, Long contactId, String waMessageId, Instant receivedAt, String jobId,
            Integer retriesLeft, String error) {
    }

    private final JdbcTemplate jdbc;
    private final EngineJobs jobs;

    RoutingFailures(JdbcTemplate jdbc, EngineJobs jobs) {
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    @GetMapping
    List<Unrouted> list() {
        Map<Long, EngineJobs.State> routing = jobs.byItem(InboundRouting.JOB_TYPE);
        return jdbc.query("select id, contact_id, wa_message_id, created_at from message where unrouted = true "
                + "order by id fetch first 1000 rows only", (rs, i) -> {
                    EngineJobs.State job = EngineJobs.of(routing, rs.getLong(1));
                    return new Unrouted(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            rs.getObject(4, java.time.OffsetDateTime.class).toInstant(), job.jobId(), job.retriesLeft(),
                            job.error());
                });
    }

    /** Gives every routing job that ran out of retries one more, due now. @return how many */
    @PostMapping("/retry")
    Map<String, Integer> retry() {
        return Map.of("retried", jobs.retryExhausted(InboundRouting.JOB_TYPE));
    }
}
