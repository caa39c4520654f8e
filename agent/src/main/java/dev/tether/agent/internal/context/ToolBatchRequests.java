package dev.tether.agent.internal.context;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests of a framework's tool phase, as the iterable of request objects that {@link
 * DispatchedTools#names} reads, whatever the hook was given:
 *
 * <ul>
 *   <li>an {@code Iterable} of requests (LangChain4j's {@code List<ToolExecutionRequest>}): as is;
 *   <li>a model response with {@code getResults()} (Spring AI's {@code ChatResponse}): the tool
 *       calls of its first result whose {@code getOutput().getToolCalls()} holds any, the calls
 *       {@code DefaultToolCallingManager} runs;
 *   <li>a message with {@code getToolCalls()} (Spring AI's {@code AssistantMessage}): its calls;
 *   <li>an event with {@code functionCalls()} (Google ADK's {@code Event}, a model response): its
 *       function calls, the calls {@code Functions.handleFunctionCalls} runs.
 * </ul>
 *
 * Each tool call ({@code AssistantMessage.ToolCall}) has a public {@code name()} and {@code id()};
 * ADK's {@code FunctionCall} a public {@code name()} returning an {@code Optional}.
 * Read reflectively through public methods: the agent's loader cannot see the framework's
 * classes. What cannot be read gives no requests (the turn then holds no tool, so its calls are
 * refused), reported once per type.
 */
public final class ToolBatchRequests {

  /**
   * A type's {@code getToolCalls()} / {@code functionCalls()} / {@code getResults()} / {@code
   * getOutput()}, or null.
   */
  private static final ClassValue<Accessors> ACCESSORS =
      new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
          return new Accessors(
              publicMethod(type, "getToolCalls"),
              publicMethod(type, "functionCalls"),
              publicMethod(type, "getResults"),
              publicMethod(type, "getOutput"));
        }
      };

  private record Accessors(Method toolCalls, Method functionCalls, Method results, Method output) {}

  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

  private ToolBatchRequests() {}

  /** The requests {@code origin} holds, as an {@code Iterable} (empty when none can be read). */
  public static Iterable<?> of(Object origin, String hookedType) {
    if (origin instanceof Iterable) {
      return (Iterable<?>) origin;
    }
    if (origin == null) {
      return List.of();
    }
    Accessors accessors = ACCESSORS.get(origin.getClass());
    if (accessors.toolCalls() != null) {
      Object calls = read(accessors.toolCalls(), origin);
      return calls instanceof Iterable ? (Iterable<?>) calls : List.of();
    }
    if (accessors.functionCalls() != null) {
      Object calls = read(accessors.functionCalls(), origin);
      return calls instanceof Iterable ? (Iterable<?>) calls : List.of();
    }
    if (accessors.results() != null) {
      Object results = read(accessors.results(), origin);
      if (results instanceof Iterable) {
        for (Object result : (Iterable<?>) results) {
          Iterable<?> calls = callsOfResult(result);
          if (calls.iterator().hasNext()) {
            return calls;
          }
        }
      }
      return List.of();
    }
    if (REPORTED.add(origin.getClass().getName())) {
      System.err.println(
          "[tether] " + DispatchedTools.framework(hookedType) + " ran a tool phase for a "
              + origin.getClass().getName() + ", whose tool calls Tether cannot read; the turn"
              + " holds no tool, so its tool calls are refused");
    }
    return List.of();
  }

  /** A result's {@code getOutput().getToolCalls()}, or nothing. */
  private static Iterable<?> callsOfResult(Object result) {
    if (result == null) {
      return List.of();
    }
    Method output = ACCESSORS.get(result.getClass()).output();
    Object message = output == null ? null : read(output, result);
    if (message == null) {
      return List.of();
    }
    Method toolCalls = ACCESSORS.get(message.getClass()).toolCalls();
    Object calls = toolCalls == null ? null : read(toolCalls, message);
    return calls instanceof Iterable ? (Iterable<?>) calls : List.of();
  }

  private static Method publicMethod(Class<?> type, String name) {
    try {
      return type.getMethod(name);
    } catch (NoSuchMethodException | SecurityException e) {
      return null;
    }
  }

  private static Object read(Method accessor, Object target) {
    try {
      return accessor.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
      return null;
    }
  }
}
