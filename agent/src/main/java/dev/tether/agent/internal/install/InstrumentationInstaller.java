package dev.tether.agent.internal.install;

import dev.tether.agent.internal.install.weave.WeaverWarmUp;
import dev.tether.bootstrap.ToolContext;
import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns instrumentation modules into one class-file transformer, behind a pre-filter, and
 * retransforms the JDK classes that were loaded before the agent.
 */
public final class InstrumentationInstaller {

  /** -Dtether.debug=true prints every hooked class: for operators checking coverage. */
  private static final boolean DEBUG = Boolean.getBoolean("tether.debug");

  /** Where a framework without its dispatcher is reported: one line on stderr. */
  private static final Consumer<String> STDERR_LINE =
      new Consumer<>() {
        @Override
        public void accept(String line) {
          System.err.println(line);
        }
      };

  private final Instrumentation instrumentation;
  private final ClassLoader agentLoader;

  public InstrumentationInstaller(Instrumentation instrumentation, ClassLoader agentLoader) {
    this.instrumentation = instrumentation;
    this.agentLoader = agentLoader;
  }

  /**
   * Registers the weaving transformer, behind its pre-filter, at once: building it costs nothing,
   * and classes are woven as they load. The JDK executors, loaded before the agent, are
   * retransformed on a background thread, then {@code warmUp} runs there: no tool context exists
   * before the first tool call, which waits for {@link StartupGate} first.
   *
   * @param warmUp run last on the background thread (telemetry), off the first tool call's path
   */
  public void install(List<InstrumentationModule> modules, Runnable warmUp, StartupGate gate) {
    giveJdkModulesAccess(modules);
    Set<String> typeNames = new HashSet<>();
    Set<String> markers = new HashSet<>();
    List<String> retransform = new ArrayList<>();
    List<TypeInstrumentation> instrumentations = new ArrayList<>();
    for (InstrumentationModule module : modules) {
      retransform.addAll(module.retransformAtStartup());
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        instrumentations.add(type);
        typeNames.addAll(type.typeNames());
        markers.addAll(type.constantPoolMarkers());
      }
    }
    DispatcherCoverage coverage = DispatcherCoverage.of(modules, STDERR_LINE);
    typeNames.addAll(coverage.markerTypes()); // a framework's dispatcher is checked as it loads
    PrefilteringTransformer prefilter =
        new PrefilteringTransformer(
            new WeavingTransformer(instrumentations, WeavingTransformer.STDERR, coverage),
            typeNames,
            markers,
            agentLoader);
    instrumentation.addTransformer(prefilter, true);
    Thread init = new Thread(new BackgroundStartup(retransform, warmUp, gate), "tether-init");
    init.setDaemon(true);
    init.start();
  }

  /**
   * The start-up work that can wait: the weaver's own classes, the executors loaded before
   * premain, then {@code warmUp}; the gate opens when it is done, whatever happened. A named class,
   * not a lambda: premain spins no class for it.
   */
  private final class BackgroundStartup implements Runnable {
    private final List<String> retransform;
    private final Runnable warmUp;
    private final StartupGate gate;

    BackgroundStartup(List<String> retransform, Runnable warmUp, StartupGate gate) {
      this.retransform = retransform;
      this.warmUp = warmUp;
      this.gate = gate;
    }

    @Override
    public void run() {
      try {
        long start = System.nanoTime();
        WeaverWarmUp.run();
        retransformLoaded(retransform);
        long retransformed = System.nanoTime();
        warmUp.run();
        if (DEBUG) {
          System.err.printf(
              "[tether] start-up: weaver and executors %d ms, warm-up %d ms%n",
              (retransformed - start) / 1_000_000,
              (System.nanoTime() - retransformed) / 1_000_000);
        }
      } catch (RuntimeException | LinkageError e) {
        System.err.println("[tether] background start-up failed: " + e);
      } finally {
        gate.open();
      }
    }
  }

  /**
   * Code woven into the JDK's modules (java.base, java.net.http) refers to the bridge in the
   * bootstrap loader's unnamed module: they must read it, or the first call fails with
   * IllegalAccessError. The packages the modules ask for are opened to the agent's loader alone.
   */
  private void giveJdkModulesAccess(List<InstrumentationModule> modules) {
    Module bridge = ToolContext.class.getModule();
    Set<Module> agent = Set.of(agentLoader.getUnnamedModule());
    for (String name : List.of("java.base", "java.net.http")) {
      Module named = ModuleLayer.boot().findModule(name).orElse(null);
      if (named == null) {
        continue;
      }
      Set<String> packages = named.getPackages();
      Map<String, Set<Module>> opens = new HashMap<>();
      for (InstrumentationModule module : modules) {
        for (String pkg : module.jdkPackagesOpenedToAgent().getOrDefault(name, List.of())) {
          if (packages.contains(pkg)) { // a JDK without it: the code that needs it falls back
            opens.put(pkg, agent);
          }
        }
      }
      instrumentation.redefineModule(named, Set.of(bridge), Map.of(), opens, Set.of(), Map.of());
    }
  }

  /**
   * Retransforms those of {@code classNames} that are loaded already; the others are woven when
   * they load. Loading them here would weave them twice (at load, then again on retransform).
   */
  private void retransformLoaded(List<String> classNames) {
    Set<String> wanted = new HashSet<>(classNames);
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      ClassLoader loader = type.getClassLoader();
      if ((loader == null || loader == ClassLoader.getPlatformClassLoader())
          && wanted.contains(type.getName())
          && instrumentation.isModifiableClass(type)) {
        loaded.add(type);
      }
    }
    if (!loaded.isEmpty()) {
      try {
        instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
      } catch (Exception | LinkageError e) {
        WeavingTransformer.STDERR.accept(loaded + " (they run unhooked): " + e);
      }
    }
  }
}
