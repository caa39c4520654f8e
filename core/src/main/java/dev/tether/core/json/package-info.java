/**
 * A small, strict JSON (RFC 8259) tree, reader and writer for Tether's own documents: the Vault
 * wire records and the STS session policy.
 *
 * <p>It exists so that {@code core}, which the agent shades, needs no JSON library: Jackson
 * databind alone cost the agent about 600 loaded classes at start-up. It is internal to Tether and
 * not a general-purpose JSON API. Error messages name positions, field names and what was expected,
 * never the input's values, which may be secrets.
 */
package dev.tether.core.json;
