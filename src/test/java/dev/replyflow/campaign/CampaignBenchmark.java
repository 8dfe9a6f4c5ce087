package dev.replyflow.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import dev.replyflow.clock.PlatformClock;
import dev.replyflow.support.ApiTest;

/**
 * Not part of mvn verify (its name does not end in Test): how fast the slices dispatch a large campaign, on this
 * machine's H2. Run it with {@code mvn test -Dtest=CampaignBenchmark -Dcampaign.benchmark.contacts=100000}. The
 * recipients' sends are not run: this measures the campaign's own work (scan, reservation, claims, instance starts).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "replyflow.whatsapp.throughput=1000",
        "replyflow.whatsapp.messaging-limit=0",
        "spring.datasource.url=jdbc:h2:mem:replyflow-campaign-bench;DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true"})
@DirtiesContext
class CampaignBenchmark extends ApiTest {

    @Autowired
    ManagementService management;
    @Autowired
    PlatformClock clock;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void dispatchesALargeCampaignAtItsRate() {
        int contacts = Integer.getInteger("campaign.benchmark.contacts", 10_000);
        long list = admin().post("/api/lists", "{\"name\":\"bench\"}").json().path("id").asLong();
        String csv = "phone,name\n" + IntStream.range(0, contacts).mapToObj(i -> "+39333" + (7_000_000 + i) + ",Customer " + i).collect(Collectors.joining("\n"));
        assertThat(admin().postCsv("/api/lists/" + list + "/import", csv).status()).isEqualTo(200);
        admin().post("/api/templates", "{\"name\":\"bench\",\"language\":\"it\",\"category\":\"UTILITY\",\"body\":\"Ciao {{1}}\"}");
        admin().post("/api/wallet/top-ups", "{\"amount\":" + (contacts / 5 + 10) + "}");
        long campaign = admin().post("/api/campaigns", "{\"name\":\"bench\",\"audience\":{\"list\":\"bench\"},\"template\":"
                + "{\"name\":\"bench\",\"language\":\"it\",\"parameters\":[\"{{contact.name}}\"]},\"rate\":1000}").json()
                .path("id").asLong();

        long launchStart = System.nanoTime();
        assertThat(admin().post("/api/campaigns/" + campaign + "/launch", "{}").status()).isEqualTo(202);
        long launchMs = (System.nanoTime() - launchStart) / 1_000_000;
        long sliceNanos = 0;
        long peakHeap = 0;
        while (!"COMPLETED".equals(admin().get("/api/campaigns/" + campaign).json().path("status").asText())) {
            var due = management.createJobQuery().list().stream().filter(job -> job instanceof JobEntity e
                    && SliceJobs.TYPE.equals(e.getJobHandlerType())).toList();
            long start = System.nanoTime();
            due.forEach(job -> management.executeJob(job.getId()));
            sliceNanos += System.nanoTime() - start;
            Runtime runtime = Runtime.getRuntime();
            peakHeap = Math.max(peakHeap, runtime.totalMemory() - runtime.freeMemory());
            clock.advance(Duration.ofSeconds(1));
        }
        long dispatched = jdbc.queryForObject("select count(*) from campaign_recipient where campaign_id = ? and status = 'DISPATCHED'",
                Long.class, campaign);
        long instances = jdbc.queryForObject("select count(distinct BUSINESS_KEY_) from ACT_HI_PROCINST where PROC_INST_ID_ in "
                + "(select process_instance_id from campaign_recipient where campaign_id = ?)", Long.class, campaign);
        double seconds = sliceNanos / 1e9;
        System.out.printf("CAMPAIGN BENCHMARK: %d recipients, launch (scan, rows, reservation) %d ms, slices %.1f s = %.0f "
                + "dispatches/s of engine time (cap 1,000/s on the platform clock), distinct instances %d, peak heap %d MB%n",
                dispatched, launchMs, seconds, dispatched / seconds, instances, peakHeap / 1024 / 1024);
        assertThat(dispatched).isEqualTo(contacts);
        assertThat(instances).isEqualTo(contacts);
    }
}
