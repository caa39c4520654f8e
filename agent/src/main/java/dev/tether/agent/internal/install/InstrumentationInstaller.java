package dev.tether.agent.internal.install;

import dev.tether.bootstrap.ToolContext;
import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Turns instrumentation modules into one class-file transformer, behind a pre-filter, and
 * retransforms the JDK classes that were loaded before the agent.
 */
public final class InstrumentationInstaller {

  /** -Dtether.debug=true prints every hooked class: for operators checking coverage. */
  private static final boolean DEBUG = Boolean.getBoolean("tether.debug");

  private final Instrumentation instrumentation;
  private final ClassLoader agentLoader;
  private final List<String> errors = new CopyOnWriteArrayList<>();

  public InstrumentationInstaller(Instrumentation instrumentation, ClassLoader agentLoader) {
    this.instrumentation = instrumentation;
    this.agentLoader = agentLoader;
  }

  /**
   * Registers the pre-filtering transformer at once and builds Byte Buddy on a background thread,
   * so that premain returns in milliseconds and the expensive part overlaps the application's own
   * start-up on another core. A candidate class that loads before Byte Buddy is ready waits for it
   * (Byte Buddy's construction loads no application class, so the wait cannot deadlock). The JDK
   * executors are retransformed after that, from the same thread: no tool context exists before
   * the first tool call, which waits for {@link StartupGate} first.
   *
   * @param warmUp run last on the background thread (telemetry, JSON), off the first tool call's path
   */
  public void install(List<InstrumentationModule> modules, Runnable warmUp, StartupGate gate) {
    giveJavaBaseAccessToBridge();
    Set<String> typeNames = new HashSet<>();
    Set<String> markers = new HashSet<>();
    Set<String> deferred = new HashSet<>();
    List<String> retransform = new ArrayList<>();
    for (InstrumentationModule module : modules) {
      retransform.addAll(module.retransformAtStartup());
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        typeNames.addAll(type.typeNames());
        markers.addAll(type.byteMarkers());
      }
    }
    retransform.forEach(name -> deferred.add(name.replace('.', '/')));
    FutureTask<ClassFileTransformer> byteBuddy = new FutureTask<>(() -> buildByteBuddy(modules));
    PrefilteringTransformer prefilter =
        new PrefilteringTransformer(
            new AwaitingTransformer(byteBuddy, errors), typeNames, markers, deferred, agentLoader);
    instrumentation.addTransformer(prefilter, true);
    Thread init =
        new Thread(
            () -> {
              try {
                long start = System.nanoTime();
                byteBuddy.run();
                long built = System.nanoTime();
                prefilter.enableDeferred();
                retransformLoaded(retransform);
                long retransformed = System.nanoTime();
                warmUp.run();
                if (DEBUG) {
                  System.err.printf(
                      "[tether] start-up: Byte Buddy %d ms, executors %d ms, warm-up %d ms%n",
                      (built - start) / 1_000_000,
                      (retransformed - built) / 1_000_000,
                      (System.nanoTime() - retransformed) / 1_000_000);
                }
              } catch (RuntimeException | LinkageError e) {
                errors.add("background start-up: " + e);
                System.err.println("[tether] background start-up failed: " + e);
              } finally {
                gate.open();
              }
            },
            "tether-init");
    init.setDaemon(true);
    init.start();
  }

  private ClassFileTransformer buildByteBuddy(List<InstrumentationModule> modules) {
    AgentBuilder builder =
        new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.DISABLED)
            .with(AgentBuilder.PoolStrategy.Default.FAST)
            .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
            .with(
                AgentBuilder.LocationStrategy.ForClassLoader.STRONG.withFallbackTo(
                    ClassFileLocator.ForClassLoader.of(agentLoader)))
            .with(new ErrorListener(errors))
            .ignore(net.bytebuddy.matcher.ElementMatchers.none());
    for (InstrumentationModule module : modules) {
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        builder = builder.type(type.typeMatcher()).transform(adviceFor(type));
      }
    }
    return builder.makeRaw();
  }

  /** Byte Buddy errors seen so far, e.g. a class that failed to transform. */
  public List<String> errors() {
    return errors;
  }

  /**
   * Advice is described from its class file, resolved against the instrumented type's loader and
   * the agent's: never by reflection in the agent loader, which cannot see the library's types.
   */
  private AgentBuilder.Transformer adviceFor(TypeInstrumentation type) {
    AgentBuilder.Transformer.ForAdvice[] advice = {
      new AgentBuilder.Transformer.ForAdvice()
          .include(agentLoader)
          .withExceptionHandler(net.bytebuddy.asm.Advice.ExceptionHandler.Default.PRINTING)
    };
    type.transform(
        (methodMatcher, adviceClass) ->
            advice[0] = advice[0].advice(methodMatcher, adviceClass.getName()));
    return advice[0];
  }

  /**
   * Advice inlined into java.base refers to the bridge in the bootstrap loader's unnamed module:
   * java.base must read it, or the first call fails with IllegalAccessError.
   */
  private void giveJavaBaseAccessToBridge() {
    Module bridge = ToolContext.class.getModule();
    for (Module named : List.of(Object.class.getModule())) {
      instrumentation.redefineModule(named, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
    }
  }

  private void retransformLoaded(List<String> classNames) {
    List<Class<?>> loaded = new ArrayList<>();
    for (String name : classNames) {
      try {
        Class<?> type = Class.forName(name, false, null);
        if (instrumentation.isModifiableClass(type)) {
          loaded.add(type);
        }
      } catch (ClassNotFoundException absentOnThisJdk) {
        // e.g. ThreadPerTaskExecutor before JDK 21
      }
    }
    if (!loaded.isEmpty()) {
      try {
        instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
      } catch (Exception | LinkageError e) {
        errors.add("retransforming " + loaded + ": " + e);
      }
    }
  }

  private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
    private final List<String> errors;

    ErrorListener(List<String> errors) {
      this.errors = errors;
    }

    @Override
    public void onTransformation(
        TypeDescription typeDescription,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        DynamicType dynamicType) {
      if (DEBUG) {
        System.err.println("[tether] hooked " + typeDescription.getName());
      }
    }

    @Override
    public void onError(
        String typeName,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        Throwable throwable) {
      errors.add(typeName + ": " + throwable);
      if (DEBUG) {
        System.err.println("[tether] could not hook " + typeName + ": " + throwable);
        throwable.printStackTrace();
      }
    }
  }
}
