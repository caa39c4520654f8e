package dev.tether.vault.internal.state;

/** A record as one line of JSON (core's codec), for a store outside the process. */
public interface RecordCodec<T> {

  String encode(T value);

  /**
   * @throws IllegalArgumentException if {@code text} is not such a record (a store written by
   *     another version, or damaged): the store reports it as unavailable rather than guess
   */
  T decode(String text);
}
