package dev.replyflow.automation.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Refuses webhook hosts inside the network Replyflow runs in, so that an automation cannot be used to reach
 * internal services or the cloud metadata endpoint (server-side request forgery). Hosts on the allow-list
 * ({@code replyflow.webhooks.allowed-hosts}, compared with the URL's host as written) are not checked.
 * <p>
 * The check runs after DNS resolution, on every address the host resolves to, and refuses when any of them is
 * internal. The HTTP client then resolves the name again to connect: a DNS server under an attacker's control
 * could answer a public address to this check and an internal one to the client a moment later (DNS
 * rebinding). Pinning the checked address is not possible with the JDK client for https (SNI and the
 * certificate check use the URL's host), so that window remains; where it matters, send webhooks through an
 * egress proxy or firewall that enforces the same rules.
 */
final class WebhookAddressGuard {

    /** Resolves a host name; tests may answer without DNS. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<String> allowedHosts;
    private final Resolver resolver;

    WebhookAddressGuard(List<String> allowedHosts) {
        this(allowedHosts, InetAddress::getAllByName);
    }

    WebhookAddressGuard(List<String> allowedHosts, Resolver resolver) {
        this.allowedHosts = allowedHosts.stream().map(WebhookAddressGuard::normalize).toList();
        this.resolver = resolver;
    }

    /**
     * @param host the URL's host, an IPv6 literal with or without brackets
     * @throws WebhookRefusedException when the host resolves to an internal address
     * @throws WebhookUnavailableException when the host cannot be resolved now (DNS may recover: retried)
     */
    void check(String host) {
        String name = normalize(host);
        if (isAllowListed(name)) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw new WebhookUnavailableException("the host '" + name + "' cannot be resolved", e);
        }
        for (InetAddress address : addresses) {
            String why = whyInternal(address);
            if (why != null) {
                throw new WebhookRefusedException("the host '" + name + "' resolves to " + address.getHostAddress() + ", "
                        + why + ": refused (add the host to replyflow.webhooks.allowed-hosts if it is meant to be called)");
            }
        }
    }

    /** Why the address belongs to an internal network, or null for a public address. */
    static String whyInternal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address.isAnyLocalAddress() || (address instanceof Inet4Address && b[0] == 0)) {
            return "an unspecified address (0.0.0.0/8, ::)";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback address (127.0.0.0/8, ::1)";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address (169.254.0.0/16, fe80::/10; includes the cloud metadata endpoint 169.254.169.254)";
        }
        if (address.isSiteLocalAddress()) {
            return "a private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)";
        }
        if (address instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return "a carrier-grade NAT address (100.64.0.0/10)";
        }
        if (address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return "a unique local address (fc00::/7)";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        if (address instanceof Inet4Address && (b[0] & b[1] & b[2] & b[3] & 0xff) == 0xff) {
            return "the broadcast address";
        }
        InetAddress embedded = embeddedIpv4(b);
        return embedded == null ? null : whyInternal(embedded);
    }

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address. */
    private static InetAddress embeddedIpv4(byte[] b) {
        if (b.length != 16) {
            return null;
        }
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; i < 12; i++) {
            nat64 &= b[i] == 0;
        }
        if (!compatible && !nat64) {
            return null;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException impossible) {
            return null;
        }
    }

    private boolean isAllowListed(String host) {
        if (allowedHosts.contains(host)) {
            return true;
        }
        // an IP literal may be written in several ways (::1, 0:0:0:0:0:0:0:1): compare addresses, no DNS involved
        InetAddress literal = literal(host);
        return literal != null && allowedHosts.stream().map(WebhookAddressGuard::literal).anyMatch(literal::equals);
    }

    private static InetAddress literal(String host) {
        if (!IPV4_LITERAL.matcher(host).matches() && !host.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(host); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String normalize(String host) {
        String h = Objects.requireNonNull(host, "host").strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
