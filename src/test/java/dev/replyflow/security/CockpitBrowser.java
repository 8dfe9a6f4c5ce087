package dev.replyflow.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;

import dev.replyflow.support.Api.Response;

/**
 * A browser as far as cookies go: signs in on Camunda's webapp login (what Cockpit's login page posts), then calls
 * with its session cookie only, never with an Authorization header.
 */
final class CockpitBrowser {

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();

    CockpitBrowser(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Signs in to a webapp (cockpit, welcome…). Camunda's CSRF filter hands out its token on a GET and wants it back. */
    Response signIn(String app, String user, String password) {
        String token = send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/cockpit/default/")).GET())
                .headers().firstValue("X-XSRF-TOKEN").orElseThrow(() -> new AssertionError("Cockpit gave no X-XSRF-TOKEN"));
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return response(send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
                .header("X-XSRF-TOKEN", token).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(form))));
    }

    Response get(String path) {
        return response(send(HttpRequest.newBuilder(URI.create(base + path)).GET()));
    }

    Response post(String path, String json) {
        return response(send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json))));
    }

    /** The session cookie's value now (Tomcat's JSESSIONID), or null. */
    String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    private static Response response(HttpResponse<String> response) {
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
