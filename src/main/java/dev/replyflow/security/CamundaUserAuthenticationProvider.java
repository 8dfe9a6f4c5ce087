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
 * address that sends them (per user name), not the user: the right password from elsewhere still works.
 */
class CamundaUserAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final CamundaUserAuthorities authorities;
    private final LoginThrottle throttle;

    CamundaUserAuthenticationProvider(IdentityService identityService, LoginThrottle throttle) {
        this.identityService = identityService;
        this.authorities = new CamundaUserAuthorities(identityService);
        this.throttle = throttle;
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
        if (user == null || password == null || !identityService.checkPassword(user, password.toString())) {
            throttle.failed(address, user);
            throw new BadCredentialsException("Wrong user name or password");
        }
        throttle.succeeded(address, user);
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities.of(user));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
