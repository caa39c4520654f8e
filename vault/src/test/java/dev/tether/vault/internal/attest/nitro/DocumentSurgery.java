package dev.tether.vault.internal.attest.nitro;

import dev.tether.core.cbor.CborArray;
import dev.tether.core.cbor.CborByteString;
import dev.tether.core.cbor.CborDecoder;
import dev.tether.core.cbor.CborMap;
import dev.tether.core.cbor.CborTextString;
import dev.tether.core.cbor.CborValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Rebuilds a real document with one part of its payload changed, keeping the original protected
 * header and signature: the result is what an attacker could send.
 */
final class DocumentSurgery {

  private DocumentSurgery() {}

  static CborArray envelope(byte[] document) {
    return (CborArray) CborDecoder.decode(document);
  }

  static CborMap payload(byte[] document) {
    return (CborMap) CborDecoder.decode(((CborByteString) envelope(document).get(2)).bytes());
  }

  static byte[] certificate(byte[] document) {
    return ((CborByteString) payload(document).get("certificate")).bytes();
  }

  static byte[] cabundleEntry(byte[] document, int index) {
    return ((CborByteString) ((CborArray) payload(document).get("cabundle")).get(index)).bytes();
  }

  /** The document with payload field {@code key} set to {@code value}, or removed if null. */
  static byte[] withPayloadField(byte[] document, String key, CborValue value) {
    LinkedHashMap<CborValue, CborValue> entries = new LinkedHashMap<>(payload(document).entries());
    if (value == null) {
      entries.remove(new CborTextString(key));
    } else {
      entries.put(new CborTextString(key), value);
    }
    return withPayload(document, CborTestEncoder.encode(CborMap.of(entries)));
  }

  static byte[] withCabundleEntry(byte[] document, int index, byte[] der) {
    List<CborValue> cabundle =
        new ArrayList<>(((CborArray) payload(document).get("cabundle")).elements());
    cabundle.set(index, CborByteString.of(der));
    return withPayloadField(document, "cabundle", CborArray.of(cabundle));
  }

  static byte[] withPayload(byte[] document, byte[] payload) {
    return withEnvelopePart(document, 2, CborByteString.of(payload));
  }

  /** The document with part {@code index} of [protected, unprotected, payload, signature] set. */
  static byte[] withEnvelopePart(byte[] document, int index, CborValue value) {
    List<CborValue> parts = new ArrayList<>(envelope(document).elements());
    parts.set(index, value);
    return CborTestEncoder.encode(CborArray.of(parts));
  }
}
