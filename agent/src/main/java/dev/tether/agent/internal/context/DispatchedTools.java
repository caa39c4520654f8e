package dev.tether.agent.internal.context;

import dev.tether.agent.internal.config.TetherConfig;
import dev.tether.agent.internal.config.ToolConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tool calls as a framework's dispatcher sees them: an object that names the tool, read
 * reflectively because the agent's loader cannot see the framework's classes. The name is the tool
 * the model asked for; it maps to the configured tool of that name ({@code tools[].name}). A name
 * with no entry runs outside any tool scope, reported once.
 *
 * <p>The name is read through the first of these public methods the object's class has: {@code
 * name()} (LangChain4j's {@code ToolExecutionRequest}, MCP's {@code CallToolRequest} and {@code
 * Tool}, Google ADK's {@code BaseTool}), {@code name()} returning an {@code Optional} (the {@code
 * FunctionCall} of Google ADK's model responses), {@code getToolDefinition().name()} (Spring AI's
 * {@code ToolCallback}), {@code getName()}. The call id, where there is one, through {@code id()},
 * {@code getId()} or {@code functionCallId()} (see {@link #callId}).
 */
public final class DispatchedTools {

  /** A request type's name and id accessors, looked up once per class. */
  private static final ClassValue<Accessors> ACCESSORS =
      new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
          return new Accessors(nameChain(type), idAccessor(type));
        }
      };

  /** The first of {@code id()}, {@code getId()} (Embabel's {@code ToolCall}), {@code functionCallId()}. */
  private static Method idAccessor(Class<?> type) {
    Method id = publicMethod(type, "id");
    if (id == null) {
      id = publicMethod(type, "getId");
    }
    return id != null ? id : publicMethod(type, "functionCallId", Optional.class);
  }

  /** {@code name} is a chain: each method is called on the previous one's result. */
  private record Accessors(List<Method> name, Method id) {}

  private final TetherConfig config;
  private final ConcurrentHashMap<String, ToolBoundaries.Binding> bindings = new ConcurrentHashMap<>();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  public DispatchedTools(TetherConfig config) {
    this.config = config;
  }

  /** The request's tool name, or {@code null} (reported once per type) when it has none. */
  public String name(Object request, String hookedType) {
    if (request == null) {
      return null;
    }
    Object name = present(readChain(ACCESSORS.get(request.getClass()).name(), request));
    if (name instanceof String && !((String) name).isEmpty()) {
      return (String) name;
    }
    report("type:" + request.getClass().getName(),
        "[tether] " + framework(hookedType) + " dispatched a " + request.getClass().getName()
            + " without a readable name() or getToolDefinition().name(); the call runs outside any"
            + " tool scope");
    return null;
  }

  /**
   * The call id the framework gave this call (the model's tool-call id), or {@code null}: {@code
   * id()} of the request, or {@code functionCallId()} (an {@code Optional}) of Google ADK's {@code
   * ToolContext}.
   */
  public String callId(Object source) {
    Object id = source == null ? null : present(read(ACCESSORS.get(source.getClass()).id(), source));
    return id instanceof String && !((String) id).isEmpty() ? (String) id : null;
  }

  /**
   * The configured tool named {@code name}, or {@code null} when the configuration has none: the
   * call then runs outside any tool scope (reported once per name).
   */
  public ToolBoundaries.Binding binding(String name, String hookedType) {
    ToolBoundaries.Binding known = bindings.get(name);
    if (known != null) {
      return known;
    }
    for (ToolConfig tool : config.tools()) {
      if (tool.name().equals(name)) {
        ToolBoundaries.Binding binding = new ToolBoundaries.Binding(name, tool, "dispatch:" + name);
        ToolBoundaries.Binding raced = bindings.putIfAbsent(name, binding);
        return raced == null ? binding : raced;
      }
    }
    report("name:" + name,
        "[tether] " + framework(hookedType) + " tool '" + name + "' has no entry under 'tools:' in"
            + " Tether's configuration; its calls run outside any tool scope, where AWS requests"
            + " follow 'outside-tools' (denied by default)");
    return null;
  }

  /** The distinct names of {@code requests} (a {@code List} of request objects), in order. */
  public List<String> names(Object requests, String hookedType) {
    Set<String> names = new LinkedHashSet<>();
    if (requests instanceof Iterable) {
      for (Object request : (Iterable<?>) requests) {
        String name = name(request, hookedType);
        if (name != null) {
          names.add(name);
        }
      }
    }
    return new ArrayList<>(names);
  }

  private void report(String key, String line) {
    if (reported.add(key)) {
      System.err.println(line);
    }
  }

  private static final String[][] FRAMEWORKS = {
    {"dev.langchain4j.", "LangChain4j"},
    {"io.quarkiverse.langchain4j.", "Quarkus LangChain4j"},
    {"org.springframework.ai.", "Spring AI"},
    {"io.modelcontextprotocol.", "The MCP Java SDK"},
    {"com.google.adk.", "Google ADK"},
    {"com.microsoft.semantickernel.", "Semantic Kernel"},
    {"com.embabel.", "Embabel"},
  };

  /** The framework a hooked type belongs to, for messages. */
  static String framework(String hookedType) {
    if (hookedType != null) {
      for (String[] framework : FRAMEWORKS) {
        if (hookedType.startsWith(framework[0])) {
          return framework[1];
        }
      }
    }
    return "the tool dispatcher " + hookedType;
  }

  /** The first name accessor {@code type} has, as a chain of public methods; empty if none. */
  private static List<Method> nameChain(Class<?> type) {
    Method name = publicMethod(type, "name");
    if (name == null) {
      name = publicMethod(type, "name", Optional.class); // Google ADK's FunctionCall
    }
    if (name != null) {
      return List.of(name);
    }
    Method definition = publicMethod(type, "getToolDefinition", Object.class);
    if (definition != null) {
      Method definitionName = publicMethod(definition.getReturnType(), "name");
      if (definitionName != null) {
        return List.of(definition, definitionName);
      }
    }
    Method getName = publicMethod(type, "getName");
    return getName == null ? List.of() : List.of(getName);
  }

  private static Method publicMethod(Class<?> type, String name) {
    return publicMethod(type, name, String.class);
  }

  /**
   * {@code type}'s public no-argument method {@code name} returning a {@code returns}, or null.
   * When {@code type} is not public (an anonymous or package-private callback), the method is
   * taken from a public supertype that declares it (the framework's interface), which can be
   * called on any instance.
   */
  private static Method publicMethod(Class<?> type, String name, Class<?> returns) {
    try {
      Method method = type.getMethod(name);
      if (!returns.isAssignableFrom(method.getReturnType())) {
        return null;
      }
      return Modifier.isPublic(method.getDeclaringClass().getModifiers())
          ? method
          : callable(type, method);
    } catch (NoSuchMethodException | SecurityException e) {
      return null;
    }
  }

  /** {@code method} as declared by a public supertype of {@code type}, else made accessible. */
  private static Method callable(Class<?> type, Method method) {
    Deque<Class<?>> pending = new ArrayDeque<>();
    pending.add(type);
    while (!pending.isEmpty()) {
      Class<?> candidate = pending.poll();
      if (Modifier.isPublic(candidate.getModifiers())) {
        try {
          return candidate.getMethod(method.getName());
        } catch (NoSuchMethodException e) {
          // not declared here: look further up
        }
      }
      if (candidate.getSuperclass() != null) {
        pending.add(candidate.getSuperclass());
      }
      pending.addAll(Arrays.asList(candidate.getInterfaces()));
    }
    return method.trySetAccessible() ? method : null;
  }

  /** {@code value}, or what it holds when it is an {@code Optional} ({@code null} when empty). */
  private static Object present(Object value) {
    return value instanceof Optional ? ((Optional<?>) value).orElse(null) : value;
  }

  private static Object readChain(List<Method> chain, Object target) {
    Object value = target;
    for (Method accessor : chain) {
      value = read(accessor, value);
      if (value == null) {
        return null;
      }
    }
    return chain.isEmpty() ? null : value;
  }

  private static Object read(Method accessor, Object target) {
    if (accessor == null) {
      return null;
    }
    try {
      return accessor.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
      return null;
    }
  }
}
