package dev.tether.core.cbor;

/** The simple values this decoder reads (major type 7, values 20 to 23). */
public enum CborSimple implements CborValue {
  FALSE("false"),
  TRUE("true"),
  NULL("null"),
  UNDEFINED("undefined");

  private final String kind;

  CborSimple(String kind) {
    this.kind = kind;
  }

  @Override
  public String kind() {
    return kind;
  }
}
