package dev.replyflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;
import dev.replyflow.support.Channel;

/**
 * Cockpit's Replyflow tab: served by Cockpit, and reading /api with nothing but the Cockpit login. A fresh context:
 * the Camunda starter wires the webapp filters of every context in the JVM to the one started last, so once another
 * test's context has started and closed, the shared context's Cockpit answers 500.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class CockpitTabTest extends ApiTest {

    @Autowired
    IdentityService identityService;

    @Test
    void cockpitLoadsTheReplyflowTab() {
        Response config = anonymous().get("/camunda/app/cockpit/scripts/config.js");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).contains("customScripts").contains("'scripts/replyflow-tab'");

        Response tab = anonymous().get("/camunda/app/cockpit/scripts/replyflow-tab.js");
        assertThat(tab.status()).isEqualTo(200);
        assertThat(tab.contentType()).contains("javascript");
        assertThat(tab.body()).contains("pluginPoint: 'cockpit.processInstance.runtime.tab'").contains("label: 'Replyflow'");
    }

    /** The login page asks whether a welcome page exists: a Basic challenge there pops up the browser's own dialog. */
    @Test
    void cockpitsLoginPageMeetsNoBasicChallenge() {
        assertThat(anonymous().get("/camunda-welcome").status()).isEqualTo(404);
    }

    @Test
    void theCockpitLoginReadsTheContactAndStaysSignedIn() {
        String phone = newPhone();
        long contact = new Channel(admin()).contact(phone, false);
        CockpitBrowser cockpit = signedIn("cockpit", "admin", ADMIN_PASSWORD);
        String session = cockpit.sessionId();

        Response read = cockpit.get("/api/contacts/" + contact);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("phone").asText()).isEqualTo(phone);
        assertThat(cockpit.get("/api/contacts/" + contact + "/messages").status()).isEqualTo(200);
        assertThat(cockpit.get("/api/contacts/" + contact + "/conversations").status()).isEqualTo(200);
        // the tab's reads keep the session id: a new one would sign out Cockpit's requests still using the old one
        assertThat(cockpit.sessionId()).isNotNull().isEqualTo(session);
        assertThat(cockpit.get("/camunda/api/admin/auth/user/default").json().path("userId").asText()).isEqualTo("admin");
    }

    @Test
    void withoutTheLoginTheApiStaysClosed() {
        long contact = new Channel(admin()).contact(newPhone(), false);
        assertThat(anonymous().get("/api/contacts/" + contact).status()).isEqualTo(401);

        CockpitBrowser notSignedIn = new CockpitBrowser(port);
        assertThat(notSignedIn.get("/camunda/app/cockpit/default/").status()).isEqualTo(200); // a session, no login
        Response refused = notSignedIn.get("/api/contacts/" + contact);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    /** Any site can make the browser post with the session cookie: the login must never authorize a write. */
    @Test
    void theCockpitLoginNeverWrites() {
        String phone = newPhone();
        Response created = signedIn("cockpit", "admin", ADMIN_PASSWORD).post("/api/contacts", "{\"phone\":\"" + phone + "\"}");

        assertThat(created.status()).isIn(401, 403);
        assertThat(admin().get("/api/contacts?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)).json()).isEmpty();
    }

    @Test
    void theLoginCarriesTheUsersOwnRoles() {
        long contact = new Channel(admin()).contact(newPhone(), false);
        user("cora", Roles.OPERATORS_GROUP);
        user("gus", null);

        assertThat(signedIn("cockpit", "cora", "cora-secret-1").get("/api/contacts/" + contact).status()).isEqualTo(200);
        // gus belongs to no group: Camunda lets him in to its welcome page, Replyflow grants him nothing
        Response forbidden = signedIn("welcome", "gus", "gus-secret-1").get("/api/contacts/" + contact);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().path("title").asText()).isEqualTo("Not allowed");
    }

    private CockpitBrowser signedIn(String app, String user, String password) {
        CockpitBrowser browser = new CockpitBrowser(port);
        Response login = browser.signIn(app, user, password);
        assertThat(login.status()).as("login of " + user + " to " + app + ": " + login.body()).isEqualTo(200);
        return browser;
    }

    private void user(String id, String group) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setPassword(id + "-secret-1");
            identityService.saveUser(user);
            if (group != null) {
                identityService.createMembership(id, group);
            }
        }
    }
}
