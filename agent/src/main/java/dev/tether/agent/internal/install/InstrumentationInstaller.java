package dev.tether.agent.internal.install;

import dev.tether.bootstrap.ToolContext;
import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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

  public void install(List<InstrumentationModule> modules) {
    giveJavaBaseAccessToBridge();
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
    Set<String> typeNames = new HashSet<>();
    Set<String> markers = new HashSet<>();
    List<String> retransform = new ArrayList<>();
    for (InstrumentationModule module : modules) {
      retransform.addAll(module.retransformAtStartup());
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        typeNames.addAll(type.typeNames());
        markers.addAll(type.byteMarkers());
        builder = builder.type(type.typeMatcher()).transform(adviceFor(type));
      }
    }
    java.lang.instrument.ClassFileTransformer transformer = builder.makeRaw();
    instrumentation.addTransformer(
        new PrefilteringTransformer(transformer, typeNames, markers, agentLoader), true);
    retransformLoaded(retransform);
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
