package dev.replyflow.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the phases drive and observe: Replyflow over HTTP, or bare Camunda through its Java API. */
interface BenchTarget extends AutoCloseable {

    String name();

    /** The job executor and history settings in effect, for the report. */
    String settings();

    /** Starts the automation for contact i; an HTTP-like status. */
    int start(int contact) throws Exception;

    /** Contact i replies; an HTTP-like status. */
    int reply(int contact) throws Exception;

    /** Moves the engine's clock forward from where it is (timers become due). */
    void advanceClock(Duration duration);

    /** The database vacuumed and its planner statistics brought up to date (PostgreSQL), as autovacuum would. */
    void vacuum();

    /** Forgets the sends made so far (a warm-up's): the checks count the measured contacts' sends only. */
    void forgetSends();

    /** Instances waiting at the Customer Response step with their template sent (Replyflow: the stub got it). */
    long waiting();

    /** Instances at the Customer Response step, whether or not their template was sent. */
    long atCustomerResponse();

    /** Jobs that failed with no retries left (they will never run again). */
    long deadJobs();

    long incidents();

    /** Business key (phone) → end event id of each finished instance of the benchmark automation. */
    Map<String, String> endEvents();

    /** Checks only this target can make (duplicate sends, tags, pool timeouts …): the failures, empty when fine. */
    List<String> ownChecks(Expected expected);

    /** Facts for the report (e.g. connection-pool timeouts), one per line. */
    List<String> notes();

    @Override
    void close();
}
