package dev.tether.vault.internal.exchange;

import dev.tether.vault.Issuance;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most recent issuances, oldest first. Bounded so that a long-running Vault does not grow
 * without limit; a durable audit trail belongs in the Vault's store and its spans.
 */
public final class IssuanceLog {

  public static final int CAPACITY = 10_000;

  private final ConcurrentLinkedDeque<Issuance> entries = new ConcurrentLinkedDeque<>();
  private final AtomicInteger size = new AtomicInteger();

  void add(Issuance issuance) {
    entries.addLast(issuance);
    if (size.incrementAndGet() > CAPACITY && entries.pollFirst() != null) {
      size.decrementAndGet();
    }
  }

  public List<Issuance> snapshot() {
    return List.copyOf(entries);
  }
}
