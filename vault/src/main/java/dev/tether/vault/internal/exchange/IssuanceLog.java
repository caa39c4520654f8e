package dev.tether.vault.internal.exchange;

import dev.tether.vault.Issuance;
import dev.tether.vault.internal.state.MemoryStore;
import dev.tether.vault.internal.state.RecordKind;
import dev.tether.vault.internal.state.VaultStore;
import java.time.Clock;
import java.util.List;

/**
 * The most recent issuances of every replica, oldest first, in the Vault's store. Bounded so that
 * a long-running Vault does not grow without limit; the durable audit trail is CloudTrail and the
 * Vault's spans.
 */
public final class IssuanceLog {

  public static final int CAPACITY = 10_000;

  static final RecordKind<Issuance> KIND = RecordKind.of("issuance", new IssuanceCodec(), 0);

  private final VaultStore store;

  /** Issuances of this process only. */
  public IssuanceLog() {
    this(new MemoryStore(Clock.systemUTC()));
  }

  public IssuanceLog(VaultStore store) {
    this.store = store;
  }

  void add(Issuance issuance) {
    store.append(KIND, issuance, CAPACITY);
  }

  public List<Issuance> snapshot() {
    return store.log(KIND);
  }
}
