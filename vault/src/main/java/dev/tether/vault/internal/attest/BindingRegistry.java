package dev.tether.vault.internal.attest;

import dev.tether.core.json.JsonObject;
import dev.tether.vault.internal.exchange.ExchangeRefused;
import dev.tether.vault.internal.state.JsonRecords;
import dev.tether.vault.internal.state.RecordCodec;
import dev.tether.vault.internal.state.RecordKind;
import dev.tether.vault.internal.state.StoreFullException;
import dev.tether.vault.internal.state.Stores;
import dev.tether.vault.internal.state.VaultStore;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bindings the Vault made, in its store, until the longest task token that names one has
 * expired; any replica can check and renew any of them.
 */
final class BindingRegistry {

  static final int CAPACITY = 200_000;

  static final RecordKind<BindingRecord> KIND =
      RecordKind.of("binding", new BindingCodec(), CAPACITY);

  private final VaultStore store;

  BindingRegistry(VaultStore store) {
    this.store = store;
  }

  void add(BindingRecord binding, Instant now) throws ExchangeRefused {
    try {
      store.put(KIND, binding.id(), binding, Stores.until(binding.forgetAfter(), now));
    } catch (StoreFullException e) {
      throw new ExchangeRefused(503, "binding_capacity",
          "the Vault holds " + e.capacity() + " attestation bindings; retry later");
    }
  }

  BindingRecord get(String id) {
    return id == null ? null : store.get(KIND, id);
  }

  /** Replaces {@code old} with {@code renewed} unless another renewal got there first. */
  boolean renew(BindingRecord old, BindingRecord renewed) {
    return store.replace(KIND, old.id(), old, renewed);
  }

  /** Makes every binding stale at {@code now}; each workload must attest again. */
  int expireAll(Instant now) {
    AtomicInteger expired = new AtomicInteger();
    store.forEach(KIND, (id, binding) -> {
      if (binding.freshUntil().isAfter(now)
          && store.replace(KIND, id, binding, binding.renewed(binding.attestedAt(), now))) {
        expired.incrementAndGet();
      }
    });
    return expired.get();
  }

  private static final class BindingCodec implements RecordCodec<BindingRecord> {
    @Override
    public String encode(BindingRecord binding) {
      return JsonRecords.write(JsonObject.builder()
          .put("id", binding.id())
          .put("kind", binding.kind())
          .put("strength", binding.strength())
          .put("key", binding.keyThumbprint())
          .put("workload", binding.workload())
          .put("attested_at", JsonRecords.instant(binding.attestedAt()))
          .put("fresh_until", JsonRecords.instant(binding.freshUntil()))
          .put("forget_after", JsonRecords.instant(binding.forgetAfter()))
          .build());
    }

    @Override
    public BindingRecord decode(String text) {
      JsonObject json = JsonRecords.read(text);
      return new BindingRecord(
          JsonRecords.string(json, "id"),
          JsonRecords.string(json, "kind"),
          JsonRecords.string(json, "strength"),
          JsonRecords.string(json, "key"),
          JsonRecords.string(json, "workload"),
          JsonRecords.instant(json, "attested_at"),
          JsonRecords.instant(json, "fresh_until"),
          JsonRecords.instant(json, "forget_after"));
    }
  }
}
