package dev.tether.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Single-use tokens for external APIs, for tools that call an HTTP API themselves: the token
 * belongs to the tool call running on this thread, and the API's resource server accepts it once
 * (it checks it at the Tether Vault's introspection endpoint). Send it as the request's bearer
 * token.
 */
public final class TetherTokens {

  private TetherTokens() {}

  /**
   * A token for one request to {@code audience}.
   *
   * @param audience the API's host (and port), e.g. {@code api.example.com}
   * @throws IllegalStateException when no Tether agent is attached
   * @throws RuntimeException the agent's refusal (a {@code TetherDeniedException}) outside a tool
   *     call, or when the Vault refuses; its message says why
   */
  public static String singleUse(String audience) {
    return call(Bridge.SINGLE_USE, audience);
  }

  /**
   * A token for any number of requests to {@code audience}, accepted until the tool call's own
   * token expires (60 s at most): for APIs called several times in one tool call.
   *
   * @throws IllegalStateException when no Tether agent is attached
   * @throws RuntimeException the agent's refusal, as for {@link #singleUse}
   */
  public static String timeBoxed(String audience) {
    return call(Bridge.TIME_BOXED, audience);
  }

  /**
   * A GitHub installation token for the running tool call: it reaches the turn's repositories
   * only, with the permissions the Vault gives the tool, for an hour at most. Send it as {@code
   * Authorization: Bearer} to the GitHub API.
   *
   * @throws IllegalStateException when no Tether agent is attached
   * @throws RuntimeException the agent's refusal, as for {@link #singleUse}
   */
  public static String gitHub() {
    return call(Bridge.GITHUB);
  }

  private static String call(Method method, Object... arguments) {
    Object dispatcher = method == null ? null : AgentBridge.dispatcher();
    if (dispatcher == null) {
      throw new IllegalStateException(
          "no Tether agent is attached to this JVM: start it with -javaagent:tether-agent.jar");
    }
    try {
      return (String) method.invoke(dispatcher, arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException("the Tether agent failed: " + cause, cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("the Tether agent could not be called: " + e, e);
    }
  }

  private static final class Bridge {
    static final Method SINGLE_USE = AgentBridge.method("singleUseToken", String.class);
    static final Method TIME_BOXED = AgentBridge.method("timeBoxedToken", String.class);
    static final Method GITHUB = AgentBridge.method("gitHubToken");
  }
}
