package dev.replyflow.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.container.impl.metadata.PropertyHelper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.db.DbIdGenerator;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.spring.boot.starter.configuration.id.PrefixedUuidGenerator;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;

import dev.replyflow.jobs.HistoryWrites;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A standalone Camunda engine on its own fresh database of the same kind, with Replyflow's job executor, history
 * and generic engine settings and its pool size, running the same BPMN with no-op delegates: the floor of the cost.
 */
final class BareCamunda implements BenchTarget {

    private static final JavaDelegate NO_OP = execution -> { };

    private final BenchDatabase database;
    private final HikariDataSource dataSource;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ProcessEngine engine;
    private final String settings;
    /** How far advanceClock has moved the engine's clock (ClockUtil.offset is from real time, not cumulative). */
    private Duration clockOffset = Duration.ZERO;

    BareCamunda(BenchOptions options, EngineSettings settings) {
        database = BenchDatabase.fresh(options.db(), "bare");
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("bare-camunda");
        pool.setJdbcUrl(database.url);
        pool.setUsername(database.user);
        pool.setPassword(database.password);
        pool.setMaximumPoolSize(settings.poolSize());
        settings.driverProperties().forEach(pool::addDataSourceProperty);
        pool.setMetricRegistry(meters);
        dataSource = new HikariDataSource(pool);

        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneProcessEngineConfiguration();
        config.setProcessEngineName("bench-bare");
        config.setDataSource(dataSource);
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setHistory(settings.historyLevel().toLowerCase(java.util.Locale.ROOT));
        // Replyflow's history writes (HistoryWrites): with or without a row per variable change, as it is configured
        config.setCustomHistoryEventHandlers(List.of(new HistoryWrites.Handler(settings.variableChanges())));
        config.setEnableDefaultDbHistoryEventHandler(false);
        config.setIdGenerator(idGenerator(settings.idGenerator()));
        config.setJobExecutor(jobExecutor(settings.jobExecution()));
        config.setJobExecutorActivate(true);
        config.setBeans(new HashMap<>(Map.of("sendMessage", NO_OP, "addTag", NO_OP)));
        PropertyHelper.applyProperties(config, settings.genericProperties());
        engine = config.buildProcessEngine();
        // Replyflow's index on the jobs' due dates (JobDueDateIndex): the same schema for both engines
        jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        jdbc.execute(dev.replyflow.jobs.JobDueDateIndex.SQL);
        engine.getRepositoryService().createDeployment().name("bench").addString("bench.bpmn", BenchBpmn.bareXml()).deploy();
        Standing.start(engine, Standing.instances());
        this.settings = JobExecutors.describe(config.getJobExecutor(), config.getHistory())
                + (settings.variableChanges() ? " with" : " without") + " variable changes, ids "
                + config.getIdGenerator().getClass().getSimpleName() + ", pool " + settings.poolSize() + ", " + database
                + (settings.driverProperties().isEmpty() ? "" : ", driver " + settings.driverProperties());
    }

    /** As the Spring Boot starter reads camunda.bpm.id-generator: strong (default), prefixed, simple. */
    private static IdGenerator idGenerator(String kind) {
        return switch (kind.toLowerCase(java.util.Locale.ROOT)) {
            case "simple" -> new DbIdGenerator();
            case "prefixed" -> new PrefixedUuidGenerator("replyflow");
            default -> new StrongUuidGenerator();
        };
    }

    private static DefaultJobExecutor jobExecutor(JobExecutionProperty p) {
        DefaultJobExecutor executor = new DefaultJobExecutor();
        executor.setCorePoolSize(p.getCorePoolSize());
        executor.setMaxPoolSize(p.getMaxPoolSize());
        executor.setQueueSize(p.getQueueCapacity());
        if (p.getLockTimeInMillis() != null) executor.setLockTimeInMillis(p.getLockTimeInMillis());
        if (p.getMaxJobsPerAcquisition() != null) executor.setMaxJobsPerAcquisition(p.getMaxJobsPerAcquisition());
        if (p.getWaitTimeInMillis() != null) executor.setWaitTimeInMillis(p.getWaitTimeInMillis());
        if (p.getMaxWait() != null) executor.setMaxWait(p.getMaxWait());
        if (p.getBackoffTimeInMillis() != null) executor.setBackoffTimeInMillis(p.getBackoffTimeInMillis());
        if (p.getMaxBackoff() != null) executor.setMaxBackoff(p.getMaxBackoff());
        if (p.getBackoffDecreaseThreshold() != null) executor.setBackoffDecreaseThreshold(p.getBackoffDecreaseThreshold());
        if (p.getWaitIncreaseFactor() != null) executor.setWaitIncreaseFactor(p.getWaitIncreaseFactor());
        return executor;
    }

    @Override
    public String name() {
        return "bare";
    }

    @Override
    public String settings() {
        return settings;
    }

    @Override
    public int start(int contact) {
        engine.getRuntimeService().startProcessInstanceByKey(BenchBpmn.KEY, BenchOptions.phone(contact));
        return 201;
    }

    @Override
    public int reply(int contact) {
        int taken = engine.getRuntimeService().createMessageCorrelation(BenchBpmn.MESSAGE)
                .processInstanceBusinessKey(BenchOptions.phone(contact)).setVariable("replyText", "yes")
                .correlateAllWithResult().size();
        return taken == 1 ? 200 : 409;
    }

    @Override
    public void advanceClock(Duration duration) {
        clockOffset = clockOffset.plus(duration);
        ClockUtil.offset(clockOffset.toMillis());
    }

    @Override
    public void vacuum() {
        database.vacuum();
    }

    @Override
    public void forgetSends() { // its delegates send nothing
    }

    @Override
    public long waiting() {
        return atCustomerResponse();
    }

    @Override
    public long atCustomerResponse() {
        return jdbc.queryForObject(BenchBpmn.COUNT_WAITING, Long.class);
    }


    @Override
    public long deadJobs() {
        return engine.getManagementService().createJobQuery().noRetriesLeft().count();
    }

    @Override
    public long incidents() {
        return engine.getRuntimeService().createIncidentQuery().count();
    }

    @Override
    public Map<String, String> endEvents() {
        Map<String, String> ended = new HashMap<>();
        for (HistoricProcessInstance instance : engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(BenchBpmn.KEY).finished().list()) {
            ended.put(instance.getBusinessKey(), instance.getEndActivityId());
        }
        return ended;
    }

    @Override
    public List<String> ownChecks(Expected expected) {
        return List.of();
    }

    @Override
    public List<String> notes() {
        Counter timeouts = meters.find("hikaricp.connections.timeout").counter();
        return List.of("connection-pool timeouts: " + (timeouts == null ? "?" : (long) timeouts.count()));
    }

    @Override
    public void close() {
        engine.close();
        dataSource.close();
        database.close();
    }
}
