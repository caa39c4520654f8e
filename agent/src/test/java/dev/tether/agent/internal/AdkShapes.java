package dev.tether.agent.internal;

import dev.tether.bootstrap.ToolContext;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stands in for Google ADK's tool phase: its {@code Event} (a model response), the {@code
 * FunctionCall}s it holds (accessors returning {@code Optional}, values in a hidden subclass), and
 * a {@code Functions.handleFunctionCalls} whose {@code Maybe} does its work when subscribed;
 * {@link AgentDispatcherDeferredTest} weaves it.
 */
public final class AdkShapes {

  private AdkShapes() {}

  public abstract static class FunctionCall {
    public abstract Optional<String> name();

    public abstract Optional<String> id();
  }

  private static final class GeneratedFunctionCall extends FunctionCall {
    private final String name;
    private final String id;

    GeneratedFunctionCall(String name, String id) {
      this.name = name;
      this.id = id;
    }

    @Override
    public Optional<String> name() {
      return Optional.of(name);
    }

    @Override
    public Optional<String> id() {
      return Optional.of(id);
    }
  }

  public static final class Event {
    private final List<FunctionCall> functionCalls;

    Event(List<FunctionCall> functionCalls) {
      this.functionCalls = functionCalls;
    }

    public List<FunctionCall> functionCalls() {
      return functionCalls;
    }
  }

  /** A model response asking for these tools, in this order. */
  public static Event response(String... tools) {
    FunctionCall[] calls = new FunctionCall[tools.length];
    for (int i = 0; i < tools.length; i++) {
      calls[i] = new GeneratedFunctionCall(tools[i], "adk-" + i);
    }
    return new Event(List.of(calls));
  }

  /** The tool phase: its work answers the tool context it ran in, on an io thread. */
  public static Maybe<Object> handleFunctionCalls(Object context, Event event, Map<String, ?> tools) {
    if (event.functionCalls().isEmpty()) {
      throw new IllegalStateException("no function calls");
    }
    return Maybe.fromCallable(ToolContext::current).subscribeOn(Schedulers.io());
  }
}
