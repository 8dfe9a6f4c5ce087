package dev.replyflow.jobs;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An index on the due date of the engine's jobs, which Camunda's schema lacks. Every job acquisition (each job
 * executor, every 0.1–0.5 s) asks for the jobs due now; without it that reads every job, and each contact waiting at a
 * Customer Response has one, its No Response timer: with 100,000 waiting, an acquisition took 150 ms of PostgreSQL's
 * CPU, 0.4 ms with the index. Every job has a due date ({@code ensureJobDueDateNotNull}), so that acquisition asks only
 * for {@code DUEDATE_ <= now}, which H2 too answers from the index; jobs an older version left without one (due at
 * once) are given their creation time here, or acquisition would never find them. Both run once the engine has its
 * tables (both databases know IF NOT EXISTS).
 */
@Component
public class JobDueDateIndex extends AbstractProcessEnginePlugin {

    /** The statement, also run by the benchmark's bare Camunda so that both engines have the same schema. */
    public static final String SQL = "create index if not exists ACT_IDX_JOB_DUEDATE on ACT_RU_JOB(DUEDATE_)";
    /** Jobs without a due date were due at once: from when they were created. */
    static final String DUE_AT_ONCE = "update ACT_RU_JOB set DUEDATE_ = coalesce(CREATE_TIME_, current_timestamp) "
            + "where DUEDATE_ is null";

    private static final Logger log = LoggerFactory.getLogger(JobDueDateIndex.class);

    private final DataSource dataSource;

    JobDueDateIndex(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        try {
            jdbc.execute(SQL);
        } catch (DataAccessException e) { // another node creating it at the same moment, or no right to: it still runs
            log.warn("The index on ACT_RU_JOB(DUEDATE_) could not be created ({}); job acquisition reads every job "
                    + "without it", e.getMessage());
        }
        int dated = jdbc.update(DUE_AT_ONCE);
        if (dated > 0) {
            log.info("{} jobs without a due date (from an earlier version) are now due from their creation", dated);
        }
    }
}
