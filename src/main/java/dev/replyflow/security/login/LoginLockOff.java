package dev.replyflow.security.login;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Switches off Camunda's per-user login delay and lock-out: it counted failures per user whoever sent them, so an
 * anonymous client could lock the admin out for good (ten wrong guesses). {@link LoginThrottle} slows down the
 * failing address instead. A user locked before this still gets in: the attempt limit is never reached.
 */
@Component
public class LoginLockOff extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
        configuration.setLoginDelayBase(0);
        configuration.setLoginDelayFactor(1);
        configuration.setLoginDelayMaxTime(0);
    }
}
