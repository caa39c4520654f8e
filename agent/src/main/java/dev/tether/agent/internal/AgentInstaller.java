package dev.tether.agent.internal;

import dev.tether.agent.internal.aws.AwsCredentialIssuer;
import dev.tether.agent.internal.aws.AwsRequestGuard;
import dev.tether.agent.internal.config.BoundarySpec;
import dev.tether.agent.internal.config.ConfigException;
import dev.tether.agent.internal.config.ConfigLoader;
import dev.tether.agent.internal.config.TetherConfig;
import dev.tether.agent.internal.config.ToolConfig;
import dev.tether.agent.internal.context.Derivations;
import dev.tether.agent.internal.context.ToolBoundaries;
import dev.tether.agent.internal.install.HelperInjector;
import dev.tether.agent.internal.install.InstrumentationInstaller;
import dev.tether.agent.internal.install.StartupGate;
import dev.tether.agent.internal.task.GrantSource;
import dev.tether.agent.internal.apitoken.ApiTokenIssuer;
import dev.tether.agent.internal.http.HttpRequestGuard;
import dev.tether.bootstrap.EnvironmentHooks;
import dev.tether.instrumentation.environment.EnvironmentInstrumentationModule;
import dev.tether.instrumentation.http.HttpClientsInstrumentationModule;
import dev.tether.agent.internal.attest.Attestors;
import dev.tether.agent.internal.attest.WorkloadAttestation;
import dev.tether.agent.internal.task.TaskSessions;
import dev.tether.agent.internal.telemetry.Telemetry;
import dev.tether.agent.internal.vault.VaultClient;
import dev.tether.agent.internal.vault.VaultEndpoint;
import dev.tether.bootstrap.TetherBridge;
import dev.tether.bootstrap.TetherDispatcher;
import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.awssdk.v2.AwsSdkInstrumentationModule;
import dev.tether.instrumentation.concurrent.JavaConcurrentInstrumentationModule;
import dev.tether.instrumentation.embabel.EmbabelInstrumentationModule;
import dev.tether.instrumentation.googleadk.GoogleAdkInstrumentationModule;
import dev.tether.instrumentation.langchain4j.LangChain4jInstrumentationModule;
import dev.tether.instrumentation.mcp.McpInstrumentationModule;
import dev.tether.instrumentation.semantickernel.SemanticKernelInstrumentationModule;
import dev.tether.instrumentation.springai.SpringAiInstrumentationModule;
import dev.tether.instrumentation.tools.ToolBoundaryInstrumentationModule;
import dev.tether.instrumentation.tools.ToolBoundaryInstrumentationModule.MethodRef;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * premain's second half, inside the agent's own loader. Reads the configuration, installs the
 * dispatcher, then the hooks. Nothing here talks to the network or starts telemetry: those wait for
 * the first tool call.
 */
public final class AgentInstaller {

  private static final boolean DEBUG = Boolean.getBoolean("tether.debug");

  private AgentInstaller() {}

  public static void install(Instrumentation instrumentation, String agentArgs, ClassLoader agentLoader) {
    long start = System.nanoTime();
    List<InstrumentationModule> modules;
    StartupGate gate = new StartupGate();
    Runnable warmUp = NO_WARM_UP;
    long configured = start;
    try {
      TetherConfig config = ConfigLoader.locateAndLoad(agentArgs, ClassLoader.getSystemClassLoader());
      configured = System.nanoTime();
      EnvironmentHooks.hide(config.hiddenEnvironment());
      modules = modules(config);
      Telemetry telemetry = new Telemetry(config.telemetryExporter());
      VaultClient vault = new VaultClient(new VaultEndpoint(config.vault(), config.source()));
      TaskSessions sessions = sessions(config, telemetry, vault);
      TetherBridge.install(
          dispatcher(config, telemetry, vault, sessions, helperInjector(agentLoader, modules), gate));
      warmUp = new StartupWarmUp(telemetry, vault, sessions);
    } catch (ConfigException e) {
      String firstProblem = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).toString();
      System.err.println(
          "[tether] configuration error (" + e.problems().size() + " problem(s)), first: " + firstProblem
              + "; run 'java -jar tether-agent.jar check FILE' for all of them. AWS credential use is refused.");
      modules = refuseEverything("the Tether configuration is invalid: " + firstProblem, agentLoader);
    } catch (RuntimeException | LinkageError e) {
      System.err.println("[tether] failed to start: " + e + "; AWS credential use is refused.");
      modules = refuseEverything("Tether failed to start (" + e + ")", agentLoader);
    }
    long dispatching = System.nanoTime();
    installHooks(instrumentation, agentLoader, modules, warmUp, gate);
    if (DEBUG) {
      System.err.printf(
          "[tether] premain: configuration %d ms, dispatcher %d ms, hooks %d ms%n",
          (configured - start) / 1_000_000,
          (dispatching - configured) / 1_000_000,
          (System.nanoTime() - dispatching) / 1_000_000);
    }
  }

  /**
   * The dispatcher premain would install, for running Tether's per-request path without {@code
   * -javaagent}: in-process benchmarks that compare an SDK client with and without Tether's
   * interceptor in one JVM. Helper classes are read as class-file resources of {@code classes}.
   */
  public static TetherDispatcher inProcessDispatcher(TetherConfig config, ClassLoader classes) {
    Telemetry telemetry = new Telemetry(config.telemetryExporter());
    VaultClient vault = new VaultClient(new VaultEndpoint(config.vault(), config.source()));
    return dispatcher(
        config,
        telemetry,
        vault,
        sessions(config, telemetry, vault),
        HelperInjector.fromResources(classes, helperNames(modules(config))),
        StartupGate.opened());
  }

  private static TetherDispatcher dispatcher(
      TetherConfig config,
      Telemetry telemetry,
      VaultClient vault,
      TaskSessions sessions,
      HelperInjector helpers,
      StartupGate gate) {
    VaultEndpoint endpoint = vault.endpoint();
    Derivations derivations = new Derivations(telemetry, config.turnRule());
    AwsRequestGuard guard =
        new AwsRequestGuard(
            config.outsideTools(),
            new AwsCredentialIssuer(vault, sessions, derivations, telemetry),
            sessions,
            endpoint,
            telemetry,
            config.source());
    ApiTokenIssuer apiTokens = new ApiTokenIssuer(vault, sessions, derivations, telemetry);
    return new AgentDispatcher(
        new ToolBoundaries(config), sessions, derivations, guard, apiTokens,
        new HttpRequestGuard(config.apis(), apiTokens, telemetry, config.source(), helpers),
        helpers,
        telemetry, gate);
  }

  static TaskSessions sessions(TetherConfig config, Telemetry telemetry, VaultClient vault) {
    WorkloadAttestation attestation = new WorkloadAttestation(
        Attestors.create(config.attestation()), vault, telemetry, config.attestation().refresh());
    return new TaskSessions(
        new GrantSource(), vault, attestation, telemetry, TaskSessions.agentName(),
        config.vault().revocationPoll());
  }

  /** Hooks still go in, so that every credential use meets a refusal that names the reason. */
  private static List<InstrumentationModule> refuseEverything(String reason, ClassLoader agentLoader) {
    List<InstrumentationModule> modules = modules(TetherConfig.defaults());
    TetherBridge.install(new RefusingDispatcher(reason, helperInjector(agentLoader, modules)));
    return modules;
  }

  private static void installHooks(
      Instrumentation instrumentation,
      ClassLoader agentLoader,
      List<InstrumentationModule> modules,
      Runnable warmUp,
      StartupGate gate) {
    new InstrumentationInstaller(instrumentation, agentLoader).install(modules, warmUp, gate);
  }

  private static List<InstrumentationModule> modules(TetherConfig config) {
    List<MethodRef> tools = new ArrayList<>();
    for (ToolConfig tool : config.tools()) {
      if (tool.boundary() != null) {
        tools.add(ref(tool.boundary()));
      }
    }
    List<MethodRef> turns = new ArrayList<>();
    for (BoundarySpec turn : config.turnBoundaries()) {
      turns.add(ref(turn));
    }
    List<InstrumentationModule> modules = new ArrayList<>();
    modules.add(new JavaConcurrentInstrumentationModule());
    modules.add(new AwsSdkInstrumentationModule());
    modules.add(new ToolBoundaryInstrumentationModule(tools, turns));
    modules.add(new LangChain4jInstrumentationModule());
    modules.add(new SemanticKernelInstrumentationModule());
    modules.add(new EmbabelInstrumentationModule());
    modules.add(new GoogleAdkInstrumentationModule());
    modules.add(new McpInstrumentationModule());
    modules.add(new SpringAiInstrumentationModule());
    modules.add(new HttpClientsInstrumentationModule());
    if (!config.hiddenEnvironment().isEmpty()) {
      // Only then: it weaves java.lang.System, which no configuration without secrets needs.
      modules.add(new EnvironmentInstrumentationModule());
    }
    return List.copyOf(modules);
  }

  private static MethodRef ref(BoundarySpec spec) {
    return new MethodRef(spec.className(), spec.methodName());
  }

  /**
   * Helpers of every module, read from the agent jar through {@code AgentClassLoader.classBytes}
   * (reflectively: that class is loaded by the system loader, not by this one).
   */
  private static HelperInjector helperInjector(
      ClassLoader agentLoader, List<InstrumentationModule> modules) {
    Method classBytes;
    try {
      classBytes = agentLoader.getClass().getMethod("classBytes", String.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("the agent loader cannot read helper classes", e);
    }
    return new HelperInjector(new AgentJarClassFiles(agentLoader, classBytes), helperNames(modules));
  }

  private static List<String> helperNames(List<InstrumentationModule> modules) {
    List<String> names = new ArrayList<>();
    for (InstrumentationModule module : modules) {
      names.addAll(module.helperClassNames());
    }
    return names;
  }

  // Named classes rather than lambdas on premain's path: each lambda is a class spun at run time.

  private static final Runnable NO_WARM_UP = new StartupWarmUp(null, null, null);

  /**
   * Work done on the start-up thread rather than at the first tool call: the telemetry pipeline,
   * the workload key with one throw-away proof (the JDK's Ed25519 costs ~110 ms the first time
   * in a JVM, ~2 ms after), and, when the runtime has handed over a grant, attestation and
   * redemption, so that a launcher's ticket is spent on this JVM's key early (this thread runs
   * beside the application's main; only tool and turn boundaries wait for it).
   */
  private static final class StartupWarmUp implements Runnable {
    private final Telemetry telemetry;
    private final VaultClient vault;
    private final TaskSessions sessions;

    StartupWarmUp(Telemetry telemetry, VaultClient vault, TaskSessions sessions) {
      this.telemetry = telemetry;
      this.vault = vault;
      this.sessions = sessions;
    }

    @Override
    public void run() {
      if (telemetry != null) {
        telemetry.warmUp();
      }
      if (vault != null) {
        vault.prepareWorkloadKey();
      }
      if (sessions != null) {
        sessions.prepare();
      }
    }
  }

  private static final class AgentJarClassFiles implements Function<String, byte[]> {
    private final ClassLoader agentLoader;
    private final Method classBytes;

    AgentJarClassFiles(ClassLoader agentLoader, Method classBytes) {
      this.agentLoader = agentLoader;
      this.classBytes = classBytes;
    }

    @Override
    public byte[] apply(String name) {
      try {
        return (byte[]) classBytes.invoke(agentLoader, name);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("the agent loader cannot read " + name, e);
      }
    }
  }
}
