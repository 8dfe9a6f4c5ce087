package dev.replyflow.automation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

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
    private final ManagementService management;

    RoutingFailures(JdbcTemplate jdbc, ManagementService management) {
        this.jdbc = jdbc;
        this.management = management;
    }

    @GetMapping
    List<Unrouted> list() {
        Map<String, String[]> jobs = new java.util.HashMap<>();
        jdbc.query("select ID_, HANDLER_CFG_, RETRIES_, EXCEPTION_MSG_ from ACT_RU_JOB where HANDLER_TYPE_ = ?", rs -> {
            String messageId = rs.getString(2).substring(rs.getString(2).indexOf(':') + 1);
            jobs.put(messageId, new String[] {rs.getString(1), rs.getString(3), rs.getString(4)});
        }, InboundRouting.JOB_TYPE);
        return jdbc.query("select id, contact_id, wa_message_id, created_at from message where unrouted = true "
                + "order by id fetch first 1000 rows only", (rs, i) -> {
                    String[] job = jobs.getOrDefault(String.valueOf(rs.getLong(1)), new String[3]);
                    return new Unrouted(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            rs.getObject(4, java.time.OffsetDateTime.class).toInstant(), job[0],
                            job[1] == null ? null : Integer.valueOf(job[1]), job[2]);
                });
    }

    /** Gives every routing job that ran out of retries one more, due now. @return how many */
    @PostMapping("/retry")
    Map<String, Integer> retry() {
        List<String> failed = jdbc.queryForList("select ID_ from ACT_RU_JOB where HANDLER_TYPE_ = ? and RETRIES_ = 0",
                String.class, InboundRouting.JOB_TYPE);
        failed.forEach(job -> management.setJobRetries(job, 1));
        return Map.of("retried", failed.size());
    }
}
