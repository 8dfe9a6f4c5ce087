package dev.replyflow.security;

import java.util.ArrayList;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Forgets the recently verified logins when a command that changes users, groups or memberships commits (Camunda
 * Admin, the REST API, Replyflow's own user management all go through these), so such a change counts at once.
 */
class IdentityChanges extends AbstractProcessEnginePlugin {

    private static final Set<String> WRITES = Set.of("CreateUserCmd", "SaveUserCmd", "DeleteUserCmd", "UnlockUserCmd",
            "CreateGroupCmd", "SaveGroupCmd", "DeleteGroupCmd", "CreateMembershipCmd", "DeleteMembershipCmd");

    private final RecentLogins logins;

    IdentityChanges(RecentLogins logins) {
        this.logins = logins;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        var interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null ? new ArrayList<CommandInterceptor>()
                : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
        interceptors.add(new ForgetOnCommit());
        configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
    }

    private final class ForgetOnCommit extends CommandInterceptor {
        @Override
        public <T> T execute(Command<T> command) {
            if (WRITES.contains(command.getClass().getSimpleName()) && Context.getCommandContext() != null) {
                Context.getCommandContext().getTransactionContext()
                        .addTransactionListener(TransactionState.COMMITTED, context -> logins.forgetAll());
            }
            return next.execute(command);
        }
    }
}
