package dev.replyflow.clock;

import java.time.Clock;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs the engine's timers that are due now, at once, instead of waiting for the job executor's next round. */
@Component
public class DueTimers {

    private static final Logger log = LoggerFactory.getLogger(DueTimers.class);

    private final ManagementService management;
    private final Clock clock;

    public DueTimers(ManagementService management, Clock clock) {
        this.management = management;
        this.clock = clock;
    }

    /** @return how many timers ran; a timer that fails keeps its retries and incident, as in the job executor */
    public int runNow() {
        int ran = 0;
        for (int round = 0; round < 100; round++) { // a timer may lead to another timer that is due too
            List<Job> due = management.createJobQuery().timers().active().executable()
                    .duedateLowerThan(Date.from(clock.instant().plusMillis(1))).list();
            if (due.isEmpty()) {
                break;
            }
            for (Job job : due) {
                try {
                    management.executeJob(job.getId());
                    ran++;
                } catch (RuntimeException e) { // the job executor may have taken it first, or it failed: either way, on
                    log.debug("Timer job {} did not run now: {}", job.getId(), e.getMessage());
                }
            }
        }
        return ran;
    }
}
