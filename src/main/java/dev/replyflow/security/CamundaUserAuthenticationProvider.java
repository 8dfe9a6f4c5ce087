package dev.replyflow.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import dev.replyflow.security.login.LoginThrottle;
import dev.replyflow.security.login.LoginThrottledException;

/**
 * Checks HTTP Basic credentials against Camunda's identity service, the one user store. Failures slow down the
 * address that sends them (per user name), not the user: the right password from elsewhere still works. Credentials
 * verified a moment ago are taken from {@link RecentLogins} instead of being checked again.
 */
class CamundaUserAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final CamundaUserAuthorities authorities;
    private final LoginThrottle throttle;
    private final RecentLogins recent;

    CamundaUserAuthenticationProvider(IdentityService identityService, LoginThrottle throttle, RecentLogins recent) {
        this.identityService = identityService;
        this.authorities = new CamundaUserAuthorities(identityService);
        this.throttle = throttle;
        this.recent = recent;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object password = authentication.getCredentials();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        var wait = throttle.wait(address, user);
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.get());
        }
        if (user == null || password == null) {
            throttle.failed(address, user);
            throw new BadCredentialsException("Wrong user name or password");
        }
        var known = recent.find(user, password.toString());
        if (known.isPresent()) {
            return UsernamePasswordAuthenticationToken.authenticated(user, null, known.get());
        }
        if (!identityService.checkPassword(user, password.toString())) {
            throttle.failed(address, user);
            throw new BadCredentialsException("Wrong user name or password");
        }
        throttle.succeeded(address, user);
        var granted = authorities.of(user);
        recent.remember(user, password.toString(), granted);
        return UsernamePasswordAuthenticationToken.authenticated(user, null, granted);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
