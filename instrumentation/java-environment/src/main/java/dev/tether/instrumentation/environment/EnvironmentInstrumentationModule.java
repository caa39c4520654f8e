package dev.tether.instrumentation.environment;

import static dev.tether.instrumentation.api.MethodMatcher.descriptorStartsWith;
import static dev.tether.instrumentation.api.MethodMatcher.named;
import static dev.tether.instrumentation.api.MethodMatcher.withCode;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.BridgeMethod;
import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.MethodMatcher;
import dev.tether.instrumentation.api.TypeInstrumentation;
import dev.tether.instrumentation.api.TypeNames;
import java.util.List;
import java.util.Set;

/**
 * Environment hygiene: inside a tool call, the configured secret variables are absent from {@code
 * System.getenv(name)} and {@code System.getenv()}, and from the environment of every process
 * started ({@code ProcessBuilder.start} and {@code Runtime.exec} both end in {@code
 * ProcessImpl.start}). Installed only when the configuration names variables to hide.
 */
public final class EnvironmentInstrumentationModule implements InstrumentationModule {

  static final String SYSTEM = "java.lang.System";
  static final String PROCESS_IMPL = "java.lang.ProcessImpl";
  private static final String HOOKS = "dev/tether/bootstrap/EnvironmentHooks";
  private static final String MAP = "Ljava/util/Map;";

  @Override
  public String name() {
    return "environment";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new EnvironmentInstrumentation());
  }

  @Override
  public List<String> retransformAtStartup() {
    return List.of(SYSTEM, PROCESS_IMPL);
  }

  static final class EnvironmentInstrumentation implements TypeInstrumentation {

    private static final List<MethodHook> SYSTEM_HOOKS = List.of(
        new MethodHook(
            withCode().and(named("getenv")).and(descriptorStartsWith("(Ljava/lang/String;)")),
            new Advice.WrapArgument(0, BridgeMethod.of(HOOKS, "variableName",
                "(Ljava/lang/String;)Ljava/lang/String;"))),
        new MethodHook(
            withCode().and(named("getenv")).and(descriptorStartsWith("()")),
            new Advice.FilterReturn(
                BridgeMethod.of(HOOKS, "variables", "(" + MAP + ")" + MAP), List.of())));

    // ProcessImpl.start(String[] cmdarray, Map environment, String dir, Redirect[], boolean)
    private static final MethodMatcher PROCESS_START = withCode().and(named("start"))
        .and(descriptorStartsWith("([Ljava/lang/String;" + MAP));

    private static final List<MethodHook> PROCESS_HOOKS = List.of(
        new MethodHook(PROCESS_START, new Advice.WrapArgument(1,
            BridgeMethod.of(HOOKS, "childEnvironment", "(" + MAP + ")" + MAP))));

    @Override
    public Set<String> typeNames() {
      return TypeNames.internal(List.of(SYSTEM, PROCESS_IMPL));
    }

    @Override
    public List<MethodHook> hooksFor(String internalName) {
      return internalName.equals("java/lang/System") ? SYSTEM_HOOKS : PROCESS_HOOKS;
    }
  }
}
