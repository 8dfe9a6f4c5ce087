package dev.replyflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Nothing lost under {@code kill -9}: starts Replyflow nodes as separate processes (two on one PostgreSQL with
 * {@code -Dbench.db=postgres}, one on an H2 file otherwise) against the WhatsApp stub, which answers sends and, like
 * WhatsApp, posts each message's signed "sent" status (with its biz_opaque_callback_data) back. It starts automations
 * (Send Message → Customer Response with a No Response timer), has half of the contacts reply through signed
 * webhooks, kills a node with SIGKILL in the middle of it, restarts it, and checks at the end: every contact on
 * exactly its path, one send per contact, one conversation charged per contact, no instance left, no incident.
 * Clients retry what a dead node did not answer, as WhatsApp redelivers a webhook.
 * <p>
 * {@code mvn -B -ntp -Pbench test-compile exec:exec -Dbench.main=dev.replyflow.bench.KillCheck -Dbench.contacts=300}
 */
public final class KillCheck {

    private static final String PASSWORD = "kill-admin-secret";
    private static final String APP_SECRET = "kill-app-secret";
    private static final Duration NO_RESPONSE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int contacts;
    private final String db;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<Integer, Integer> replied = new ConcurrentHashMap<>();
    private final AtomicInteger kills = new AtomicInteger();
    /** A template campaign to as many other contacts, dispatched while the node is killed. */
    private static final int CAMPAIGN_BASE = 500_000;
    private long campaignId;

    private KillCheck(int contacts, String db) {
        this.contacts = contacts;
        this.db = db;
    }

    public static void main(String[] args) throws Exception {
        int contacts = Integer.getInteger("bench.contacts", 300);
        String db = System.getProperty("bench.db", "h2");
        List<String> failures = new KillCheck(Math.min(contacts, 2000), db).run();
        if (!failures.isEmpty()) {
            System.out.println("[kill] FAILED: " + String.join("; ", failures));
            System.exit(1);
        }
        System.out.println("[kill] PASSED");
        System.exit(0);
    }

    /** One Replyflow process. */
    private final class Node {
        final int index;
        final int port;
        final BenchDatabase database;
        final String stubUrl;
        final Path log;
        Process process;

        Node(int index, int port, BenchDatabase database, String stubUrl) throws Exception {
            this.index = index;
            this.port = port;
            this.database = database;
            this.stubUrl = stubUrl;
            this.log = Files.createTempFile("replyflow-kill-node" + index + "-", ".log");
        }

        String base() {
            return "http://127.0.0.1:" + port;
        }

        void start() throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m", "-cp", System.getProperty("java.class.path"), "dev.replyflow.ReplyflowApplication",
                    "--server.port=" + port, "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                    "--spring.datasource.url=" + database.url, "--spring.datasource.username=" + database.user,
                    "--spring.datasource.password=" + database.password, "--replyflow.admin.password=" + PASSWORD,
                    "--replyflow.whatsapp.provider=cloud-api", "--replyflow.whatsapp.app-secret=" + APP_SECRET,
                    "--replyflow.whatsapp.cloud-api.base-url=" + stubUrl,
                    "--replyflow.whatsapp.cloud-api.phone-number-id=" + WhatsAppStub.PHONE_NUMBER_ID,
                    "--replyflow.whatsapp.cloud-api.access-token=kill-access-token",
                    "--replyflow.whatsapp.messaging-limit=0", // unlimited: the campaign is paced by its rate only
                    // a send whose answer the kill lost waits this long for its status before it is sent again
                    "--replyflow.whatsapp.sender.unknown-outcome-wait=PT20S",
                    "--replyflow.whatsapp.sender.recovery-interval=PT5S",
                    // jobs a killed node had locked go back to the others this soon
                    "--camunda.bpm.job-execution.lock-time-in-millis=15000"));
            if (db.equals("postgres")) {
                command.add("--spring.profiles.active=postgres");
            }
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                    log.toFile())).start();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
            while (!healthy()) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("node " + index + " did not start; see " + log);
                }
                Thread.sleep(500);
            }
            System.out.printf("[kill %s] node %d up on %d (log %s)%n", time(), index, port, log);
        }

        boolean healthy() {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).timeout(Duration.ofSeconds(2))
                        .build(), BodyHandlers.discarding()).statusCode() == 200;
            } catch (Exception down) {
                return false;
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no goodbye
            process.waitFor();
            kills.incrementAndGet();
            System.out.printf("[kill %s] node %d killed with SIGKILL%n", time(), index);
        }
    }

    private List<String> run() throws Exception {
        System.out.printf("[kill] contacts=%d db=%s%n", contacts, db);
        ScheduledExecutorService statusSender = Executors.newScheduledThreadPool(4);
        try (WhatsAppStub whatsApp = new WhatsAppStub(Duration.ofMillis(50));
                BenchDatabase database = BenchDatabase.fresh(db, "kill")) {
            int count = db.equals("postgres") ? 2 : 1;
            for (int i = 0; i < count; i++) {
                nodes.add(new Node(i, 18180 + i, database, whatsApp.baseUrl()));
            }
            nodes.get(0).start(); // the first one creates the schema alone
            for (Node node : nodes.subList(1, nodes.size())) {
                node.start();
            }
            whatsApp.statusesTo((wamid, recipient, reference) -> deliverStatus(statusSender, wamid, recipient, reference, 0));
            setUp();

            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<?>> work = new ArrayList<>();
            for (int c = 0; c < contacts; c++) {
                int contact = c;
                work.add(clients.submit(() -> {
                    call("start", contact, () -> post(node(contact), "/api/automations/" + BenchBpmn.KEY + "/start",
                            "{\"phone\":\"" + BenchOptions.phone(contact) + "\"}", Map.of("Idempotency-Key", "kill-start-" + contact)));
                    if (contact % 2 == 0) { // half of them answer, once their message went out
                        awaitSent(whatsApp, contact);
                        String body = reply(contact);
                        call("reply", contact, () -> post(node(contact), "/webhooks/whatsapp", body,
                                Map.of("X-Hub-Signature-256", sign(body))));
                        replied.put(contact, 1);
                    }
                    return null;
                }));
                if (c == contacts / 3) { // mid-run: one node dies, its work in flight with it, and comes back
                    Node victim = nodes.get(nodes.size() - 1);
                    awaitCampaignUnderWay(victim);
                    victim.kill();
                    if (nodes.size() == 1) {
                        victim.start();
                    } else {
                        Thread.sleep(3000);
                        victim.start();
                    }
                }
            }
            for (var done : work) {
                done.get(15, TimeUnit.MINUTES);
            }
            clients.shutdown();
            System.out.printf("[kill %s] %d started, %d replied; waiting for the No Response timers (%s)%n", time(), contacts,
                    replied.size(), NO_RESPONSE);
            return check(whatsApp);
        } finally {
            statusSender.shutdownNow();
            for (Node node : nodes) {
                if (node.process != null) {
                    node.process.destroyForcibly();
                    node.process.waitFor();
                }
            }
        }
    }

    private Node node(int contact) {
        return nodes.get(contact % nodes.size());
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    /** Until answered 2xx: a dead node refuses the connection or never answers, and the client tries again later. */
    private void call(String what, int contact, Call call) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
        while (true) {
            try {
                HttpResponse<String> response = call.send();
                if (response.statusCode() / 100 == 2) {
                    return;
                }
                if (response.statusCode() < 500) {
                    throw new IllegalStateException(what + " of contact " + contact + " answered " + response.statusCode()
                            + ": " + response.body());
                }
            } catch (java.io.IOException down) {
                // the node is down or was killed mid-request
            } catch (IllegalStateException refused) {
                throw refused;
            } catch (Exception other) {
                throw new IllegalStateException(what + " of contact " + contact + ": " + other, other);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + " of contact " + contact + " never answered 2xx");
            }
            Thread.sleep(1000);
        }
    }

    private void awaitSent(WhatsAppStub whatsApp, int contact) throws InterruptedException {
        String recipient = BenchOptions.phone(contact).substring(1);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
        while (!whatsApp.sendsByRecipient().containsKey(recipient)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("contact " + contact + " was never sent its message");
            }
            Thread.sleep(200);
        }
    }

    /** Like WhatsApp: the message's "sent" status, signed, to a live node, again and again until one takes it. */
    private void deliverStatus(ScheduledExecutorService sender, String wamid, String recipient, String reference, int attempt) {
        sender.schedule(() -> {
            String body = """
                    {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                    "messaging_product":"whatsapp","statuses":[{"id":"%s","status":"sent","timestamp":"%d",
                    "recipient_id":"%s","biz_opaque_callback_data":"%s"}]}}]}]}
                    """.formatted(wamid, Instant.now().getEpochSecond(), recipient, reference);
            try {
                Node node = nodes.get(attempt % nodes.size());
                if (post(node, "/webhooks/whatsapp", body, Map.of("X-Hub-Signature-256", sign(body))).statusCode() == 200) {
                    return;
                }
            } catch (Exception down) {
                // delivered again below
            }
            if (attempt < 300) {
                deliverStatus(sender, wamid, recipient, reference, attempt + 1);
            }
        }, attempt == 0 ? 500 : 1000, TimeUnit.MILLISECONDS);
    }

    private void setUp() throws Exception {
        Node first = nodes.get(0);
        expect(post(first, "/api/wallet/top-ups", "{\"amount\":" + Math.max(20, 2 * contacts) + "}", Map.of()), "top-up");
        expect(post(first, "/api/templates", "{\"name\":\"" + BenchBpmn.TEMPLATE + "\",\"language\":\"it\",\"category\":"
                + "\"UTILITY\",\"body\":\"Your order has shipped: reply to tell us how it went\",\"status\":\"APPROVED\"}",
                Map.of()), "template");
        String bpmn = BenchBpmn.XML.replace("PT24H", NO_RESPONSE.toString());
        String boundary = "replyflow-kill-boundary";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kill.bpmn\"; filename=\"kill.bpmn\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> deployed = http.send(authorized(first, "/engine-rest/deployment/create")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofString(multipart, StandardCharsets.UTF_8)).build(), BodyHandlers.ofString());
        expect(deployed, "deployment");
        launchCampaign(first);
    }

    /** A list of other contacts imported by CSV and a template campaign to it, paced to be mid-dispatch at the kill. */
    private void launchCampaign(Node node) throws Exception {
        HttpResponse<String> list = post(node, "/api/lists", "{\"name\":\"kill-campaign\"}", Map.of());
        expect(list, "campaign list");
        StringBuilder csv = new StringBuilder("phone\n");
        for (int i = 0; i < contacts; i++) {
            csv.append(BenchOptions.phone(CAMPAIGN_BASE + i)).append('\n');
        }
        HttpResponse<String> imported = http.send(authorized(node, "/api/lists/" + JSON.readTree(list.body()).path("id").asLong()
                + "/import").header("Content-Type", "text/csv").POST(BodyPublishers.ofString(csv.toString())).build(),
                BodyHandlers.ofString());
        expect(imported, "campaign list import");
        HttpResponse<String> campaign = post(node, "/api/campaigns", "{\"name\":\"kill\",\"audience\":{\"list\":\"kill-campaign\"},"
                + "\"template\":{\"name\":\"" + BenchBpmn.TEMPLATE + "\",\"language\":\"it\"},\"rate\":" + Math.max(2, contacts / 40) + "}",
                Map.of());
        expect(campaign, "campaign");
        campaignId = JSON.readTree(campaign.body()).path("id").asLong();
        expect(post(node, "/api/campaigns/" + campaignId + "/launch", "{}", Map.of()), "campaign launch");
    }

    /** The kill lands while the campaign dispatches: once some recipients are dispatched (a minute at most). */
    private void awaitCampaignUnderWay(Node node) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        JsonNode counts;
        while ((counts = get(node, "/api/campaigns/" + campaignId).path("counts")).path("dispatched").asInt() == 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        System.out.printf("[kill %s] campaign at the kill: %s%n", time(), counts);
    }

    /** The campaign's failures: each recipient sent its template exactly once, the campaign completed. */
    private List<String> checkCampaign(Node node, WhatsAppStub whatsApp) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        String status;
        while (!(status = get(node, "/api/campaigns/" + campaignId).path("status").asText()).equals("COMPLETED")
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(2000);
        }
        int lost = 0;
        int duplicates = 0;
        for (int i = 0; i < contacts; i++) {
            int sends = whatsApp.sendsByRecipient().getOrDefault(BenchOptions.phone(CAMPAIGN_BASE + i).substring(1),
                    new AtomicInteger()).get();
            lost += sends == 0 ? 1 : 0;
            duplicates += sends > 1 ? 1 : 0;
        }
        System.out.printf("[kill] campaign: %d recipients, status %s, lost %d, duplicates %d%n", contacts, status, lost,
                duplicates);
        List<String> failures = new ArrayList<>();
        if (!status.equals("COMPLETED")) {
            failures.add("the campaign is " + status + ", not COMPLETED");
        }
        if (lost > 0 || duplicates > 0) {
            failures.add("campaign: " + lost + " recipients never sent, " + duplicates + " sent twice");
        }
        return failures;
    }

    /** Once every timer had its time: what each contact went through. */
    private List<String> check(WhatsAppStub whatsApp) throws Exception {
        Node node = nodes.get(0);
        Instant deadline = Instant.now().plus(NO_RESPONSE).plus(Duration.ofMinutes(5));
        long running;
        while ((running = count(node, "/engine-rest/process-instance/count?processDefinitionKey=" + BenchBpmn.KEY)) > 0) {
            if (Instant.now().isAfter(deadline)) {
                break;
            }
            Thread.sleep(5000);
            System.out.printf("[kill %s] %d automations still running%n", time(), running);
        }
        List<String> failures = new ArrayList<>(checkCampaign(node, whatsApp));
        if (running > 0) {
            failures.add(running + " automations still running (stuck)");
        }
        long incidents = count(node, "/engine-rest/incident/count");
        if (incidents > 0) {
            failures.add(incidents + " incidents");
        }
        int wrongPath = 0;
        int duplicates = 0;
        int lost = 0;
        int charges = 0;
        for (int c = 0; c < contacts; c++) {
            String phone = BenchOptions.phone(c);
            int sends = whatsApp.sendsByRecipient().getOrDefault(phone.substring(1), new AtomicInteger()).get();
            if (sends == 0) {
                lost++;
            } else if (sends > 1) {
                duplicates++;
            }
            JsonNode contact = get(node, "/api/contacts?phone=" + java.net.URLEncoder.encode(phone, StandardCharsets.UTF_8))
                    .get(0);
            String tags = contact.path("tags").toString();
            String expected = c % 2 == 0 ? "\"replied\"" : "\"no-response\"";
            String other = c % 2 == 0 ? "\"no-response\"" : "\"replied\"";
            if (!tags.contains(expected) || tags.contains(other)) {
                wrongPath++;
            }
            int conversations = get(node, "/api/contacts/" + contact.path("id").asLong() + "/conversations").size();
            charges += conversations;
            if (conversations != 1) {
                failures.add("contact " + c + " charged " + conversations + " conversations");
            }
            long instances = count(node, "/engine-rest/history/process-instance/count?processDefinitionKey=" + BenchBpmn.KEY
                    + "&processInstanceBusinessKey=" + java.net.URLEncoder.encode(phone, StandardCharsets.UTF_8));
            if (instances != 1) {
                failures.add("contact " + c + " has " + instances + " automation instances");
            }
        }
        if (lost > 0) {
            failures.add(lost + " contacts never sent their message");
        }
        if (duplicates > 0) {
            failures.add(duplicates + " contacts sent their message twice");
        }
        if (wrongPath > 0) {
            failures.add(wrongPath + " contacts on the wrong path");
        }
        System.out.printf("[kill] nodes %d (%s), contacts %d, replies %d, timers %d, kills %d, sends %d, conversations "
                + "charged %d, lost %d, duplicates %d, wrong path %d, incidents %d, stuck %d%n", nodes.size(), db, contacts,
                replied.size(), contacts - replied.size(), kills.get(), whatsApp.requests(), charges, lost, duplicates,
                wrongPath, incidents, running);
        return failures.size() > 20 ? failures.subList(0, 20) : failures;
    }

    private long count(Node node, String path) throws Exception {
        return get(node, path).path("count").asLong();
    }

    private JsonNode get(Node node, String path) throws Exception {
        HttpResponse<String> response = http.send(authorized(node, path).GET().build(), BodyHandlers.ofString());
        expect(response, "GET " + path);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(Node node, String path, String json, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = (path.startsWith("/webhooks/") ? HttpRequest.newBuilder(URI.create(node.base() + path))
                : authorized(node, path)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private HttpRequest.Builder authorized(Node node, String path) {
        return HttpRequest.newBuilder(URI.create(node.base() + path)).timeout(Duration.ofSeconds(30)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private static void expect(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String reply(int contact) {
        String from = BenchOptions.phone(contact).substring(1);
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Customer %d"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"wamid.kill-in-%d","timestamp":"%d","type":"text","text":{"body":"Yes"}}]}}]}]}
                """.formatted(WhatsAppStub.PHONE_NUMBER_ID, contact, from, from, contact, Instant.now().getEpochSecond());
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String time() {
        return java.time.LocalTime.now().withNano(0).toString();
    }
}
