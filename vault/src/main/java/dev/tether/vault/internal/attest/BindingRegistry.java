package dev.tether.vault.internal.attest;

import dev.tether.vault.internal.exchange.ExchangeRefused;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The bindings this Vault made, until the longest task token that names one has expired. */
final class BindingRegistry {

  static final int CAPACITY = 200_000;

  private final Map<String, BindingRecord> bindings = new ConcurrentHashMap<>();

  void add(BindingRecord binding, Instant now) throws ExchangeRefused {
    if (bindings.size() >= CAPACITY) {
      sweep(now);
      if (bindings.size() >= CAPACITY) {
        throw new ExchangeRefused(503, "binding_capacity",
            "the Vault holds " + CAPACITY + " attestation bindings; retry later");
      }
    }
    bindings.put(binding.id(), binding);
  }

  BindingRecord get(String id) {
    return id == null ? null : bindings.get(id);
  }

  /** Replaces {@code old} with {@code renewed} unless another renewal got there first. */
  boolean renew(BindingRecord old, BindingRecord renewed) {
    return bindings.replace(old.id(), old, renewed);
  }

  /** Makes every binding stale at {@code now}; each workload must attest again. */
  int expireAll(Instant now) {
    int expired = 0;
    for (BindingRecord binding : bindings.values()) {
      if (binding.freshUntil().isAfter(now)
          && bindings.replace(binding.id(), binding, binding.renewed(binding.attestedAt(), now))) {
        expired++;
      }
    }
    return expired;
  }

  private void sweep(Instant now) {
    for (Iterator<BindingRecord> it = bindings.values().iterator(); it.hasNext(); ) {
      if (it.next().forgetAfter().isBefore(now)) {
        it.remove();
      }
    }
  }
}
