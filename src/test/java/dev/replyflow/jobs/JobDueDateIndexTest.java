package dev.replyflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.Map;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.support.ApiTest;

/** Job acquisition looks the due jobs up by index, not by reading every waiting contact's No Response timer. */
class JobDueDateIndexTest extends ApiTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessEngineConfigurationImpl engine;
    @Autowired
    JobDueDateIndex index;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theJobExecutorsAcquisitionReadsTheDueJobsThroughTheIndex() {
        jdbc.execute("set query_statistics true"); // H2 keeps the text of every statement it runs
        String acquisition;
        try {
            rolledBack(() -> engine.getCommandExecutorTxRequired().execute(new AcquireJobsCmd(engine.getJobExecutor())));
            acquisition = jdbc.queryForList("select sql_statement from information_schema.query_statistics", String.class)
                    .stream().filter(sql -> sql.contains("ACT_RU_JOB RES") && sql.contains("RETRIES_ >")).findFirst()
                    .orElseThrow();
        } finally {
            jdbc.execute("set query_statistics false");
        }

        // as Camunda asks it without a due date on every job ("DUEDATE_ is null or …"), H2 reads the whole table
        assertThat(plan(acquisition)).contains("ACT_IDX_JOB_DUEDATE: DUEDATE_ <=").doesNotContain("ACT_RU_JOB.tableScan");
    }

    @Test
    void aJobCreatedWithoutADueDateIsDueNowAndOneLeftWithoutByAnEarlierVersionGetsItsCreationTime() {
        rolledBack(() -> {
            String job = OwnJobHandler.send(engine, "replyflow-test", "x", null);
            assertThat(dueAndCreated(job).get("DUEDATE_")).isNotNull();

            jdbc.update("update ACT_RU_JOB set DUEDATE_ = null where ID_ = ?", job); // as an earlier version left it
            index.postProcessEngineBuild(null); // at the next start

            Map<String, Object> row = dueAndCreated(job);
            assertThat(row.get("DUEDATE_")).isNotNull().isEqualTo(row.get("CREATE_TIME_"));
        });
    }

    private Map<String, Object> dueAndCreated(String job) {
        return jdbc.queryForMap("select DUEDATE_, CREATE_TIME_ from ACT_RU_JOB where ID_ = ?", job);
    }

    /** Runs {@code work} in a transaction that is then rolled back: no job is left locked or created for other tests. */
    private void rolledBack(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            work.run();
            status.setRollbackOnly();
        });
    }

    /** H2's plan of {@code sql}, every parameter a timestamp (the acquisition's are all "now") and no limit. */
    private String plan(String sql) {
        String unlimited = sql.replaceAll("(?is)\\s+(limit|offset|fetch first)\\s+\\?.*$", "");
        return jdbc.execute((ConnectionCallback<String>) connection -> {
            try (PreparedStatement explain = connection.prepareStatement("explain " + unlimited)) {
                Timestamp now = new Timestamp(System.currentTimeMillis());
                for (int i = 1; i <= explain.getParameterMetaData().getParameterCount(); i++) {
                    explain.setTimestamp(i, now);
                }
                try (ResultSet plan = explain.executeQuery()) {
                    plan.next();
                    return plan.getString(1);
                }
            }
        });
    }
}
