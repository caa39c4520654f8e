package dev.tether.instrumentation.api;

import java.util.List;

/**
 * What is woven into a hooked method. Advice holds no logic: it only calls static bridge methods,
 * which call into the agent. Bridge methods catch their own failures, except deliberate refusals
 * ({@code TetherDeniedException}), which propagate to the caller of the hooked method.
 */
public sealed interface Advice {

  /**
   * At entry, {@code argument = bridge(argument, origins...)}; the bridge takes the argument's
   * declared type (or {@code Object}) followed by the origins, and returns the argument's type (or
   * {@code Object}, cast back), e.g. wraps a submitted {@code Runnable}.
   */
  record WrapArgument(int index, BridgeMethod bridge, List<Origin> origins) implements Advice {
    public WrapArgument {
      origins = List.copyOf(origins);
    }

    public WrapArgument(int index, BridgeMethod bridge) {
      this(index, bridge, List.of());
    }
  }

  /**
   * Before every {@code areturn}, {@code value = bridge(value, origins...)}; the bridge takes the
   * method's return type (or {@code Object}) followed by the origins, and returns the return type.
   */
  record FilterReturn(BridgeMethod bridge, List<Origin> origins) implements Advice {
    public FilterReturn {
      origins = List.copyOf(origins);
    }
  }

  /**
   * After each call the method makes to {@code owner.name descriptor}, which returns a reference:
   * {@code value = bridge(value, origins...)}, cast back to the call's return type. For a value the
   * method makes and keeps, such as the copy of a request's headers a constructor stores, changed
   * before it is stored. A matched method that makes no such call is not woven, with an error: a
   * hook that silently did nothing would let what it guards through unchanged.
   *
   * @param owner the internal name of the called method's class
   */
  record FilterCallResult(
      String owner, String name, String descriptor, BridgeMethod bridge, List<Origin> origins)
      implements Advice {
    public FilterCallResult {
      origins = List.copyOf(origins);
    }
  }

  /**
   * A scope around the method: {@code state = enter(origins...)} at entry (it may throw a refusal:
   * the method then does not run), and {@code exit(state, thrownOrNull)} on every way out, normal
   * or exceptional. {@code enter} returns {@code Ljava/lang/Object;}; {@code exit} is {@code
   * (Ljava/lang/Object;Ljava/lang/Throwable;)V}.
   *
   * @param shortCircuit when not null, may answer for the method without running its body
   */
  record Scope(BridgeMethod enter, List<Origin> origins, BridgeMethod exit, ShortCircuit shortCircuit)
      implements Advice {
    public Scope {
      origins = List.copyOf(origins);
    }
  }

  /**
   * A scope that may outlive the method, for a method that returns its work instead of doing it
   * (a {@code Mono}, an RxJava {@code Single}, a {@code CompletionStage}): {@code state =
   * enter(origins...)} at entry, as for {@link Scope}; before every {@code areturn}, {@code value
   * = exitReturning(state, value)}, the answer cast back to the method's return type (the bridge
   * either closes the scope or hands it to the returned value, to be closed when its work ends);
   * on an exception thrown out of the method, {@code exitThrown(state, thrown)}, then the
   * exception is rethrown. Only for methods that return a reference.
   *
   * <p>{@code enter} returns {@code Ljava/lang/Object;}; {@code exitReturning} is {@code
   * (Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;} and must return a value of the
   * method's return type; {@code exitThrown} is {@code (Ljava/lang/Object;Ljava/lang/Throwable;)V}.
   */
  record DeferredScope(
      BridgeMethod enter, List<Origin> origins, BridgeMethod exitReturning, BridgeMethod exitThrown)
      implements Advice {
    public DeferredScope {
      origins = List.copyOf(origins);
    }
  }

  /**
   * After {@code enter}, if {@code test(state)} is true the method returns {@code
   * factory(part1(state), part2(state), ...)} without running its body (and {@code exit} still
   * runs). The factory returns a type assignable to the method's return type.
   */
  record ShortCircuit(BridgeMethod test, List<BridgeMethod> parts, BridgeMethod factory) {
    public ShortCircuit {
      parts = List.copyOf(parts);
    }
  }
}
