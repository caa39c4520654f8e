package dev.tether.vault.internal.attest.nitro;

import static dev.tether.vault.internal.attest.nitro.Refusals.malformed;
import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.tether.core.cbor.CborArray;
import dev.tether.core.cbor.CborByteString;
import dev.tether.core.cbor.CborDecoder;
import dev.tether.core.cbor.CborException;
import dev.tether.core.cbor.CborInteger;
import dev.tether.core.cbor.CborLimits;
import dev.tether.core.cbor.CborMap;
import dev.tether.core.cbor.CborTag;
import dev.tether.core.cbor.CborValue;
import dev.tether.vault.attest.EvidenceRefused;
import java.io.ByteArrayOutputStream;

/**
 * A COSE_Sign1 (RFC 9052) signed with ES384, as the Nitro Secure Module produces it: {@code
 * [protected, unprotected, payload, signature]}, with or without tag 18 around it.
 *
 * @param protectedHeader the protected header exactly as signed (a CBOR map inside a byte string)
 * @param payload the payload exactly as signed
 * @param signature r || s, 48 bytes each
 */
record CoseSign1(byte[] protectedHeader, byte[] payload, byte[] signature) {

  /** COSE algorithm ES384: ECDSA over P-384 with SHA-384. */
  static final long ES384 = -35;

  private static final long HEADER_ALG = 1;
  private static final long HEADER_CRIT = 2;
  private static final int SIGNATURE_LENGTH = 96;

  // The whole document is a few kilobytes; these bounds leave room and stop hostile input early.
  static final CborLimits ENVELOPE_LIMITS = new CborLimits(4, 64 * 1024, 64);
  private static final CborLimits HEADER_LIMITS = new CborLimits(4, 1024, 64);

  /**
   * @throws EvidenceRefused MALFORMED if the bytes are not a COSE_Sign1 over an ES384 signature
   */
  static CoseSign1 parse(byte[] evidence) throws EvidenceRefused {
    CborValue top = decode(evidence, ENVELOPE_LIMITS, "the COSE_Sign1 envelope");
    if (top instanceof CborTag tag) {
      if (tag.tag() != CborTag.COSE_SIGN1) {
        throw malformed(
            "the envelope is CBOR tag "
                + Long.toUnsignedString(tag.tag())
                + "; expected tag 18 (COSE_Sign1) or an untagged COSE_Sign1 array");
      }
      top = tag.content();
    }
    if (!(top instanceof CborArray array) || array.size() != 4) {
      throw malformed(
          "expected a COSE_Sign1 array of 4 items [protected, unprotected, payload, signature],"
              + " found "
              + describe(top));
    }
    byte[] protectedHeader = bytes(array.get(0), "the COSE protected header");
    if (!(array.get(1) instanceof CborMap)) {
      throw malformed(
          "expected the COSE unprotected header to be a map, found " + array.get(1).kind());
    }
    byte[] payload = bytes(array.get(2), "the COSE payload (detached payloads are not supported)");
    byte[] signature = bytes(array.get(3), "the COSE signature");
    if (signature.length != SIGNATURE_LENGTH) {
      throw malformed(
          "the ES384 signature is "
              + signature.length
              + " bytes; expected "
              + SIGNATURE_LENGTH
              + " (r || s)");
    }
    checkEs384(protectedHeader);
    return new CoseSign1(protectedHeader, payload, signature);
  }

  private static void checkEs384(byte[] protectedHeader) throws EvidenceRefused {
    CborValue header = decode(protectedHeader, HEADER_LIMITS, "the COSE protected header");
    if (!(header instanceof CborMap map)) {
      throw malformed("expected the COSE protected header to hold a map, found " + header.kind());
    }
    CborValue alg = map.get(HEADER_ALG);
    boolean es384 =
        alg instanceof CborInteger integer && integer.fitsInLong() && integer.longValue() == ES384;
    if (!es384) {
      throw malformed(
          "the COSE protected header says alg "
              + (alg instanceof CborInteger
                  ? ((CborInteger) alg).value().toString()
                  : describe(alg))
              + "; expected -35 (ES384), the only algorithm the Nitro Secure Module uses");
    }
    if (map.get(HEADER_CRIT) != null) {
      throw malformed("the COSE protected header has critical parameters, which Nitro never sets");
    }
  }

  /**
   * The bytes the signature is over: the CBOR array {@code ["Signature1", protected, h'', payload]}
   * (RFC 9052 section 4.4), with no external data.
   */
  byte[] toBeSigned() {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(payload.length + protectedHeader.length + 32);
    writeHead(out, 4, 4); // array of 4
    byte[] context = "Signature1".getBytes(US_ASCII);
    writeHead(out, 3, context.length);
    out.writeBytes(context);
    writeHead(out, 2, protectedHeader.length);
    out.writeBytes(protectedHeader);
    writeHead(out, 2, 0); // external_aad: empty
    writeHead(out, 2, payload.length);
    out.writeBytes(payload);
    return out.toByteArray();
  }

  // A CBOR head in its shortest form (RFC 8949 section 4.2.1).
  private static void writeHead(ByteArrayOutputStream out, int major, int argument) {
    int type = major << 5;
    if (argument < 24) {
      out.write(type | argument);
    } else if (argument < 0x100) {
      out.write(type | 24);
      out.write(argument);
    } else if (argument < 0x10000) {
      out.write(type | 25);
      out.write(argument >>> 8);
      out.write(argument);
    } else {
      out.write(type | 26);
      out.write(argument >>> 24);
      out.write(argument >>> 16);
      out.write(argument >>> 8);
      out.write(argument);
    }
  }

  static CborValue decode(byte[] bytes, CborLimits limits, String what) throws EvidenceRefused {
    try {
      return CborDecoder.decode(bytes, limits);
    } catch (CborException e) {
      throw malformed(what + " is not valid CBOR: " + e.getMessage());
    }
  }

  private static byte[] bytes(CborValue value, String what) throws EvidenceRefused {
    if (!(value instanceof CborByteString string)) {
      throw malformed("expected " + what + " to be a byte string, found " + value.kind());
    }
    return string.bytes();
  }

  private static String describe(CborValue value) {
    if (value == null) {
      return "nothing";
    }
    return value instanceof CborArray array
        ? "an array of " + array.size() + " items"
        : value.kind();
  }
}
