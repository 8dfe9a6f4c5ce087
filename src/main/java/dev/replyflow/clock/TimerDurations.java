package dev.replyflow.clock;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every timer's due date makes the engine create a {@link DatatypeFactory} to read its ISO duration, and without JAXP's
 * system property each creation scans every jar of the class path for a provider: 6 % of the CPU of starting an
 * automation that waits for a reply (9 % of bare Camunda's) in a PostgreSQL profile. The property, set to the factory
 * that scan finds, keeps the same factory without the scan. JVM-wide, as JAXP's lookup is; a value set by the operator
 * (-Djavax.xml.datatype.DatatypeFactory) is kept.
 */
@Component
class TimerDurations extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(TimerDurations.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) != null) {
            return;
        }
        try {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, DatatypeFactory.newInstance().getClass().getName());
        } catch (DatatypeConfigurationException e) { // the engine meets the same failure at its first timer, and says so
            log.warn("No javax.xml DatatypeFactory found: timers cannot be read ({})", e.getMessage());
        }
    }
}
