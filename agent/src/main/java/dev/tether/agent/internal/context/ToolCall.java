package dev.tether.agent.internal.context;

import dev.tether.agent.internal.task.TaskSession;
import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.bootstrap.IssuedAwsCredentials;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.token.LayeredToken;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One running tool call: the tool context object that executor advice carries across threads.
 * It holds the tool-call token derived for it (or why there is none), and the AWS credentials the
 * Vault issued for that token, which are never handed to another call and are dropped when the
 * call ends.
 */
public final class ToolCall {

  /** Credentials are renewed when less than this remains, so no request goes out on a dying key. */
  private static final long RENEW_BEFORE_EXPIRY_MILLIS = 60_000;
  /** An API token is renewed when less than this remains (time-boxed ones live 60 s at most). */
  private static final long API_TOKEN_MARGIN_MILLIS = 5_000;

  private final String tool;
  private final String callId;
  private final Turn turn;
  private final Object boundary;
  private final SpanHandle span;
  private final TaskSession session;
  private final String refusal;
  private final AwsScope awsScope;
  private volatile LayeredToken token;
  private IssuedAwsCredentials credentials;
  private volatile Object httpState;
  /** Tokens for external APIs that last the call (time-boxed, GitHub), by what they are for. */
  private final Map<String, ApiToken> apiTokens = new HashMap<>(4);
  private volatile boolean ended;
  /** Answers of this call's scope so far: a tool repeats a few (action, resource) pairs. */
  private final Map<String, Boolean> scopeAnswers = new ConcurrentHashMap<>();

  private static final int MAX_SCOPE_ANSWERS = 256;

  ToolCall(
      String tool,
      String callId,
      Turn turn,
      Object boundary,
      SpanHandle span,
      TaskSession session,
      LayeredToken token,
      String refusal) {
    this.tool = tool;
    this.callId = callId;
    this.turn = turn;
    this.boundary = boundary;
    this.span = span;
    this.session = session;
    this.token = token;
    this.refusal = refusal;
    this.awsScope = token == null ? AwsScope.none() : token.effectiveScope().resolvedAws(tool);
  }

  public String tool() {
    return tool;
  }

  /** The tool-call token's id (a local id when no token could be derived). */
  public String callId() {
    return callId;
  }

  /** {@code null} outside any turn boundary. */
  public Turn turn() {
    return turn;
  }

  /** Identifies the hooked method, so a re-entry of the same method opens nothing new. */
  public Object boundary() {
    return boundary;
  }

  public SpanHandle span() {
    return span;
  }

  /** {@code null} when the task could not be started. */
  public TaskSession session() {
    return session;
  }

  /** Why this call has no token (so no credentials); {@code null} when it has one. */
  public String refusal() {
    return refusal;
  }

  /** The call's token; renewed by {@link Derivations} when it is about to expire. */
  public LayeredToken token() {
    return token;
  }

  void renewToken(LayeredToken renewed) {
    token = renewed;
  }

  /** What the token lets this tool do in AWS, placeholders filled from the grant. */
  public AwsScope awsScope() {
    return awsScope;
  }

  /**
   * Whether the call has ended: its method returned (or its deferred result completed). Work it
   * left running is refused credentials from then on: a call's rights end with the call.
   */
  public boolean ended() {
    return ended;
  }

  /** Why an ended call's work is refused, and what to do. */
  public static final String ENDED_REFUSAL =
      "the tool call has ended (its method returned, or the Mono, Single or CompletableFuture it"
          + " returned completed); work it left running gets no credentials: wait for that work"
          + " inside the tool, or return it as the tool's deferred result";

  /**
   * Whether this call's scope allows {@code action} on {@code resourceArn}, remembered for the
   * call: the scope of a call never changes, so its answer for a pair never does either.
   */
  public boolean allows(String action, String resourceArn) {
    String pair = action + '\n' + resourceArn;
    Boolean known = scopeAnswers.get(pair);
    if (known != null) {
      return known;
    }
    boolean answer = awsScope.allows(action, resourceArn);
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

  /** What the HTTP guard keeps for this call (its own type), or {@code null} before its first request. */
  public Object httpState() {
    return httpState;
  }

  /** The HTTP guard's state for this call, made by {@code create} at the first request. */
  public synchronized Object httpState(Supplier<Object> create) {
    if (httpState == null) {
      httpState = create.get();
    }
    return httpState;
  }

  /** A token for an external API and when it expires. {@link #toString()} redacts it. */
  public record ApiToken(String value, long expiresAtEpochMillis) {
    @Override
    public String toString() {
      return "ApiToken[<redacted>, expires " + expiresAtEpochMillis + "]";
    }
  }

  /**
   * This call's token for {@code purpose}, fetched through {@code issue} when absent or about to
   * expire; kept only while the call runs.
   */
  public synchronized String apiToken(String purpose, Supplier<ApiToken> issue) {
    String kept = keptApiToken(purpose);
    if (kept != null) {
      return kept;
    }
    ApiToken current = issue.get();
    if (!ended) {
      apiTokens.put(purpose, current);
    }
    return current.value();
  }

  /**
   * This call's token for {@code purpose} if it keeps one that is not about to expire, else
   * {@code null}: the lookup of {@link #apiToken}, for callers that would otherwise make a
   * supplier on every request only to find the token kept.
   */
  public synchronized String keptApiToken(String purpose) {
    ApiToken current = apiTokens.get(purpose);
    return current == null
        || current.expiresAtEpochMillis() - System.currentTimeMillis() < API_TOKEN_MARGIN_MILLIS
        ? null
        : current.value();
  }

  /** Removes and returns the token kept for {@code purpose}, or {@code null}. */
  public synchronized String takeApiToken(String purpose) {
    ApiToken token = apiTokens.remove(purpose);
    return token == null ? null : token.value();
  }

  /** Forgets the credentials and tokens: the next use fetches new ones, or is refused. */
  public synchronized void dropCredentials() {
    credentials = null;
    apiTokens.clear();
  }

  public synchronized void end() {
    ended = true;
    credentials = null;
    apiTokens.clear();
  }
}
