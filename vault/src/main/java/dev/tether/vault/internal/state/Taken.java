package dev.tether.vault.internal.state;

/**
 * What {@link VaultStore#take} found.
 *
 * @param value the record taken, only with {@link Outcome#TAKEN}
 */
public record Taken<T>(Outcome outcome, T value) {

  public enum Outcome {
    /** This caller took it: nobody else ever will. */
    TAKEN,
    /** It is someone else's: it stays where it was. */
    FOREIGN,
    /** It was taken before (its tombstone is there). */
    SPENT,
    /** No such record, and no tombstone: never stored, or forgotten since. */
    UNKNOWN
  }

  static <T> Taken<T> taken(T value) {
    return new Taken<>(Outcome.TAKEN, value);
  }

  static <T> Taken<T> of(Outcome outcome) {
    return new Taken<>(outcome, null);
  }
}
