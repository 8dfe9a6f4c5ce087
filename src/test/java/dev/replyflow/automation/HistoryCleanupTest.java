package dev.replyflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.replyflow.support.ApiTest;
import dev.replyflow.support.TestBpmn;

/**
 * History cleanup goes by each instance's end time and its automation's time to live, so no removal time is stamped
 * on an ended automation's history (16 updates per end); the cleanup still removes what outlived its time to live,
 * and only that.
 */
class HistoryCleanupTest extends ApiTest {

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;

    @Test
    void cleanupRemovesTheHistoryThatOutlivedItsTimeToLiveAndKeepsTheRest() {
        String body = "<bpmn:startEvent id=\"start\"/><bpmn:endEvent id=\"end\"/>" + TestBpmn.flow("start", "end");
        repository.createDeployment()
                .addString("expired.bpmn", TestBpmn.process("cleanup-expired", body).replace("\"P1D\"", "\"P0D\""))
                .addString("kept.bpmn", TestBpmn.process("cleanup-kept", body)).deploy();
        String expired = runtime.startProcessInstanceByKey("cleanup-expired").getId();
        String kept = runtime.startProcessInstanceByKey("cleanup-kept").getId();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(expired).singleResult().getRemovalTime())
                .as("no removal time stamped at the end").isNull();

        management.executeJob(history.cleanUpHistoryAsync(true).getId()); // the tests run the engine's jobs themselves

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(expired).count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(expired).count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(kept).count()).isEqualTo(1);
    }
}
