package dev.replyflow.commits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;

import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactService;
import dev.replyflow.support.ApiTest;
import dev.replyflow.web.ApiException;

/** Work that arrives together shares a transaction; a unit that fails answers its own error and leaves nothing behind. */
class SharedCommitsTest extends ApiTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectProvider<EntityManagerFactory> entities;

    @Autowired
    ContactService contacts;

    @PersistenceContext
    EntityManager entityManager;

    private final ExecutorService callers = Executors.newFixedThreadPool(5);
    private SharedCommits batches;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (batches != null) {
            batches.destroy();
        }
    }

    private String tagged(String name) {
        jdbc.update("insert into tag (name, created_at) values (?, current_timestamp)", name);
        return name;
    }

    private boolean stored(String name) {
        return jdbc.queryForObject("select count(*) from tag where name = ?", Integer.class, name) == 1;
    }

    @Test
    void aFailingUnitInABatchFailsAloneAndTheOthersCommit() throws Exception {
        // one thread: what waits meanwhile forms one batch
        batches = shared(32, 1, Duration.ofHours(1), SharedCommits.REQUESTS_QUIET_AFTER, Duration.ZERO);
        String run = "batch-" + System.nanoTime();
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = callers.submit(() -> batches.run(() -> {
            awaitQuietly(release);
            return tagged(run + "-first");
        }));
        await().atMost(Duration.ofSeconds(30)).until(() -> batches.waiting() == 0 && !first.isDone());
        List<Future<String>> next = List.of(
                callers.submit(() -> batches.run(() -> tagged(run + "-a"))),
                callers.submit(() -> batches.run(() -> {
                    tagged(run + "-bad");
                    throw ApiException.notFound("Automation", "missing");
                })),
                callers.submit(() -> batches.run(() -> tagged(run + "-b"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> batches.waiting() == 3);
        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(run + "-first");
        assertThat(next.get(0).get(30, TimeUnit.SECONDS)).isEqualTo(run + "-a");
        assertThat(next.get(2).get(30, TimeUnit.SECONDS)).isEqualTo(run + "-b");
        assertThatThrownBy(() -> next.get(1).get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(ApiException.class);
        assertThat(stored(run + "-a")).isTrue();
        assertThat(stored(run + "-b")).isTrue();
        assertThat(stored(run + "-bad")).as("rolled back with its start").isFalse();
    }

    @Test
    void submittedWorkCommitsWithoutItsCallerWaitingAndAFailureStaysItsOwn() throws Exception {
        batches = shared(32, 1, Duration.ofHours(1), SharedCommits.REQUESTS_QUIET_AFTER, Duration.ZERO);
        String run = "submit-" + System.nanoTime();
        CountDownLatch release = new CountDownLatch(1);
        var first = batches.submit(() -> {
            awaitQuietly(release);
            return tagged(run + "-first");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> batches.waiting() == 0);
        var ok = batches.submit(() -> tagged(run + "-ok")); // queued behind the first: the caller goes on at once
        var bad = batches.submit(() -> {
            tagged(run + "-bad");
            throw new IllegalStateException("routing failed");
        });
        assertThat(ok.isDone() || bad.isDone()).isFalse();
        assertThat(batches.idle()).isFalse();
        release.countDown();

        await().atMost(Duration.ofSeconds(30)).until(batches::idle);
        assertThat(first.get()).isEqualTo(run + "-first");
        assertThat(ok.get()).isEqualTo(run + "-ok");
        assertThat(bad).isCompletedExceptionally();
        assertThat(stored(run + "-ok")).isTrue();
        assertThat(stored(run + "-bad")).isFalse();
    }

    @Test
    void eachUnitOfABatchIsWrittenAndLeavesNoEntityToTheNext() throws Exception {
        batches = shared(32, 1, Duration.ofHours(1), SharedCommits.REQUESTS_QUIET_AFTER, Duration.ZERO);
        CountDownLatch release = new CountDownLatch(1);
        var first = batches.submit(() -> {
            awaitQuietly(release);
            return null;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> batches.waiting() == 0);
        String phone = newPhone();
        AtomicReference<Contact> changed = new AtomicReference<>();
        batches.submit(() -> {
            Contact contact = contacts.findOrCreate(phone, null);
            contact.setUnread(true); // a change of a managed entity, never saved explicitly
            changed.set(contact);
            return null;
        });
        var next = batches.submit(() -> {
            boolean stillManaged = entityManager.contains(changed.get());
            return List.of(stillManaged, jdbc.queryForObject("select unread from contact where phone = ?", Boolean.class, phone));
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> batches.waiting() == 2);
        release.countDown();

        await().atMost(Duration.ofSeconds(30)).until(batches::idle);
        assertThat(first).isCompleted();
        assertThat(next.get()).as("the unit before is written, and its contact not managed in this one")
                .isEqualTo(List.of(false, true));
    }

    @Test
    void aRequestsWorkGoesBeforeRoutingQueuedEarlier() throws Exception {
        // one thread: it prefers what a request waits for
        batches = shared(32, 1, Duration.ofHours(1), SharedCommits.REQUESTS_QUIET_AFTER, Duration.ZERO);
        CountDownLatch release = new CountDownLatch(1);
        batches.submit(() -> {
            awaitQuietly(release);
            return null;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> batches.waiting() == 0);
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "routing-" + i;
            route(name, order, null);
        }
        Future<String> request = callers.submit(() -> batches.run(() -> {
            order.add("request");
            return "answered";
        }));
        await().atMost(Duration.ofSeconds(30)).until(() -> batches.waiting() == 4);
        release.countDown();

        assertThat(request.get(30, TimeUnit.SECONDS)).isEqualTo("answered");
        await().atMost(Duration.ofSeconds(30)).until(batches::idle);
        assertThat(order).as("the request's work first, then the routing in the order it came")
                .containsExactly("request", "routing-0", "routing-1", "routing-2");
    }

    @Test
    void whileRequestsComeRoutingLeavesThemAThread() throws Exception {
        // two threads; requests count as coming for a minute
        batches = shared(32, 2, Duration.ofHours(1), Duration.ofMinutes(1), Duration.ZERO);
        CountDownLatch releaseA = new CountDownLatch(1);
        CountDownLatch releaseB = new CountDownLatch(1);
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        route("routing-a", ran, releaseA);
        await().atMost(Duration.ofSeconds(30)).until(() -> ran.contains("routing-a"));
        assertThat(callers.submit(() -> batches.run(() -> "first")).get(30, TimeUnit.SECONDS)).isEqualTo("first");

        route("routing-b", ran, releaseB);
        Future<String> request = callers.submit(() -> batches.run(() -> "second"));

        assertThat(request.get(30, TimeUnit.SECONDS)).as("answered while a routing holds the other thread")
                .isEqualTo("second");
        assertThat(ran).as("the second routing waits for the first: a thread stays free for requests")
                .containsExactly("routing-a");
        releaseA.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> ran.contains("routing-b"));
        releaseB.countDown();
        await().atMost(Duration.ofSeconds(30)).until(batches::idle);
    }

    @Test
    void duringAFloodOfRequestsRoutingLeavesThemEveryThreadUntilTheyAreAnswered() throws Exception {
        // three threads; more than one unanswered request is a flood
        batches = shared(32, 3, Duration.ofHours(1), Duration.ZERO, Duration.ZERO, 1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        Future<String> first = request("first", ran, release);
        await().atMost(Duration.ofSeconds(30)).until(() -> ran.contains("first"));
        Future<String> second = request("second", ran, release);
        await().atMost(Duration.ofSeconds(30)).until(() -> ran.contains("second"));
        route("routing", ran, null);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> batches.waiting() == 1);
        assertThat(ran).as("the third thread is free, yet the routing waits for the flood to be answered")
                .containsExactly("first", "second");
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("second");
        await().atMost(Duration.ofSeconds(30)).until(batches::idle);
        assertThat(ran).containsExactly("first", "second", "routing");
    }

    @Test
    void aFloodLastsWhileItsSendersWaitForTheirAnswers() throws Exception {
        // two threads; more than one unanswered request is a flood, and it lasts an hour after
        batches = shared(32, 2, Duration.ofHours(1), Duration.ofHours(1), Duration.ZERO, 1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        Future<String> first = request("first", ran, release);
        await().atMost(Duration.ofSeconds(30)).until(() -> ran.contains("first")); // the two threads would race
        Future<String> second = request("second", ran, release);
        await().atMost(Duration.ofSeconds(30)).until(() -> ran.size() == 2);
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("second");

        route("routing", ran, null); // every request answered, both threads free
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> batches.waiting() == 1);
        assertThat(ran).as("a sender's next request is on its way: the routing waits for the flood to be over")
                .containsExactly("first", "second");
    }

    @Test
    void overdueRoutingDoesNotTakeTheLastThreadWhileRequestsWait() throws Exception {
        // two threads; every routing is overdue at once, and requests count as coming only while they wait
        batches = shared(32, 2, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        CountDownLatch releaseRouting = new CountDownLatch(1);
        CountDownLatch releaseRequest = new CountDownLatch(1);
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        route("routing-a", ran, releaseRouting);
        await().atMost(Duration.ofSeconds(30)).until(() -> ran.contains("routing-a"));
        Future<String> first = request("first", null, releaseRequest);
        await().atMost(Duration.ofSeconds(30)).until(() -> batches.waiting() == 0 && !first.isDone());
        route("routing-b", ran, null);
        Future<String> second = request("request", ran, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> batches.waiting() == 2);
        releaseRequest.countDown();

        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("request");
        assertThat(ran).as("the waiting request before the overdue routing, which waits for the running one")
                .startsWith("routing-a", "request");
        releaseRouting.countDown();
        await().atMost(Duration.ofSeconds(30)).until(batches::idle);
        assertThat(ran).containsExactly("routing-a", "request", "routing-b");
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
    }

    @Test
    void withoutRequestsEveryThreadRoutes() throws Exception {
        batches = shared(1, 2, Duration.ofHours(1), Duration.ZERO, Duration.ZERO);
        CountDownLatch release = new CountDownLatch(1);
        List<String> running = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (String name : List.of("routing-a", "routing-b")) { // batches of one: each its own
            route(name, running, release);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> running.size() == 2);
        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(batches::idle);
        assertThat(running).containsExactlyInAnyOrder("routing-a", "routing-b");
    }

    @Test
    void routingThatWaitedTooLongGoesBeforeRequests() throws Exception {
        // one thread; every routing is overdue at once
        batches = shared(32, 1, Duration.ZERO, SharedCommits.REQUESTS_QUIET_AFTER, Duration.ZERO);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> blocking = request("blocking", null, release);
        await().atMost(Duration.ofSeconds(30)).until(() -> batches.waiting() == 0 && !blocking.isDone());
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        route("routing", order, null);
        Future<String> request = request("request", order, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> batches.waiting() == 2);
        release.countDown();

        assertThat(request.get(30, TimeUnit.SECONDS)).isEqualTo("request");
        assertThat(order).containsExactly("routing", "request");
    }

    @Test
    void routingLingersForMoreToShareItsCommitWithoutHoldingRequests() throws Exception {
        // one thread, batches of three; routing lingers for an hour unless a batch is full
        batches = shared(3, 1, Duration.ofHours(2), SharedCommits.REQUESTS_QUIET_AFTER, Duration.ofHours(1));
        List<Object> transactionsOfRoutings = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            batches.submit(() -> transactionsOfRoutings.add(currentTransaction()));
        }
        assertThat(request("request", null, null).get(30, TimeUnit.SECONDS)).isEqualTo("request");
        assertThat(transactionsOfRoutings).as("still lingering once the request was answered").isEmpty();

        batches.submit(() -> transactionsOfRoutings.add(currentTransaction())); // a full batch: it goes now
        await().atMost(Duration.ofSeconds(30)).until(batches::idle);
        assertThat(transactionsOfRoutings).hasSize(3);
        assertThat(java.util.Set.copyOf(transactionsOfRoutings)).as("one transaction for the three").hasSize(1);
    }

    @Test
    void startsOverTheApiStillAnswerTheirOwnErrors() throws Exception {
        List<Future<Integer>> statuses = List.of(
                callers.submit(() -> admin().post("/api/automations/no-such-automation/start", "{\"phone\":\"" + newPhone() + "\"}")
                        .status()),
                callers.submit(() -> admin().post("/api/automations/no-such-automation/start", "{\"phone\":\"not a phone\"}")
                        .status()),
                callers.submit(() -> admin().post("/api/automations/no-such-automation/start", "{}").status()));
        assertThat(statuses.get(0).get(60, TimeUnit.SECONDS)).isEqualTo(404);
        assertThat(statuses.get(1).get(60, TimeUnit.SECONDS)).isEqualTo(400);
        assertThat(statuses.get(2).get(60, TimeUnit.SECONDS)).isEqualTo(400);
    }

    /** Shared commits of their own for one test: its own batch size, threads and timings. */
    private SharedCommits shared(int size, int threads, Duration backgroundMaxDelay, Duration requestsQuietAfter,
            Duration backgroundLinger) {
        return shared(size, threads, backgroundMaxDelay, requestsQuietAfter, backgroundLinger, SharedCommits.FLOOD);
    }

    private SharedCommits shared(int size, int threads, Duration backgroundMaxDelay, Duration requestsQuietAfter,
            Duration backgroundLinger, int flood) {
        return new SharedCommits(transactions, entities, size, threads, backgroundMaxDelay, requestsQuietAfter,
                backgroundLinger, flood);
    }

    /** What tells one transaction from another: its entity manager (a new one for each). */
    private Object currentTransaction() {
        return EntityManagerFactoryUtils.getTransactionalEntityManager(entities.getObject());
    }

    /** Queues a routing (work nobody waits for) that records {@code name} in {@code ran}, then waits for {@code release}. */
    private void route(String name, List<String> ran, CountDownLatch release) {
        batches.submit(() -> {
            ran.add(name);
            if (release != null) {
                awaitQuietly(release);
            }
            return null;
        });
    }

    /** A request's work (waited for) that records {@code name} in {@code ran}, waits for {@code release}, answers it. */
    private Future<String> request(String name, List<String> ran, CountDownLatch release) {
        return callers.submit(() -> batches.run(() -> {
            if (ran != null) {
                ran.add(name);
            }
            if (release != null) {
                awaitQuietly(release);
            }
            return name;
        }));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
