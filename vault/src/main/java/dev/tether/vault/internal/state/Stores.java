package dev.tether.vault.internal.state;

import dev.tether.vault.StoreLocation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Opens the store a Vault's settings name, and the small conversions its callers share. */
public final class Stores {

  private Stores() {}

  /**
   * @param clock the clock the embedded store's times to live run on (Redis keeps its own)
   * @throws StoreUnavailableException if a shared store cannot be reached or is unfit
   */
  public static VaultStore open(StoreLocation location, Clock clock) {
    return location.shared() ? RedisStore.connect(location) : new MemoryStore(clock);
  }

  /** The time from {@code now} to {@code deadline}, at least a second. */
  public static Duration until(Instant deadline, Instant now) {
    return until(deadline.getEpochSecond(), now.getEpochSecond());
  }

  /** The time from {@code nowSeconds} to {@code deadlineSeconds}, at least a second. */
  public static Duration until(long deadlineSeconds, long nowSeconds) {
    return Duration.ofSeconds(Math.max(1, deadlineSeconds - nowSeconds));
  }
}
