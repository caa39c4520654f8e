package dev.tether.vault.internal.state;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Where the Vault keeps the state its replicas share: outstanding nonces, spent single-use ids,
 * redeemed grants, proofs seen, bindings, live API tokens and recent issuances. Each operation is
 * one atomic decision, so that several Vault processes sharing one store decide as one process
 * would.
 *
 * <p>Records live in namespaces ({@link RecordKind}, or a plain name for claims): {@code
 * tether:<kind>:<id>} in Redis. Everything that can expire has a time to live; the caller keeps
 * its own expiry inside the record when the answer depends on it (the store's clock may not be
 * the caller's), and asks the store to keep the record a little longer than that.
 *
 * <p>Every operation may throw {@link StoreUnavailableException}: the Vault then refuses the
 * request (503) rather than decide without its state.
 */
public interface VaultStore extends AutoCloseable {

  /** Where the store is, for messages: {@code memory}, {@code redis://host:port/db}. */
  String describe();

  /** Stores {@code value} under {@code id} for {@code ttl}, replacing what was there. */
  <T> void put(RecordKind<T> kind, String id, T value, Duration ttl);

  /**
   * Stores {@code value} under {@code id} for {@code ttl} unless a record is there already.
   *
   * @return the record that was there, or {@code null} when this call stored {@code value}
   */
  <T> T putIfAbsent(RecordKind<T> kind, String id, T value, Duration ttl);

  /** The record under {@code id}, or {@code null}. */
  <T> T get(RecordKind<T> kind, String id);

  /**
   * Replaces {@code expected} by {@code replacement}, keeping the record's time to live, unless
   * the record is no longer {@code expected} (another replica changed or removed it).
   */
  <T> boolean replace(RecordKind<T> kind, String id, T expected, T replacement);

  /**
   * Takes the record under {@code id} once: removes it and leaves a tombstone for {@code
   * tombstoneTtl} in the same step, so that whoever comes second learns it was {@link
   * Taken.Outcome#SPENT spent}, never that it was {@link Taken.Outcome#UNKNOWN unknown}; except
   * in the memory store when its tombstones for {@code kind} fill the kind's capacity, when it
   * keeps none (the record is taken once all the same).
   *
   * @param owner when not {@code null}, only a record whose {@link RecordKind#owner owner} it is
   *     may be taken; another's is left in place and answered {@link Taken.Outcome#FOREIGN}
   */
  <T> Taken<T> take(RecordKind<T> kind, String id, String owner, Duration tombstoneTtl);

  /**
   * Claims {@code id} in namespace {@code kind} for {@code ttl}: {@code true} for exactly one
   * caller, across every replica, until the claim expires.
   */
  boolean claimOnce(String kind, String id, Duration ttl);

  /** Appends {@code value} to the kind's log, keeping only the newest {@code capacity}. */
  <T> void append(RecordKind<T> kind, T value, int capacity);

  /** The kind's log, oldest first. */
  <T> List<T> log(RecordKind<T> kind);

  /**
   * Calls {@code action} for every record of {@code kind}: weakly consistent (records added or
   * removed meanwhile may or may not be seen), for rare operator actions.
   */
  <T> void forEach(RecordKind<T> kind, BiConsumer<String, T> action);

  /** Checks that the store answers. */
  void ping();

  @Override
  void close();
}
