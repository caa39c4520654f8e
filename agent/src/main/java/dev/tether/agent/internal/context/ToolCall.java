package dev.tether.agent.internal.context;

import dev.tether.agent.internal.config.ToolConfig;
import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.bootstrap.IssuedAwsCredentials;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.scope.TaskIdentity;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One running tool call: the tool context object that executor advice carries across threads.
 * It holds the call's AWS credentials, which are never handed to another call and are dropped
 * when the call ends.
 */
public final class ToolCall {

  /** Credentials are renewed when less than this remains, so no request goes out on a dying key. */
  private static final long RENEW_BEFORE_EXPIRY_MILLIS = 60_000;

  private final String tool;
  private final String callId;
  private final Turn turn;
  private final ToolConfig config;
  private final Object boundary;
  private final SpanHandle span;
  private IssuedAwsCredentials credentials;
  private volatile AwsScope resolvedScope;
  private volatile boolean ended;
  /** Answers of this call's scope so far: a tool repeats a few (action, resource) pairs. */
  private final Map<String, Boolean> scopeAnswers = new ConcurrentHashMap<>();

  private static final int MAX_SCOPE_ANSWERS = 256;

  public ToolCall(
      String tool, String callId, Turn turn, ToolConfig config, Object boundary, SpanHandle span) {
    this.tool = tool;
    this.callId = callId;
    this.turn = turn;
    this.config = config;
    this.boundary = boundary;
    this.span = span;
  }

  public String tool() {
    return tool;
  }

  public String callId() {
    return callId;
  }

  /** {@code null} outside any turn boundary. */
  public Turn turn() {
    return turn;
  }

  /** {@code null} when the tool has no entry in the configuration. */
  public ToolConfig config() {
    return config;
  }

  /** Identifies the hooked method, so a re-entry of the same method opens nothing new. */
  public Object boundary() {
    return boundary;
  }

  public SpanHandle span() {
    return span;
  }

  public boolean ended() {
    return ended;
  }

  /** The tool's scope with this task's placeholders filled; resolved once per call. */
  public AwsScope awsScope(TaskIdentity identity) {
    AwsScope scope = resolvedScope;
    if (scope == null) {
      scope = config == null ? AwsScope.none() : config.aws().resolve(identity);
      resolvedScope = scope;
    }
    return scope;
  }

  /**
   * Whether this call's scope allows {@code action} on {@code resourceArn}, remembered for the
   * call: the scope of a call never changes, so its answer for a pair never does either.
   */
  public boolean allows(AwsScope scope, String action, String resourceArn) {
    String pair = action + '\n' + resourceArn;
    Boolean known = scopeAnswers.get(pair);
    if (known != null) {
      return known;
    }
    boolean answer = scope.allows(action, resourceArn);
    if (scopeAnswers.size() < MAX_SCOPE_ANSWERS) {
      scopeAnswers.put(pair, answer);
    }
    return answer;
  }

  /** This call's credentials, fetched through {@code issue} when absent or about to expire. */
  public synchronized IssuedAwsCredentials credentials(Supplier<IssuedAwsCredentials> issue) {
    IssuedAwsCredentials current = credentials;
    if (current == null
        || current.expiresAtEpochMillis() - System.currentTimeMillis() < RENEW_BEFORE_EXPIRY_MILLIS) {
      current = issue.get();
      if (!ended) {
        credentials = current;
      }
    }
    return current;
  }

  public synchronized void end() {
    ended = true;
    credentials = null;
  }
}
