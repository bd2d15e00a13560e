package io.headprobe.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

import io.headprobe.audit.AuditConfig;
import io.headprobe.audit.HstsPreloadFile;
import io.headprobe.guard.AddressGuard;
import io.headprobe.guard.GuardConfig;
import io.headprobe.posture.ProbeTlsScan;
import io.headprobe.probe.DnsConfig;
import io.headprobe.probe.HeadFetcher;
import io.headprobe.probe.ProbeConfig;
import io.headprobe.probe.ProbeMetrics;
import io.headprobe.probe.ProbeRequests;
import io.headprobe.probe.ProbeTls;
import io.headprobe.probe.Prober;
import io.headprobe.probe.Resolver;
import io.headprobe.problem.ProblemException;
import io.headprobe.problem.StrictJson;
import io.headprobe.tls.JdkCertificateInspector;
import io.headprobe.tls.TlsScanConfig;
import io.headprobe.tls.TlsScans;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.vertx.runtime.jackson.JsonArrayDeserializer;
import io.quarkus.vertx.runtime.jackson.JsonArraySerializer;
import io.quarkus.vertx.runtime.jackson.JsonObjectDeserializer;
import io.quarkus.vertx.runtime.jackson.JsonObjectSerializer;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What a command needs, made by hand instead of by booting Quarkus: booting it (CDI, the HTTP
 * layer's set-up, metrics, OpenAPI) cost a command ~40 ms of its ~45 in the native executable.
 * The beans are the service's own classes, made with the constructors CDI calls, from the same
 * configuration keys (application.properties and its profiles, environment, system properties,
 * and on top what the command's options imply; read in any case); each bean is made on first use,
 * so {@code audit} makes only the JSON mapper. Nothing of the service exists here: no HTTP server, scan store, metrics
 * endpoint or blackbox file. Logs go to standard error (standard output carries results).
 */
final class CommandBeans {

    @FunctionalInterface
    interface Task {
        int run(CommandBeans beans) throws Exception;
    }

    /** What the options set: above system properties, as when they were set as system properties. */
    private static final int OPTIONS_ORDINAL = 500;

    private final SmallRyeConfig config;
    private ObjectMapper json;
    private Prober prober;
    private ProbeRequests requests;
    private TlsScans tlsScans;
    private ProbeTlsScan tlsScanStep;

    private CommandBeans(SmallRyeConfig config) {
        this.config = config;
    }

    /** Runs the task with beans made from this configuration on top of the usual; the task's exit code. */
    static int run(Map<String, String> configuration, Task task) {
        // A command has no request context to carry along its pipelines: capturing and restoring it
        // around every Mutiny callback was a fifth of the garbage made per target of a long list.
        Infrastructure.clearInterceptors();
        logToStandardError();
        int exit;
        try {
            exit = task.run(of(configuration));
        } catch (ProblemException e) {
            // The service's own checks of the options: a bad value is a usage error here.
            System.err.println("headprobe: " + e.getMessage());
            exit = Cli.USAGE;
        } catch (Exception e) {
            // Unreadable input, a configuration the beans refuse and the like: one line, no stack trace.
            System.err.println("headprobe: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            exit = Cli.USAGE;
        }
        // A command has nothing to hand over at exit (its output is written and flushed): it halts
        // rather than wait for the event loops' threads.
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(exit);
        return exit;
    }

    /**
     * The log as Quarkus set it up for a command: Quarkus' console format on standard error (standard
     * output carries results), warnings and worse unless -Dquarkus.log.level says otherwise.
     */
    private static void logToStandardError() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Level level = org.jboss.logmanager.Level.parse(System.getProperty("quarkus.log.level", "WARN"));
        ConsoleHandler console = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_ERR,
                new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [%c{3.}] (%t) %s%e%n"));
        console.setLevel(level);
        root.setLevel(level);
        root.addHandler(console);
    }

    /** The beans, none made yet, for this configuration on top of the usual. */
    static CommandBeans of(Map<String, String> configuration) {
        return new CommandBeans(config(configuration));
    }

    /**
     * The keys the service reads, from the sources Quarkus reads them from: application.properties
     * (in the class path, then ./config/), the environment, system properties, the profile of
     * quarkus.profile (prod by default); the options' values on top.
     */
    static SmallRyeConfig config(Map<String, String> options) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addSystemSources()
                .withProfile(profile())
                .withConverter(java.time.Duration.class, 200, new DurationConverter())
                .withMapping(ProbeConfig.class)
                .withMapping(DnsConfig.class)
                .withMapping(GuardConfig.class)
                .withMapping(AuditConfig.class)
                .withMapping(TlsScanConfig.class)
                // Quarkus warns about a key it does not know; the command leaves that to the service.
                .withValidateUnknown(false)
                .withSources(new PropertiesConfigSource(options, "headprobe command options", OPTIONS_ORDINAL));
        URL packaged = CommandBeans.class.getClassLoader().getResource("application.properties");
        try {
            if (packaged != null) {
                builder.withSources(new PropertiesConfigSource(packaged, 250));
            }
            Path local = Path.of("config", "application.properties");
            if (Files.isReadable(local)) {
                builder.withSources(new PropertiesConfigSource(local.toUri().toURL(), 260));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties: " + e.getMessage(), e);
        }
        return builder.build();
    }

    private static String profile() {
        String profile = System.getProperty("quarkus.profile", System.getenv("QUARKUS_PROFILE"));
        return profile == null ? "prod" : profile;
    }

    /**
     * The service's JSON mapper, made as Quarkus makes it, in the order of its customizers: its
     * configuration's defaults, the project's customizer, then the modules Quarkus' build registers
     * (Vert.x's JSON types, java.time, Optional, parameter names). CommandBeansTest compares the two.
     */
    static ObjectMapper objectMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        new StrictJson().customize(mapper);
        SimpleModule vertxTypes = new SimpleModule("VertxTypes")
                .addSerializer(JsonArray.class, new JsonArraySerializer())
                .addDeserializer(JsonArray.class, new JsonArrayDeserializer())
                .addSerializer(JsonObject.class, new JsonObjectSerializer())
                .addDeserializer(JsonObject.class, new JsonObjectDeserializer());
        return mapper.registerModules(vertxTypes, new JavaTimeModule(), new Jdk8Module(), new ParameterNamesModule());
    }

    synchronized ObjectMapper json() {
        if (json == null) {
            json = objectMapper();
        }
        return json;
    }

    Prober prober() {
        probing();
        return prober;
    }

    ProbeRequests requests() {
        probing();
        return requests;
    }

    TlsScans tlsScans() {
        probing();
        return tlsScans;
    }

    /** The prober and what it needs, as CDI makes them for the service; metrics go nowhere (no /metrics here). */
    private synchronized void probing() {
        if (prober != null) {
            return;
        }
        ProbeConfig probe = config.getConfigMapping(ProbeConfig.class);
        TlsScanConfig tlsScan = config.getConfigMapping(TlsScanConfig.class);
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(2 * Runtime.getRuntime().availableProcessors())
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        Resolver resolver = new Resolver(vertx, config.getConfigMapping(DnsConfig.class));
        AddressGuard guard = new AddressGuard(config.getConfigMapping(GuardConfig.class));
        ProbeTls tls = new ProbeTls(probe);
        // The prober asks for its TLS scan step only while probing; the step's scans need the prober.
        prober = new Prober(resolver, guard, new HeadFetcher(vertx, probe, tls), probe,
                new ProbeMetrics(new CompositeMeterRegistry()),
                new HstsPreloadFile(config.getConfigMapping(AuditConfig.class)), () -> tlsScanStep);
        tlsScans = new TlsScans(tlsScan, resolver, guard, prober, new JdkCertificateInspector(tls, tlsScan));
        tlsScanStep = new ProbeTlsScan(tlsScans, tlsScan);
        requests = new ProbeRequests(probe);
    }
}
