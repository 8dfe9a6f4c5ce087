package dev.replyflow.jobs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Replyflow's own engine jobs (hand-offs, routing, duties, campaign slices): each created in the caller's transaction
 * and, for the admin lists of what is still waiting, each job's state by the item its configuration names, and one more
 * try for those that ran out of retries.
 */
@Component
public class EngineJobs {

    /** A job's id, its retries left and its last failure (all null when the item has no job). */
    public record State(String jobId, Integer retriesLeft, String error) {
        static final State NONE = new State(null, null, null);
    }

    private final JdbcTemplate jdbc;
    private final ManagementService management;
    private final ProcessEngineConfigurationImpl engine;

    EngineJobs(JdbcTemplate jdbc, ManagementService management, ProcessEngineConfigurationImpl engine) {
        this.jdbc = jdbc;
        this.management = management;
        this.engine = engine;
    }

    /** Creates a job of an own type in the caller's transaction ({@link OwnJobHandler#send}). @return its id */
    public String send(String type, String configuration, Instant due) {
        return OwnJobHandler.send(engine, type, configuration, due);
    }

    /** @return a lookup by item id: the job configuration's last part ("contact:message" → message, "17" → 17) */
    public Map<Long, State> byItem(String type) {
        Map<Long, State> jobs = new HashMap<>();
        jdbc.query("select HANDLER_CFG_, ID_, RETRIES_, EXCEPTION_MSG_ from ACT_RU_JOB where HANDLER_TYPE_ = ?", rs -> {
            String configuration = rs.getString(1);
            jobs.put(Long.valueOf(configuration.substring(configuration.lastIndexOf(':') + 1)),
                    new State(rs.getString(2), rs.getInt(3), rs.getString(4)));
        }, type);
        return jobs;
    }

    public static State of(Map<Long, State> jobs, long item) {
        return jobs.getOrDefault(item, State.NONE);
    }

    /**
     * Deletes a job that was done another way before it ran (an inbound message routed at once): only if it is not due
     * yet, no job executor holds it and it never failed, since such a job is the executor's to finish. With SQL, not the
     * engine's delete, which would fail the caller's transaction when an executor took the job meanwhile. A due job is
     * left alone, not even locked: the acquisition locks due jobs, several in one transaction, and a batch deleting
     * several of them in another order deadlocked with it (H2 rolled the acquisition back, ENGINE-14019).
     * @return whether it was deleted
     */
    public boolean deleteUntried(String jobId) {
        return jdbc.update("delete from ACT_RU_JOB where ID_ = ? and DUEDATE_ > ? and LOCK_OWNER_ is null "
                + "and EXCEPTION_STACK_ID_ is null", jobId, new Timestamp(ClockUtil.getCurrentTime().getTime())) == 1;
    }

    /** Gives every job of the type that ran out of retries one more, due now. @return how many */
    public int retryExhausted(String type) {
        List<String> failed = jdbc.queryForList("select ID_ from ACT_RU_JOB where HANDLER_TYPE_ = ? and RETRIES_ = 0",
                String.class, type);
        failed.forEach(job -> management.setJobRetries(job, 1));
        return failed.size();
    }
}
