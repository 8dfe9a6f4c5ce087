package dev.replyflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.support.ApiTest;

/**
 * Routing at once deletes the routing jobs of many messages in one transaction, while the job executor's acquisition
 * locks due jobs in one transaction of its own: the delete leaves due jobs alone, so the two never wait for each other.
 */
class EngineJobsTest extends ApiTest {

    @Autowired
    EngineJobs jobs;
    @Autowired
    ProcessEngineConfigurationImpl engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aJobNotDueYetIsDeletedAndADueOneIsLeftToTheAcquisitionLockingIt() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        Instant now = ClockUtil.getCurrentTime().toInstant(); // the engine's clock, which other tests may have moved
        String later = tx.execute(status -> OwnJobHandler.send(engine, "replyflow-test", "1", now.plus(1, ChronoUnit.DAYS)));
        String due = tx.execute(status -> OwnJobHandler.send(engine, "replyflow-test", "2", now.minus(1, ChronoUnit.HOURS)));
        jdbc.update("update ACT_RU_JOB set SUSPENSION_STATE_ = 2 where ID_ = ?", due); // this test's executor skips it

        try (Connection acquisition = dataSource.getConnection()) {
            acquisition.setAutoCommit(false);
            assertThat(lock(acquisition, due)).isEqualTo(1); // not committed yet: its row is held

            Boolean[] deleted = tx.execute(status -> new Boolean[] {jobs.deleteUntried(later), jobs.deleteUntried(due)});

            assertThat(deleted).as("the due one left alone, without waiting for the acquisition").containsExactly(true, false);
            assertThat(lock(acquisition, later)).isZero(); // the acquisition loses the deleted one, as to another node
            acquisition.commit();
        }
        assertThat(jdbc.queryForList("select ID_ from ACT_RU_JOB where ID_ in (?, ?)", String.class, later, due))
                .containsExactly(due);
        assertThat(jdbc.queryForObject("select LOCK_OWNER_ from ACT_RU_JOB where ID_ = ?", String.class, due))
                .isEqualTo("another-node");
        jdbc.update("delete from ACT_RU_JOB where ID_ = ?", due);
    }

    /** What Camunda's acquisition does to a job it takes: one UPDATE in its transaction. @return rows changed */
    private static int lock(Connection acquisition, String job) throws Exception {
        try (PreparedStatement update = acquisition.prepareStatement(
                "update ACT_RU_JOB set LOCK_OWNER_ = 'another-node', REV_ = REV_ + 1 where ID_ = ?")) {
            update.setString(1, job);
            return update.executeUpdate();
        }
    }
}
