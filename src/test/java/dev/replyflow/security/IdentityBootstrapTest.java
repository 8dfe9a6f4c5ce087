package dev.replyflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class IdentityBootstrapTest {

    private static final Pattern GENERATED = Pattern.compile("generated password: (\\S+)");

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

    IdentityService identityService;
    AuthorizationService authorizationService;

    @BeforeEach
    void services() {
        identityService = engine.getIdentityService();
        authorizationService = engine.getAuthorizationService();
    }

    @AfterEach
    void cleanUp() {
        identityService.deleteUser("admin");
        identityService.deleteGroup(Roles.ADMIN_GROUP);
        identityService.deleteGroup(Roles.OPERATORS_GROUP);
        identityService.deleteGroup(Roles.ANALYSTS_GROUP);
        authorizationService.createAuthorizationQuery().list().forEach(a -> authorizationService.deleteAuthorization(a.getId()));
    }

    @Test
    void withoutAConfiguredPasswordOneIsGeneratedAndLoggedOnlyOnce(CapturedOutput output) {
        new IdentityBootstrap(identityService, authorizationService, "admin", "").afterSingletonsInstantiated();

        Matcher generated = GENERATED.matcher(output.getAll());
        assertThat(generated.find()).isTrue();
        String password = generated.group(1);
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(identityService.checkPassword("admin", password)).isTrue();
        assertThat(password).isNotEqualTo("admin");

        new IdentityBootstrap(identityService, authorizationService, "admin", "").afterSingletonsInstantiated();

        assertThat(GENERATED.matcher(output.getAll()).results().count()).isEqualTo(1);
        assertThat(identityService.checkPassword("admin", password)).isTrue();
    }

    @Test
    void aConfiguredPasswordIsUsedAndWinsOverAnEarlierOne() {
        new IdentityBootstrap(identityService, authorizationService, "admin", "first-secret").afterSingletonsInstantiated();
        assertThat(identityService.checkPassword("admin", "first-secret")).isTrue();

        new IdentityBootstrap(identityService, authorizationService, "admin", "second-secret").afterSingletonsInstantiated();

        assertThat(identityService.checkPassword("admin", "second-secret")).isTrue();
        assertThat(identityService.checkPassword("admin", "first-secret")).isFalse();
    }

    /** Camunda's lock-out (on in this plain engine) locked the admin for good after ten wrong guesses; a restart with
     * the configured password lets it in again. */
    @Test
    void aRestartWithTheConfiguredPasswordUnlocksTheAdmin() {
        new IdentityBootstrap(identityService, authorizationService, "admin", "admin-secret").afterSingletonsInstantiated();
        try {
            for (int i = 0; i < 12; i++) {
                // past each growing delay, so that every guess counts
                org.camunda.bpm.engine.impl.util.ClockUtil.offset((i + 1) * 3_600_000L);
                identityService.checkPassword("admin", "guess-" + i);
            }
            assertThat(identityService.checkPassword("admin", "admin-secret")).as("locked").isFalse();

            new IdentityBootstrap(identityService, authorizationService, "admin", "admin-secret").afterSingletonsInstantiated();

            assertThat(identityService.checkPassword("admin", "admin-secret")).isTrue();
        } finally {
            org.camunda.bpm.engine.impl.util.ClockUtil.reset();
        }
    }

    @Test
    void analystsMayDeployButNotAdminister() {
        new IdentityBootstrap(identityService, authorizationService, "admin", "secret").afterSingletonsInstantiated();
        assertThat(authorizationService.isUserAuthorized("ann", java.util.List.of(Roles.ANALYSTS_GROUP),
                Permissions.CREATE, Resources.DEPLOYMENT)).isTrue();
        assertThat(authorizationService.isUserAuthorized("ann", java.util.List.of(Roles.ANALYSTS_GROUP),
                Permissions.CREATE, Resources.USER)).isFalse();
    }

    @Test
    void adminsMayDoEverythingAndOperatorsMayNotDeploy() {
        new IdentityBootstrap(identityService, authorizationService, "admin", "secret").afterSingletonsInstantiated();
        assertThat(identityService.createUserQuery().memberOfGroup(Roles.ADMIN_GROUP).userId("admin").count()).isEqualTo(1);
        assertThat(identityService.createGroupQuery().groupId(Roles.OPERATORS_GROUP).count()).isEqualTo(1);

        assertThat(authorizationService.isUserAuthorized("admin", java.util.List.of(Roles.ADMIN_GROUP),
                Permissions.CREATE, Resources.DEPLOYMENT)).isTrue();
        assertThat(authorizationService.isUserAuthorized("olivia", java.util.List.of(Roles.OPERATORS_GROUP),
                Permissions.CREATE, Resources.DEPLOYMENT)).isFalse();
        assertThat(authorizationService.isUserAuthorized("olivia", java.util.List.of(Roles.OPERATORS_GROUP),
                Permissions.READ, Resources.PROCESS_DEFINITION, "welcome-reply")).isTrue();
    }
}
