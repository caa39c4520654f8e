package dev.tether.vault.internal.revoke;

import dev.tether.core.json.JsonObject;
import dev.tether.core.token.LayerKind;
import dev.tether.core.token.VerifiedChain;
import dev.tether.core.wire.GrantRequest;
import dev.tether.core.wire.Revocation;
import dev.tether.core.wire.RevocationRequest;
import dev.tether.core.wire.RevocationStatus;
import dev.tether.vault.ToolCatalogue;
import dev.tether.vault.internal.RandomTokens;
import dev.tether.vault.internal.exchange.ExchangeRefused;
import dev.tether.vault.internal.state.JsonRecords;
import dev.tether.vault.internal.state.RecordCodec;
import dev.tether.vault.internal.state.RecordKind;
import dev.tether.vault.internal.state.StoreFullException;
import dev.tether.vault.internal.state.VaultStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Revoked tasks, and revoked tools of tasks, in the Vault's store, so that every replica refuses
 * them. A revoked task stays revoked: every token of it (every grant, task, turn and tool-call
 * token, whenever minted) is refused, and no grant is minted for it, until the record expires
 * {@link #RETENTION} after the revocation, by which time every grant minted before it has expired
 * too. A revoked tool is the same for tool-call tokens of that tool; the task's other tools are
 * still served.
 *
 * <p>Keys: {@code tether:revocation:<task id>} for the whole task, {@code
 * tether:revocation:<task id>#<tool>} for one tool ({@code #} is in neither alphabet). A second
 * revocation of the same task (or tool) changes nothing and answers the first.
 */
public final class Revocations {

  public static final String TASK_REVOKED = "task_revoked";
  public static final String TOOL_REVOKED = "tool_revoked";

  /**
   * How long a revocation is kept: the longest a grant lives (24 h; its task token ends with it)
   * plus an hour for clocks that disagree. Every token of the task minted before the revocation
   * has expired by then, and none is minted after it.
   */
  public static final Duration RETENTION = Duration.ofHours(25);

  static final int CAPACITY = 100_000;

  static final RecordKind<Revocation> KIND =
      RecordKind.of("revocation", new RevocationRecordCodec(), CAPACITY);

  private final VaultStore store;
  private final ToolCatalogue catalogue;

  public Revocations(VaultStore store, ToolCatalogue catalogue) {
    this.store = store;
    this.catalogue = catalogue;
  }

  /**
   * Records the revocation, or answers the one recorded before for the same task (or tool).
   *
   * @throws ExchangeRefused 400 for a tool the catalogue does not have; 503 when the embedded
   *     store is full
   */
  public Revocation revoke(RevocationRequest request, Instant now) throws ExchangeRefused {
    String tool = request.tool();
    if (tool != null && catalogue.scope(tool) == null) {
      throw ExchangeRefused.invalid("unknown tool '" + tool + "'; the Vault's catalogue has "
          + catalogue.tools().keySet() + " (leave 'tool' out to revoke the whole task)");
    }
    Revocation revocation = new Revocation(RandomTokens.id("rv-"), request.taskId(), tool,
        request.reason(), now.truncatedTo(ChronoUnit.MILLIS));
    try {
      Revocation earlier = store.putIfAbsent(KIND, key(request.taskId(), tool), revocation,
          RETENTION);
      return earlier != null ? earlier : revocation;
    } catch (StoreFullException e) {
      throw new ExchangeRefused(503, "revocation_capacity", "the Vault holds " + e.capacity()
          + " revocations; they expire " + RETENTION.toHours() + " h after they were made");
    }
  }

  /**
   * Refuses the chain when its task is revoked, or, for a tool-call token, its tool: 403 {@code
   * task_revoked} or {@code tool_revoked}, naming the task, the tool, when and why.
   */
  public void check(VerifiedChain chain) throws ExchangeRefused {
    String tool = chain.last().kind() == LayerKind.TOOL ? chain.last().toolName() : null;
    check(chain.scope().taskId(), tool);
  }

  /** As {@link #check(VerifiedChain)}: the task, then, unless {@code null}, the tool. */
  public void check(String taskId, String tool) throws ExchangeRefused {
    Revocation revocation = against(taskId, tool);
    if (revocation != null) {
      throw refusal(revocation);
    }
  }

  /**
   * The revocation that refuses a token of {@code taskId} for {@code tool} ({@code null}: the task
   * only): the task's, else the tool's; {@code null} when there is none.
   */
  public Revocation against(String taskId, String tool) {
    Revocation task = store.get(KIND, key(taskId, null));
    if (task != null || tool == null) {
      return task;
    }
    return store.get(KIND, key(taskId, tool));
  }

  /** A grant is not minted for a revoked task, nor with a revoked tool of it. */
  public void requireGrantable(GrantRequest request) throws ExchangeRefused {
    Revocation task = store.get(KIND, key(request.taskId(), null));
    if (task != null) {
      throw refusal(task);
    }
    for (String tool : request.tools()) {
      Revocation revoked = store.get(KIND, key(request.taskId(), tool));
      if (revoked != null) {
        throw new ExchangeRefused(403, TOOL_REVOKED, describe(revoked)
            + "; no grant is minted with it: leave the tool out");
      }
    }
  }

  /** What the Vault holds against the task and those of {@code tools} revoked on their own. */
  public RevocationStatus status(String taskId, Collection<String> tools) {
    Revocation task = store.get(KIND, key(taskId, null));
    List<Revocation> revokedTools = new ArrayList<>();
    for (String tool : tools) {
      Revocation revoked = store.get(KIND, key(taskId, tool));
      if (revoked != null) {
        revokedTools.add(revoked);
      }
    }
    revokedTools.sort(Comparator.comparing(Revocation::revokedAt));
    return new RevocationStatus(taskId, task != null, task, revokedTools);
  }

  /** The refusal of a token the revocation covers; its message holds no secret. */
  public static ExchangeRefused refusal(Revocation revocation) {
    return revocation.wholeTask()
        ? new ExchangeRefused(403, TASK_REVOKED, describe(revocation)
            + "; every token of the task is refused")
        : new ExchangeRefused(403, TOOL_REVOKED, describe(revocation)
            + "; the task's other tools are still served");
  }

  /** E.g. {@code tool 'read_file' of task t-1 was revoked at … (revocation rv-…): reason}. */
  public static String describe(Revocation revocation) {
    return (revocation.wholeTask() ? "task " : "tool '" + revocation.tool() + "' of task ")
        + revocation.taskId() + " was revoked at " + revocation.revokedAt() + " (revocation "
        + revocation.id() + "): " + revocation.reason();
  }

  private static String key(String taskId, String tool) {
    return tool == null ? taskId : taskId + "#" + tool;
  }

  private static final class RevocationRecordCodec implements RecordCodec<Revocation> {
    @Override
    public String encode(Revocation revocation) {
      return JsonRecords.write(JsonObject.builder()
          .put("id", revocation.id())
          .put("task", revocation.taskId())
          .put("tool", revocation.tool())
          .put("reason", revocation.reason())
          .put("revoked_at", JsonRecords.instant(revocation.revokedAt()))
          .build());
    }

    @Override
    public Revocation decode(String text) {
      JsonObject json = JsonRecords.read(text);
      return new Revocation(
          JsonRecords.string(json, "id"),
          JsonRecords.string(json, "task"),
          JsonRecords.string(json, "tool"),
          JsonRecords.string(json, "reason"),
          JsonRecords.instant(json, "revoked_at"));
    }
  }
}
