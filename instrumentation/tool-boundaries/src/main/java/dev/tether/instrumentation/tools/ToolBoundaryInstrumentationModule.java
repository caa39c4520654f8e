package dev.tether.instrumentation.tools;

import static dev.tether.instrumentation.api.MethodMatcher.annotatedWithAny;
import static dev.tether.instrumentation.api.MethodMatcher.named;
import static dev.tether.instrumentation.api.MethodMatcher.withCode;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.BridgeMethod;
import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.MethodMatcher;
import dev.tether.instrumentation.api.Origin;
import dev.tether.instrumentation.api.TypeInstrumentation;
import dev.tether.instrumentation.api.TypeNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tool and turn boundaries without code changes: methods annotated with LangChain4j's or Spring
 * AI's {@code @Tool} (matched by annotation name, so neither is a dependency), and methods named
 * in configuration as {@code class#method}. Each boundary method runs inside a scope: {@code
 * ToolHooks.enterTool} at entry, {@code ToolHooks.exitTool} on every way out.
 */
public final class ToolBoundaryInstrumentationModule implements InstrumentationModule {

  /** Annotation types whose methods are tools. */
  public static final List<String> TOOL_ANNOTATIONS =
      List.of("dev.langchain4j.agent.tool.Tool", "org.springframework.ai.tool.annotation.Tool");

  private static final String BRIDGE = "dev/tether/bootstrap/ToolHooks";
  private static final String ENTER = "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/String;)Ljava/lang/Object;";
  private static final String EXIT = "(Ljava/lang/Object;Ljava/lang/Throwable;)V";
  private static final List<Origin> ORIGINS =
      List.of(Origin.DECLARING_CLASS, Origin.METHOD_NAME, Origin.METHOD_DESCRIPTOR);

  static final Advice TOOL_SCOPE = scope("enterTool", "exitTool");
  static final Advice TURN_SCOPE = scope("enterTurn", "exitTurn");

  private final List<MethodRef> toolMethods;
  private final List<MethodRef> turnMethods;

  /** A configured boundary: a binary class name and a method name ({@code *} = every method). */
  public record MethodRef(String className, String methodName) {}

  public ToolBoundaryInstrumentationModule(List<MethodRef> toolMethods, List<MethodRef> turnMethods) {
    this.toolMethods = List.copyOf(toolMethods);
    this.turnMethods = List.copyOf(turnMethods);
  }

  @Override
  public String name() {
    return "tool-boundaries";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    List<TypeInstrumentation> result = new ArrayList<>();
    result.add(new AnnotatedToolInstrumentation());
    if (!toolMethods.isEmpty()) {
      result.add(new ConfiguredMethodInstrumentation(toolMethods, TOOL_SCOPE));
    }
    if (!turnMethods.isEmpty()) {
      result.add(new ConfiguredMethodInstrumentation(turnMethods, TURN_SCOPE));
    }
    return result;
  }

  private static Advice scope(String enter, String exit) {
    return new Advice.Scope(
        BridgeMethod.of(BRIDGE, enter, ENTER), ORIGINS, BridgeMethod.of(BRIDGE, exit, EXIT), null);
  }

  static final class AnnotatedToolInstrumentation implements TypeInstrumentation {

    private static final Set<String> DESCRIPTORS = TypeNames.descriptors(TOOL_ANNOTATIONS);

    private static final List<MethodHook> TOOL_METHODS =
        List.of(new MethodHook(withCode().and(annotatedWithAny(DESCRIPTORS)), TOOL_SCOPE));

    @Override
    public Set<String> typeNames() {
      return Set.of();
    }

    @Override
    public Set<String> constantPoolMarkers() {
      return DESCRIPTORS;
    }

    @Override
    public List<MethodHook> hooksFor(String internalName) {
      return TOOL_METHODS;
    }
  }

  /** Methods named in configuration; a type's hook covers only the methods named for that type. */
  static final class ConfiguredMethodInstrumentation implements TypeInstrumentation {

    private final Map<String, List<String>> methodsByType;
    private final Advice advice;

    ConfiguredMethodInstrumentation(List<MethodRef> methods, Advice advice) {
      Map<String, List<String>> byType = new HashMap<>();
      for (MethodRef ref : methods) {
        String type = ref.className().replace('.', '/');
        List<String> names = byType.get(type);
        if (names == null) {
          names = new ArrayList<>();
          byType.put(type, names);
        }
        names.add(ref.methodName());
      }
      this.methodsByType = byType;
      this.advice = advice;
    }

    @Override
    public Set<String> typeNames() {
      return methodsByType.keySet();
    }

    @Override
    public List<MethodHook> hooksFor(String internalName) {
      List<String> names = methodsByType.getOrDefault(internalName, List.of());
      MethodMatcher selected =
          names.contains("*") ? withCode() : withCode().and(named(names.toArray(new String[0])));
      return List.of(new MethodHook(selected, advice));
    }
  }
}
