package dev.replyflow.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.GeneratedCsv;

/**
 * 100,000 rows imported through HTTP as a stream, in a test JVM whose heap is bounded (see argLine in
 * pom.xml: its own JVM, -Xmx384m). Prints the time and the heap it took.
 */
class LargeImportTest extends ApiTest {

    @Test
    void aHundredThousandRowsStreamInWithinABoundedHeap() {
        assertThat(admin().post("/api/fields", "{\"name\":\"town\",\"type\":\"TEXT\"}").status()).isIn(201, 409);
        long list = admin().post("/api/lists", "{\"name\":\"one hundred thousand\"}").json().path("id").asLong();
        GeneratedCsv csv = new GeneratedCsv(100_000, "329", 24);
        System.gc();
        long before = usedHeap();
        AtomicLong peak = new AtomicLong(before);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(usedHeap(), Math::max), 0, 20, TimeUnit.MILLISECONDS);
        long started = System.nanoTime();

        Response response = admin().postCsv("/api/lists/" + list + "/import", csv::stream);

        long millis = (System.nanoTime() - started) / 1_000_000;
        sampler.shutdownNow();
        assertThat(response.status()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.path("imported").asInt()).isEqualTo(100_000);
        assertThat(result.path("rejected")).isEmpty();
        assertThat(admin().get("/api/lists/" + list).json().path("size").asLong()).isEqualTo(100_000);
        assertThat(admin().get("/api/contacts?phone=" + csv.phone(99_999)).json().get(0).path("name").asText())
                .startsWith("Contact 99999");
        System.out.printf("LargeImportTest: 100000 rows imported in %d ms (%.0f rows/s); heap in use %d MB before, "
                + "at most %d MB during the import (garbage included), JVM bounded to %d MB%n", millis,
                100_000 * 1000.0 / millis, before >> 20, peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    @Test
    void twentyMegabytesOfBadRowsAnswerTheFirstRejectionsAndTheWholeReportAsCsv() {
        long list = admin().post("/api/lists", "{\"name\":\"all wrong\"}").json().path("id").asLong();
        int rows = 200_000;
        String padding = "x".repeat(80);
        java.util.function.Supplier<java.io.InputStream> csv = () -> new java.io.SequenceInputStream(new java.util.Enumeration<>() {
            int row = -1;

            public boolean hasMoreElements() {
                return row < rows;
            }

            public java.io.InputStream nextElement() {
                String line = row < 0 ? "phone,name\n" : "not-a-phone-" + row + "," + padding + "\n";
                row++;
                return new java.io.ByteArrayInputStream(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        System.gc();
        AtomicLong peak = new AtomicLong(usedHeap());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(usedHeap(), Math::max), 0, 20, TimeUnit.MILLISECONDS);

        Response response = admin().postCsv("/api/lists/" + list + "/import", csv);

        sampler.shutdownNow();
        assertThat(response.status()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.path("imported").asInt()).isZero();
        assertThat(result.path("rejected")).hasSize(1000);
        assertThat(result.path("rejectedCount").asLong()).isEqualTo(rows);
        Response report = admin().get(result.path("rejectedReport").asText());
        assertThat(report.status()).isEqualTo(200);
        String[] lines = report.body().split("\r?\n");
        assertThat(lines).hasSize(rows + 1); // the header, then every rejected row
        assertThat(lines[rows]).startsWith(String.valueOf(rows + 1)); // the last data line of the file
        System.out.printf("LargeImportTest: %d bad rows (%d MB) rejected; heap at most %d MB during the import, JVM "
                + "bounded to %d MB%n", rows, (long) rows * 95 >> 20, peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
