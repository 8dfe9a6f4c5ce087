package dev.replyflow.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.replyflow.jobs.EngineJobs;

/**
 * Stored deliveries (WhatsApp, shop, voice) whose hand-off has not run yet, with the error of their job when it keeps failing
 * (after its retries it is an incident too), and a retry once the cause is fixed.
 */
@RestController
@RequestMapping("/api/inbound/deliveries")
class PendingDeliveries {

    record Pending(Long id, String source, Long contactId, String handOff, Instant receivedAt, String jobId,
            Integer retriesLeft, String error) {
    }

    private final JdbcTemplate jdbc;
    private final EngineJobs jobs;

    PendingDeliveries(JdbcTemplate jdbc, EngineJobs jobs) {
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    @GetMapping
    List<Pending> list() {
        Map<Long, EngineJobs.State> handOffs = jobs.byItem(HandOffs.JOB_TYPE);
        return jdbc.query("select id, source, contact_id, hand_off, received_at from webhook_delivery order by id "
                + "fetch first 1000 rows only", (rs, i) -> {
                    EngineJobs.State job = EngineJobs.of(handOffs, rs.getLong(1));
                    return new Pending(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(), job.jobId(), job.retriesLeft(), job.error());
                });
    }

    /** Gives every hand-off job that ran out of retries one more, due now. @return how many */
    @PostMapping("/retry")
    Map<String, Integer> retry() {
        return Map.of("retried", jobs.retryExhausted(HandOffs.JOB_TYPE));
    }
}
