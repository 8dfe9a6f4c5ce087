package dev.replyflow.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stored deliveries (shop, voice) whose hand-off has not run yet, with the error of their job when it keeps failing
 * (after its retries it is an incident too), and a retry once the cause is fixed.
 */
@RestController
@RequestMapping("/api/inbound/deliveries")
class PendingDeliveries {

    record Pending(Long id, String source, Long contactId, String handOff, Instant receivedAt, String jobId,
            Integer retriesLeft, String error) {
    }

    private final JdbcTemplate jdbc;
    private final ManagementService management;

    PendingDeliveries(JdbcTemplate jdbc, ManagementService management) {
        this.jdbc = jdbc;
        this.management = management;
    }

    @GetMapping
    List<Pending> list() {
        Map<String, String[]> jobs = new HashMap<>();
        jdbc.query("select HANDLER_CFG_, ID_, RETRIES_, EXCEPTION_MSG_ from ACT_RU_JOB where HANDLER_TYPE_ = ?",
                rs -> {
                    jobs.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }, HandOffs.JOB_TYPE);
        return jdbc.query("select id, source, contact_id, hand_off, received_at from webhook_delivery order by id "
                + "fetch first 1000 rows only", (rs, i) -> {
                    String[] job = jobs.getOrDefault(String.valueOf(rs.getLong(1)), new String[3]);
                    return new Pending(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(), job[0],
                            job[1] == null ? null : Integer.valueOf(job[1]), job[2]);
                });
    }

    /** Gives every hand-off job that ran out of retries one more, due now. @return how many */
    @PostMapping("/retry")
    Map<String, Integer> retry() {
        List<String> failed = jdbc.queryForList("select ID_ from ACT_RU_JOB where HANDLER_TYPE_ = ? and RETRIES_ = 0",
                String.class, HandOffs.JOB_TYPE);
        failed.forEach(job -> management.setJobRetries(job, 1));
        return Map.of("retried", failed.size());
    }
}
