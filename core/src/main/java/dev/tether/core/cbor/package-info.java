/**
 * A small, strict CBOR (RFC 8949) decoder for the signed evidence Tether verifies: COSE_Sign1
 * envelopes and AWS Nitro attestation documents.
 *
 * <p>It reads the subset those formats use: integers, byte and text strings, arrays, maps keyed by
 * integers or text, tags and the simple values false, true, null and undefined, all with definite
 * lengths. Everything else (floating-point numbers, other simple values, indefinite lengths) is
 * refused with a {@link dev.tether.core.cbor.CborException} naming the offset and what was
 * expected, as are duplicate map keys and bytes after the value. {@link
 * dev.tether.core.cbor.CborLimits} bound depth, size and item count, and no length read from the
 * input is trusted before it is checked against the bytes that remain.
 *
 * <p>It is internal to Tether and not a general-purpose CBOR API; there is no encoder. Error
 * messages and {@code toString()} never quote the input's bytes or strings, which may be secrets.
 */
package dev.tether.core.cbor;
