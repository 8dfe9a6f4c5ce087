package dev.replyflow.support;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.replyflow.automation.InboundRouting;
import dev.replyflow.automation.ai.AiOperatorReplies;
import dev.replyflow.automation.calls.RemoteCallWorker;
import dev.replyflow.messaging.OutboundDispatcher;

/**
 * What runs after a webhook answered, brought to an end for a test: the routing jobs of stored messages (the job
 * executor is off in tests), the remote calls due (the worker's poller is off too), then the sender pool and the AI
 * operator's answers.
 */
@Component
public class Background {

    private final JdbcTemplate jdbc;
    private final ManagementService management;
    private final OutboundDispatcher sender;
    private final AiOperatorReplies ai;
    private final RemoteCallWorker calls;

    Background(JdbcTemplate jdbc, ManagementService management, OutboundDispatcher sender, AiOperatorReplies ai,
            RemoteCallWorker calls) {
        this.jdbc = jdbc;
        this.management = management;
        this.sender = sender;
        this.ai = ai;
        this.calls = calls;
    }

    public void settle() {
        for (String job : jdbc.queryForList("select ID_ from ACT_RU_JOB where HANDLER_TYPE_ = ? and RETRIES_ > 0 order by ID_",
                String.class, InboundRouting.JOB_TYPE)) {
            management.executeJob(job);
        }
        calls.drain();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sender.idle() && ai.idle() && calls.idle());
    }
}
