package dev.replyflow.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a Camunda user may do in Replyflow, whichever way they signed in: a role per known group plus a
 * GROUP_&lt;id&gt; authority per group (handed on to the engine). Read from the identity service at every request
 * or login that RecentLogins does not remember, which forgets them all when a membership changes: it counts at once.
 */
class CamundaUserAuthorities {

    static final String GROUP_PREFIX = "GROUP_";

    private final IdentityService identityService;

    CamundaUserAuthorities(IdentityService identityService) {
        this.identityService = identityService;
    }

    List<GrantedAuthority> of(String user) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + Roles.USER));
        for (Group group : identityService.createGroupQuery().groupMember(user).list()) {
            authorities.add(new SimpleGrantedAuthority(GROUP_PREFIX + group.getId()));
            if (Roles.ADMIN_GROUP.equals(group.getId())) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + Roles.ADMIN));
            } else if (Roles.OPERATORS_GROUP.equals(group.getId())) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + Roles.OPERATOR));
            } else if (Roles.ANALYSTS_GROUP.equals(group.getId())) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + Roles.ANALYST));
            }
        }
        return authorities;
    }
}
