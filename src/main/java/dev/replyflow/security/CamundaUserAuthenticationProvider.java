package dev.replyflow.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks HTTP Basic credentials against Camunda's identity service, the one user store, and grants a
 * role per known group plus a GROUP_&lt;id&gt; authority per group (handed on to the engine).
 */
class CamundaUserAuthenticationProvider implements AuthenticationProvider {

    static final String GROUP_PREFIX = "GROUP_";

    private final IdentityService identityService;

    CamundaUserAuthenticationProvider(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object password = authentication.getCredentials();
        // checkPassword also applies Camunda's growing delay after failed attempts against brute force
        if (user == null || password == null || !identityService.checkPassword(user, password.toString())) {
            throw new BadCredentialsException("Wrong user name or password");
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Group group : identityService.createGroupQuery().groupMember(user).list()) {
            authorities.add(new SimpleGrantedAuthority(GROUP_PREFIX + group.getId()));
            if (Roles.ADMIN_GROUP.equals(group.getId())) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + Roles.ADMIN));
            } else if (Roles.OPERATORS_GROUP.equals(group.getId())) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + Roles.OPERATOR));
            }
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
