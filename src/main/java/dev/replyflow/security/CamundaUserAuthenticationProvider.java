package dev.replyflow.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Checks HTTP Basic credentials against Camunda's identity service, the one user store. */
class CamundaUserAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final CamundaUserAuthorities authorities;

    CamundaUserAuthenticationProvider(IdentityService identityService) {
        this.identityService = identityService;
        this.authorities = new CamundaUserAuthorities(identityService);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object password = authentication.getCredentials();
        // checkPassword also applies Camunda's growing delay after failed attempts against brute force
        if (user == null || password == null || !identityService.checkPassword(user, password.toString())) {
            throw new BadCredentialsException("Wrong user name or password");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities.of(user));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
