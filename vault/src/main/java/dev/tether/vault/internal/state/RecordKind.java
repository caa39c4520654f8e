package dev.tether.vault.internal.state;

import java.util.function.Function;

/**
 * A kind of record the Vault keeps: its namespace in the store, how it is written, and, for
 * records a {@link VaultStore#take take} must check, who owns one.
 *
 * @param name the namespace: {@code tether:<name>:<id>} in Redis; lower case, digits and {@code -}
 * @param codec the record as text (JSON, core's codec) for a store outside the process
 * @param ownerField the top-level JSON field that holds the owner, or {@code null}
 * @param owner the owner of a record, as {@code ownerField} holds it; {@code null} with it
 * @param memoryCapacity how many the in-memory store holds at most (0: no bound); a shared store
 *     is bounded by its own memory
 */
public record RecordKind<T>(
    String name,
    RecordCodec<T> codec,
    String ownerField,
    Function<T, String> owner,
    int memoryCapacity) {

  public RecordKind {
    if (name == null || !name.matches("[a-z][a-z0-9-]{0,31}")) {
      throw new IllegalArgumentException("a record kind is lower case letters, digits and -: "
          + name);
    }
    if ((ownerField == null) != (owner == null)) {
      throw new IllegalArgumentException("give both the owner field and the owner, or neither");
    }
  }

  /** Records without an owner. */
  public static <T> RecordKind<T> of(String name, RecordCodec<T> codec, int memoryCapacity) {
    return new RecordKind<>(name, codec, null, null, memoryCapacity);
  }

  /** Records that belong to someone: only the owner may {@link VaultStore#take take} one. */
  public static <T> RecordKind<T> owned(
      String name, RecordCodec<T> codec, String ownerField, Function<T, String> owner,
      int memoryCapacity) {
    return new RecordKind<>(name, codec, ownerField, owner, memoryCapacity);
  }

  String ownerOf(T value) {
    return owner == null ? null : owner.apply(value);
  }
}
