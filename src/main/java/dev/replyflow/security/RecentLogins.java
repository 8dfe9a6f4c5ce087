package dev.replyflow.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.core.GrantedAuthority;

/**
 * HTTP Basic credentials that passed the identity service a moment ago, with the authorities they got. An API client
 * sends its password with every request; checking it and reading its groups took two engine queries each time, a
 * cost the core loop's profile showed. Only successes are kept, never the password itself (a keyed hash of it, the
 * key made at start), and only for {@code replyflow.security.login-cache}; any change to users, groups or
 * memberships made through this node's engine forgets them all at once (other nodes within that time).
 */
class RecentLogins {

    private static final int MAX_ENTRIES = 10_000;

    private record Verified(List<GrantedAuthority> authorities, long until) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final SecretKeySpec key;

    RecentLogins(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The authorities of these credentials if they were verified within the time; empty otherwise. */
    Optional<List<GrantedAuthority>> find(String user, String password) {
        if (ttlNanos <= 0) {
            return Optional.empty();
        }
        String entry = entry(user, password);
        Verified found = verified.get(entry);
        if (found == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - found.until() > 0) {
            verified.remove(entry, found);
            return Optional.empty();
        }
        return Optional.of(found.authorities());
    }

    void remember(String user, String password, List<GrantedAuthority> authorities) {
        if (ttlNanos <= 0) {
            return;
        }
        if (verified.size() >= MAX_ENTRIES) { // a bound, not a policy: entries are cheap to make again
            verified.clear();
        }
        verified.put(entry(user, password), new Verified(List.copyOf(authorities), System.nanoTime() + ttlNanos));
    }

    /** Users, groups or memberships changed: every credential is checked again at its next request. */
    void forgetAll() {
        verified.clear();
    }

    private String entry(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
