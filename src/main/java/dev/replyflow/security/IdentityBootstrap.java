package dev.replyflow.security;

import java.security.SecureRandom;
import java.util.Base64;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes sure, before the server takes requests, that the admin user and the groups exist with their
 * authorizations. The admin's password comes from replyflow.admin.password; without it a random one is
 * generated and logged once, when the admin is first created. There is no built-in default password.
 */
@Component
class IdentityBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final String adminUsername;
    private final String adminPassword;

    IdentityBootstrap(IdentityService identity, AuthorizationService authorizations,
            @Value("${replyflow.admin.username:admin}") String adminUsername,
            @Value("${replyflow.admin.password:}") String adminPassword) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ensureGroup(Roles.ADMIN_GROUP, "Administrators", Groups.GROUP_TYPE_SYSTEM);
        ensureGroup(Roles.OPERATORS_GROUP, "Operators", Groups.GROUP_TYPE_WORKFLOW);
        ensureGroup(Roles.ANALYSTS_GROUP, "Analysts", Groups.GROUP_TYPE_WORKFLOW);
        for (Resource resource : Resources.values()) {
            grant(Roles.ADMIN_GROUP, resource, Permissions.ALL);
        }
        grant(Roles.OPERATORS_GROUP, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Roles.OPERATORS_GROUP, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(Roles.OPERATORS_GROUP, Resources.PROCESS_DEFINITION, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
        grant(Roles.OPERATORS_GROUP, Resources.PROCESS_INSTANCE, ProcessInstancePermissions.READ);
        grant(Roles.OPERATORS_GROUP, Resources.DEPLOYMENT, Permissions.READ);
        // analysts deploy, but only automations made of catalogue steps (AnalystDeploymentRules refuses the rest)
        grant(Roles.ANALYSTS_GROUP, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Roles.ANALYSTS_GROUP, Resources.PROCESS_DEFINITION, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
        grant(Roles.ANALYSTS_GROUP, Resources.PROCESS_INSTANCE, ProcessInstancePermissions.READ);
        grant(Roles.ANALYSTS_GROUP, Resources.DEPLOYMENT, Permissions.READ, Permissions.CREATE);
        ensureAdmin();
    }

    private void ensureAdmin() {
        User admin = identity.createUserQuery().userId(adminUsername).singleResult();
        if (admin == null) {
            admin = identity.newUser(adminUsername);
            admin.setFirstName("Replyflow");
            admin.setLastName("Admin");
            if (adminPassword.isBlank()) {
                String generated = generatePassword();
                admin.setPassword(generated);
                log.warn("Created admin user '{}' with the generated password: {}  (shown only this once; "
                        + "set replyflow.admin.password to choose it)", adminUsername, generated);
            } else {
                admin.setPassword(adminPassword);
                log.info("Created admin user '{}' with the password from replyflow.admin.password", adminUsername);
            }
            identity.saveUser(admin);
        } else if (!adminPassword.isBlank()) {
            // the configured password wins; setting it unconditionally avoids a failed check counting as a bad login
            admin.setPassword(adminPassword);
            identity.saveUser(admin);
            // and it restores access: a lock Camunda set before (its lock-out is off now, see LoginLockOff) is lifted
            identity.unlockUser(adminUsername);
        }
        if (identity.createUserQuery().userId(adminUsername).memberOfGroup(Roles.ADMIN_GROUP).count() == 0) {
            identity.createMembership(adminUsername, Roles.ADMIN_GROUP);
        }
    }

    private void ensureGroup(String id, String name, String type) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType(type);
            identity.saveGroup(group);
        }
    }

    private void grant(String group, Resource resource, Permission... permissions) {
        grant(group, resource, Authorization.ANY, permissions);
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        boolean exists = authorizations.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).count() > 0;
        if (!exists) {
            Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(group);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
            for (Permission permission : permissions) {
                authorization.addPermission(permission);
            }
            authorizations.saveAuthorization(authorization);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
