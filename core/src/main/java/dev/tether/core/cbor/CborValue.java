package dev.tether.core.cbor;

/** One decoded CBOR data item. */
public sealed interface CborValue
    permits CborInteger, CborByteString, CborTextString, CborArray, CborMap, CborTag, CborSimple {

  /** What this is, for error messages: "an integer", "a byte string", "null", ... */
  String kind();
}
