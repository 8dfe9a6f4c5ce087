package dev.replyflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The engine settings Replyflow runs with, read from its own configuration (application.yaml, the postgres
 * profile's, system properties and environment variables) without starting it, so that bare Camunda gets the same:
 * {@code camunda.bpm.job-execution.*}, {@code camunda.bpm.history-level} and {@code replyflow.history.variable-changes}, {@code camunda.bpm.generic-properties.properties.*},
 * the connection pool size and the JDBC driver's properties ({@code spring.datasource.hikari.data-source-properties.*}).
 */
record EngineSettings(JobExecutionProperty jobExecution, String historyLevel, boolean variableChanges, String idGenerator,
        Map<String, String> genericProperties, int poolSize, Map<String, String> driverProperties) {

    static EngineSettings of(String db) {
        StandardEnvironment environment = new StandardEnvironment(); // system properties and environment first
        load(environment, "application.yaml");
        if (db.equals("postgres")) {
            environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    single("application-postgres.yaml"));
        }
        ConfigurationPropertySources.attach(environment);
        Binder binder = Binder.get(environment);
        JobExecutionProperty jobs = binder.bind("camunda.bpm.job-execution", Bindable.of(JobExecutionProperty.class))
                .orElseGet(JobExecutionProperty::new);
        String history = binder.bind("camunda.bpm.history-level", String.class).orElse("full");
        boolean variableChanges = binder.bind("replyflow.history.variable-changes", Boolean.class).orElse(false);
        // the starter's default is "strong" (UUIDs); Camunda's own default, a database block of ids, takes a second connection
        String ids = binder.bind("camunda.bpm.id-generator", String.class).orElse("strong");
        Map<String, String> generic = binder.bind("camunda.bpm.generic-properties.properties",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        int pool = binder.bind("spring.datasource.hikari.maximum-pool-size", Integer.class).orElse(10);
        Map<String, String> driver = binder.bind("spring.datasource.hikari.data-source-properties",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        return new EngineSettings(jobs, history, variableChanges, ids, generic, pool, driver);
    }

    private static void load(StandardEnvironment environment, String resource) {
        environment.getPropertySources().addLast(single(resource));
    }

    private static PropertySource<?> single(String resource) {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(resource, new ClassPathResource(resource));
            return sources.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
