package dev.replyflow.automation.voice;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.replyflow.support.StubHttpServer;

/**
 * Twilio's REST API on 127.0.0.1, as far as the Voice Call step uses it: records every request and gives the
 * answers the test queued, in order; the last one repeats. By default it accepts every call, as Twilio does.
 */
class StubTwilioApi extends StubHttpServer {

    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "test-twilio-auth-token";
    static final String CALLS_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls.json";

    private int calls;

    StubTwilioApi() throws IOException {
        reset();
    }

    String baseUrl() {
        return url("");
    }

    /** Forgets the requests; answers every call as created again. */
    @Override
    public synchronized void reset() {
        super.reset();
        answers(created());
    }

    /** 201 with a new call SID, as Twilio answers a call it queued. */
    static Reply created() {
        return slow(Duration.ZERO);
    }

    static Reply answer(int status, String body) {
        return Reply.of(status, "application/json; charset=utf-8", body);
    }

    /** Created, after {@code delay}; the body, left out here, is the call resource with a new SID. */
    static Reply slow(Duration delay) {
        return answer(201, null).after(delay);
    }

    /** Twilio's error document, as its API returns it for a 4xx or 5xx. */
    static Reply error(int status, int code, String message) {
        return answer(status, """
                {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}"""
                .formatted(code, message.replace("\"", "\\\""), code, status));
    }

    /** The form fields of a request to Twilio, decoded, in the order sent. */
    static Map<String, String> form(Request request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.body().split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Override
    protected Reply reply(Request request) {
        Reply reply = super.reply(request);
        return reply.body() != null ? reply : reply.withBody(callResource(nextSid()));
    }

    private synchronized String nextSid() {
        return "CA%032x".formatted(++calls);
    }

    /** A Call resource as Twilio returns it on creation (the fields the step does not read shortened). */
    private static String callResource(String sid) {
        return """
                {"account_sid": "%s", "api_version": "2010-04-01", "caller_name": null,
                 "date_created": null, "date_updated": null, "direction": "outbound-api", "duration": null,
                 "from": "+390212345678", "from_formatted": "+39 02 1234 5678", "price": null, "price_unit": "USD",
                 "sid": "%s", "start_time": null, "status": "queued", "to": "+393201234567",
                 "uri": "/2010-04-01/Accounts/%s/Calls/%s.json"}""".formatted(ACCOUNT_SID, sid, ACCOUNT_SID, sid);
    }
}
