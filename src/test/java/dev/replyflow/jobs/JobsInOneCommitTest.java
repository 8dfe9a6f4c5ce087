package dev.replyflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.replyflow.commits.SharedCommits;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;
import dev.replyflow.support.TestBpmn;

/**
 * Due No Response timers acquired together run in one commit: every automation moves on once, and one that fails
 * (its contact is gone) fails alone, with its retries and error as Camunda records them, leaving nothing half-done.
 */
class JobsInOneCommitTest extends ApiTest {

    private static final String KEY = "jobs-in-one-commit";

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    ProcessEngineConfigurationImpl engine;
    @Autowired
    SharedCommits commits;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void dueTimersMoveOnTogetherAndOneThatFailsFailsAlone() {
        repository.createDeployment().addString(KEY + ".bpmn", TestBpmn.process(KEY, "<bpmn:startEvent id=\"start\"/>"
                + TestBpmn.customerResponse("customer-response", "no-response")
                + TestBpmn.step("tag", "addTag", false, "tag", "no-response")
                + "<bpmn:endEvent id=\"replied\"/><bpmn:endEvent id=\"silent\"/>" + TestBpmn.flow("start", "customer-response")
                + TestBpmn.flow("customer-response", "replied") + TestBpmn.flow("no-response", "tag") + TestBpmn.flow("tag", "silent")))
                .deploy();
        Channel channel = new Channel(admin());
        List<Long> contacts = new ArrayList<>();
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            contacts.add(channel.contact(newPhone(), false));
            instances.add(start(contacts.get(i)));
        }
        String gone = start(999_999_999L); // its Add Tag fails: no such contact
        List<String> timers = new ArrayList<>(instances.stream().map(this::timer).map(Job::getId).toList());
        timers.add(2, timer(gone).getId()); // between the others: those before and after it are rolled back with it
        int retries = timer(gone).getRetries();

        new JobsInOneCommit(timers, (ProcessEngineImpl) engine.getProcessEngine(), active(), commits).run();

        for (int i = 0; i < instances.size(); i++) {
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(instances.get(i)).count()).isZero();
            assertThat(passed(instances.get(i), "tag")).as("Add Tag ran once").isEqualTo(1);
            assertThat(passed(instances.get(i), "silent")).isEqualTo(1);
            Map<String, Object> contact = jdbc.queryForMap("select reply_window_closed_at, "
                    + "(select count(*) from contact_tag t where t.contact_id = c.id and t.tag = 'no-response') tagged "
                    + "from contact c where c.id = ?", contacts.get(i));
            assertThat(contact.get("reply_window_closed_at")).as("the reply window closed").isNotNull();
            assertThat(((Number) contact.get("tagged")).intValue()).isEqualTo(1);
        }
        Job failed = timer(gone);
        assertThat(failed.getRetries()).isLessThan(retries);
        assertThat(failed.getExceptionMessage()).contains("999999999");
        assertThat(runtime.getActiveActivityIds(gone)).containsExactly("customer-response");
        assertThat(passed(gone, "tag")).isZero();
    }

    @Test
    void theBatchesOfAnAcquisitionArePutTogetherKeepingEachInstancesJobsWholeAndInOrder() {
        List<List<String>> batches = new ArrayList<>(List.of(list("a"), list("b", "c"), list("d"), list("e"),
                list("f", "g", "h"), list("i", "j", "k", "l"), list("m")));

        AcquiredTogether.join(batches, 3);

        assertThat(batches).containsExactly(List.of("a", "b", "c"), List.of("d", "e"), List.of("f", "g", "h"),
                List.of("i", "j", "k", "l"), List.of("m"));
    }

    @Test
    void oneJobPerCommitLeavesCamundasBatchesAsTheyAre() {
        List<List<String>> batches = new ArrayList<>(List.of(list("a"), list("b", "c"), list("d")));

        AcquiredTogether.join(batches, 1);

        assertThat(batches).containsExactly(List.of("a"), List.of("b", "c"), List.of("d"));
    }

    private static List<String> list(String... ids) {
        return new ArrayList<>(List.of(ids));
    }

    private String start(long contactId) {
        return runtime.startProcessInstanceByKey(KEY, Map.of("contactId", contactId)).getId();
    }

    private Job timer(String instance) {
        return management.createJobQuery().processInstanceId(instance).timers().singleResult();
    }

    private long passed(String instance, String activity) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId(activity).count();
    }

    /** The tests' engine runs no job executor: this one only says it is running, as the runnable checks. */
    private static DefaultJobExecutor active() {
        return new DefaultJobExecutor() {
            @Override
            public boolean isActive() {
                return true;
            }
        };
    }
}
