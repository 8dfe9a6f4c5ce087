package dev.replyflow.automation.outbound;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The guard against server-side request forgery, without network access: IP literals, and localhost. */
class WebhookAddressGuardTest {

    private final WebhookAddressGuard guard = new WebhookAddressGuard(List.of());

    @ParameterizedTest
    @CsvSource({
            "localhost, loopback",
            "LOCALHOST., loopback",
            "127.0.0.1, loopback",
            "127.1.2.3, loopback",
            "::1, loopback",
            "[::1], loopback",
            "169.254.169.254, cloud metadata",
            "fe80::1, link-local",
            "10.0.0.1, private",
            "172.16.0.1, private",
            "172.31.255.254, private",
            "192.168.1.1, private",
            "100.64.0.1, carrier-grade NAT",
            "100.127.255.254, carrier-grade NAT",
            "fd00::1, unique local",
            "fc00::1, unique local",
            "0.0.0.0, unspecified",
            "::, unspecified",
            "224.0.0.1, multicast",
            "ff02::1, multicast",
            "::ffff:10.0.0.1, private",
            "::127.0.0.1, loopback",
            "64:ff9b::a9fe:a9fe, link-local"})
    void refusesInternalAddresses(String host, String why) {
        assertThatThrownBy(() -> guard.check(host)).isInstanceOf(WebhookRefusedException.class)
                .hasMessageContaining(why).hasMessageContaining("'" + host.toLowerCase().replaceAll("^\\[|]$|\\.$", "") + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1:248:1893:25c8:1946"})
    void letsPublicAddressesThrough(String host) {
        assertThatCode(() -> guard.check(host)).doesNotThrowAnyException();
    }

    @Test
    void anAllowListedHostOrLiteralIsNotChecked() {
        WebhookAddressGuard allowing = new WebhookAddressGuard(List.of("127.0.0.1", "0:0:0:0:0:0:0:1", "Intranet.Example"),
                host -> {
                    throw new AssertionError("an allow-listed host is not resolved: " + host);
                });

        assertThatCode(() -> allowing.check("127.0.0.1")).doesNotThrowAnyException();
        assertThatCode(() -> allowing.check("[::1]")).doesNotThrowAnyException();
        assertThatCode(() -> allowing.check("intranet.example")).doesNotThrowAnyException();
        assertThatThrownBy(() -> new WebhookAddressGuard(List.of("127.0.0.1")).check("127.0.0.2"))
                .isInstanceOf(WebhookRefusedException.class);
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIsInternal() {
        WebhookAddressGuard guard = new WebhookAddressGuard(List.of(), host -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")});

        assertThatThrownBy(() -> guard.check("rebind.example")).isInstanceOf(WebhookRefusedException.class)
                .hasMessageContaining("'rebind.example' resolves to 10.1.2.3, a private address");
    }

    @Test
    void anUnresolvableNameIsRetriedNotRefused() {
        WebhookAddressGuard guard = new WebhookAddressGuard(List.of(), host -> {
            throw new UnknownHostException(host);
        });

        assertThatThrownBy(() -> guard.check("gone.example")).isInstanceOf(WebhookUnavailableException.class)
                .hasMessageContaining("'gone.example' cannot be resolved");
    }
}
