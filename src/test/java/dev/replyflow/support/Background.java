package dev.replyflow.support;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.replyflow.automation.Duties;
import dev.replyflow.automation.InboundRouting;
import dev.replyflow.automation.ai.AiOperatorReplies;
import dev.replyflow.messaging.OutboundDispatcher;

/**
 * What runs after a webhook answered, brought to an end for a test: the routing jobs of stored messages (the job
 * executor is off in tests), then the sender pool and the AI operator's answers.
 */
@Component
public class Background {

    private final JdbcTemplate jdbc;
    private final ManagementService management;
    private final OutboundDispatcher sender;
    private final AiOperatorReplies ai;

    Background(JdbcTemplate jdbc, ManagementService management, OutboundDispatcher sender, AiOperatorReplies ai) {
        this.jdbc = jdbc;
        this.management = management;
        this.sender = sender;
        this.ai = ai;
    }

    /** Runs the routing and duty jobs (also those they create), then waits for the sends and AI answers. */
    public void settle() {
        for (int round = 0; round < 10; round++) {
            List<String> jobs = jdbc.queryForList("select ID_ from ACT_RU_JOB where HANDLER_TYPE_ in (?, ?) and RETRIES_ > 0 "
                    + "order by ID_", String.class, InboundRouting.JOB_TYPE, Duties.JOB_TYPE);
            if (jobs.isEmpty()) {
                break;
            }
            for (String job : jobs) {
                try {
                    management.executeJob(job);
                } catch (RuntimeException e) { // another test's job that fails on purpose: its retries go down, no loop
                }
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sender.idle() && ai.idle());
    }
}
