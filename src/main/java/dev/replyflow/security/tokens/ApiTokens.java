package dev.replyflow.security.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.web.ApiException;

/**
 * API tokens: a random secret shown once at creation, kept only as its SHA-256 (a stolen database yields no usable
 * token), with scopes, an optional expiry, the time of its last use and revocation. Real time, not the sandbox's
 * movable clock: moving the sandbox clock must not expire credentials.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "rft_";
    private static final int MAX_NAME = 200;
    /** Writing last use at most this often keeps a busy integration from writing a row per request. */
    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    public ApiTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record TokenView(long id, String name, List<String> scopes, String createdBy, OffsetDateTime createdAt,
            OffsetDateTime expiresAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
    }

    /** The token as created: the secret {@code token} appears only here. */
    public record CreatedToken(long id, String name, List<String> scopes, OffsetDateTime createdAt, OffsetDateTime expiresAt,
            String token) {
    }

    @Transactional
    public CreatedToken create(String name, List<String> scopeValues, OffsetDateTime expiresAt, String createdBy) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalid("name", "A token needs a name (who uses it, e.g. the CRM)");
        }
        if (name.strip().length() > MAX_NAME) {
            throw ApiException.invalid("name", "A token's name is at most " + MAX_NAME + " characters");
        }
        List<String> scopes = scopes(scopeValues);
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.toInstant().isAfter(now)) {
            throw ApiException.invalid("expiresAt", "expiresAt must be in the future");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var s = c.prepareStatement("insert into api_token (name, token_hash, scopes, created_by, created_at, expires_at) "
                    + "values (?, ?, ?, ?, ?, ?)", new String[] {"id"});
            s.setString(1, name.strip());
            s.setString(2, hash(token));
            s.setString(3, String.join(",", scopes));
            s.setString(4, createdBy);
            s.setTimestamp(5, Timestamp.from(now));
            s.setTimestamp(6, expiresAt == null ? null : Timestamp.from(expiresAt.toInstant()));
            return s;
        }, key);
        long id = key.getKey().longValue();
        return new CreatedToken(id, name.strip(), scopes, utc(now), expiresAt == null ? null : utc(expiresAt.toInstant()), token);
    }

    public List<TokenView> list() {
        return jdbc.query("select * from api_token order by id", (rs, n) -> view(rs));
    }

    /** Revokes the token at once; it stays listed, with its revocation time. */
    @Transactional
    public void revoke(long id) {
        int found = jdbc.update("update api_token set revoked_at = ? where id = ? and revoked_at is null",
                Timestamp.from(clock.instant()), id);
        if (found == 0 && jdbc.queryForObject("select count(*) from api_token where id = ?", Integer.class, id) == 0) {
            throw ApiException.notFound("Token", id);
        }
    }

    /** The valid (known, unrevoked, unexpired) token with this secret, noting its use; else empty. */
    public Optional<ApiTokenAuthentication> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        List<TokenView> found = jdbc.query("select * from api_token where token_hash = ?", (rs, n) -> view(rs), hash(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TokenView t = found.get(0);
        Instant now = clock.instant();
        if (t.revokedAt() != null || (t.expiresAt() != null && !now.isBefore(t.expiresAt().toInstant()))) {
            return Optional.empty();
        }
        if (t.lastUsedAt() == null || t.lastUsedAt().toInstant().plus(LAST_USE_PRECISION).isBefore(now)) {
            jdbc.update("update api_token set last_used_at = ? where id = ?", Timestamp.from(now), t.id());
        }
        var authorities = t.scopes().stream().map(TokenScope::of).flatMap(Optional::stream)
                .map(s -> new org.springframework.security.core.authority.SimpleGrantedAuthority(s.authority())).toList();
        return Optional.of(new ApiTokenAuthentication(t.id(), t.name(), authorities));
    }

    private static List<String> scopes(List<String> values) {
        if (values == null || values.isEmpty()) {
            throw ApiException.invalid("scopes", "A token needs at least one scope: " + allScopes());
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String value : values) {
            if (TokenScope.of(value).isEmpty()) {
                throw ApiException.invalid("scopes", "'" + value + "' is not a scope; the scopes are " + allScopes());
            }
            scopes.add(value);
        }
        return new ArrayList<>(scopes);
    }

    private static List<String> allScopes() {
        return Arrays.stream(TokenScope.values()).map(TokenScope::value).toList();
    }

    private static TokenView view(ResultSet rs) throws SQLException {
        return new TokenView(rs.getLong("id"), rs.getString("name"), List.of(rs.getString("scopes").split(",")),
                rs.getString("created_by"), time(rs, "created_at"), time(rs, "expires_at"), time(rs, "last_used_at"),
                time(rs, "revoked_at"));
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : utc(t.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
