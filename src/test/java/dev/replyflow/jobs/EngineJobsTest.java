package dev.replyflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.support.ApiTest;

/**
 * Routing at once deletes the routing jobs of many messages in one transaction, while the job executor's acquisition
 * locks due jobs in one transaction of its own: the two must never wait for each other's rows.
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
    void aJobAnAcquisitionIsLockingIsLeftToItWhileTheOthersAreDeleted() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        Instant later = Instant.now().plus(1, ChronoUnit.DAYS); // no executor of another test takes them
        String free = tx.execute(status -> OwnJobHandler.send(engine, "replyflow-test", "1", later));
        String acquired = tx.execute(status -> OwnJobHandler.send(engine, "replyflow-test", "2", later));

        try (Connection acquisition = dataSource.getConnection()) {
            acquisition.setAutoCommit(false);
            assertThat(lock(acquisition, acquired)).isEqualTo(1); // not committed yet: its row is held

            Boolean[] deleted = tx.execute(status -> new Boolean[] {jobs.deleteUntried(free), jobs.deleteUntried(acquired)});

            assertThat(deleted).containsExactly(true, false); // skipped at once instead of waiting for the acquisition
            assertThat(lock(acquisition, free)).isZero(); // the acquisition loses the deleted one, as to another node
            acquisition.commit();
        }
        assertThat(jdbc.queryForList("select ID_ from ACT_RU_JOB where ID_ in (?, ?)", String.class, free, acquired))
                .containsExactly(acquired);
        assertThat(jdbc.queryForObject("select LOCK_OWNER_ from ACT_RU_JOB where ID_ = ?", String.class, acquired))
                .isEqualTo("another-node");
        jdbc.update("delete from ACT_RU_JOB where ID_ = ?", acquired);
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
