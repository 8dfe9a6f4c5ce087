package dev.replyflow.security.login;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Too many failed logins from this address for this user: answered 429 with Retry-After, the password unchecked. */
public class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("Too many failed logins from this address; retry in " + seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up, at least 1: what the Retry-After header says. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
