package dev.tether.agent.internal.context;

import dev.tether.agent.internal.config.BoundarySpec;
import dev.tether.agent.internal.config.TetherConfig;
import dev.tether.agent.internal.config.ToolConfig;
import dev.tether.instrumentation.tools.ToolBoundaryInstrumentationModule;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the tool a hooked method stands for, once per method: a configured {@code class#method}
 * boundary wins; otherwise the {@code name} of its {@code @Tool} annotation, or the method name.
 */
public final class ToolBoundaries {

  /** What a hooked method is: the tool's name and its configuration entry, if any. */
  public record Binding(String toolName, ToolConfig config, String key) {}

  private final TetherConfig config;
  private final ConcurrentHashMap<String, Binding> bindings = new ConcurrentHashMap<>();
  private final DispatchedTools dispatched;

  public ToolBoundaries(TetherConfig config) {
    this.config = config;
    this.dispatched = new DispatchedTools(config);
  }

  /** Tool calls named by a framework's dispatcher rather than by a hooked method. */
  public DispatchedTools dispatched() {
    return dispatched;
  }

  public Binding resolve(Class<?> type, String methodName, String descriptor) {
    String key = type.getName() + "#" + methodName + descriptor;
    return bindings.computeIfAbsent(key, k -> bind(type, methodName, descriptor, k));
  }

  private Binding bind(Class<?> type, String methodName, String descriptor, String key) {
    for (ToolConfig tool : config.tools()) {
      BoundarySpec boundary = tool.boundary();
      if (boundary != null
          && boundary.className().equals(type.getName())
          && (boundary.methodName().equals("*") || boundary.methodName().equals(methodName))) {
        return new Binding(tool.name(), tool, key);
      }
    }
    String name = annotatedName(type, methodName, descriptor).orElse(methodName);
    ToolConfig tool =
        config.tools().stream()
            .filter(t -> t.boundary() == null && t.name().equals(name))
            .findFirst()
            .orElse(null);
    return new Binding(name, tool, key);
  }

  private static Optional<String> annotatedName(Class<?> type, String methodName, String descriptor) {
    for (Method method : type.getDeclaredMethods()) {
      if (!method.getName().equals(methodName) || !descriptor.equals(Descriptors.of(method))) {
        continue;
      }
      for (Annotation annotation : method.getAnnotations()) {
        Class<? extends Annotation> annotationType = annotation.annotationType();
        if (ToolBoundaryInstrumentationModule.TOOL_ANNOTATIONS.contains(annotationType.getName())) {
          try {
            Object name = annotationType.getMethod("name").invoke(annotation);
            if (name instanceof String && !((String) name).isBlank()) {
              return Optional.of((String) name);
            }
          } catch (ReflectiveOperationException noNameAttribute) {
            // older annotation versions: the method name is the tool name
          }
        }
      }
    }
    return Optional.empty();
  }
}
