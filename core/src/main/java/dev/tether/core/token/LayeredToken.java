package dev.tether.core.token;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * A delegation chain as one string: {@code tt1.<layer>.<layer>...<tag>}, each layer the base64url
 * (no padding) of its JSON, the tag the base64url of the chain's 32-byte HMAC-SHA256.
 *
 * <p>The tag is the secret part: whoever holds it can derive narrower layers (and nothing else:
 * the Vault recomputes the chain from its own key). Parsing checks the form only; {@link
 * ChainVerifier} checks the signature, the order and the narrowing. {@link #toString()} shows the
 * layers' kinds and the last id, never the tag.
 */
public final class LayeredToken {

  public static final String PREFIX = "tt1.";
  /** The deepest chain: grant, task, turn, tool. */
  public static final int MAX_LAYERS = 4;
  /** Deeper texts are not read at all; between the two the Vault says "too deep". */
  static final int MAX_PARSED_LAYERS = 16;
  public static final int TAG_BYTES = 32;
  private static final int TAG_TEXT_LENGTH = 43; // 32 bytes in unpadded base64url
  /** Four layers at their largest, with room to spare; anything longer is refused unread. */
  public static final int MAX_TEXT_LENGTH = 96 * 1024;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final List<TokenLayer> layers;
  private final List<String> encodedLayers;
  /** Each layer's JSON as decoded once (the MAC's input), beside its text (the token's). */
  private final List<byte[]> layerJsons;
  private final byte[] tag;
  private volatile EffectiveScope effective;

  private LayeredToken(
      List<TokenLayer> layers, List<String> encodedLayers, List<byte[]> layerJsons, byte[] tag) {
    this.layers = Collections.unmodifiableList(layers);
    this.encodedLayers = Collections.unmodifiableList(encodedLayers);
    this.layerJsons = Collections.unmodifiableList(layerJsons);
    this.tag = tag;
  }

  /** A chain of one layer more: its text is this chain's layers plus the child's JSON. */
  LayeredToken append(
      TokenLayer child, byte[] childJson, byte[] childTag, EffectiveScope childScope) {
    List<TokenLayer> nextLayers = new ArrayList<>(layers.size() + 1);
    nextLayers.addAll(layers);
    nextLayers.add(child);
    List<String> nextEncoded = new ArrayList<>(encodedLayers.size() + 1);
    nextEncoded.addAll(encodedLayers);
    nextEncoded.add(ENCODER.encodeToString(childJson));
    List<byte[]> nextJsons = new ArrayList<>(layerJsons.size() + 1);
    nextJsons.addAll(layerJsons);
    nextJsons.add(childJson);
    LayeredToken next = new LayeredToken(nextLayers, nextEncoded, nextJsons, childTag);
    next.effective = childScope;
    return next;
  }

  static LayeredToken root(TokenLayer grant, byte[] grantJson, byte[] tag) {
    List<TokenLayer> layers = new ArrayList<>(1);
    layers.add(grant);
    List<String> encoded = new ArrayList<>(1);
    encoded.add(ENCODER.encodeToString(grantJson));
    List<byte[]> jsons = new ArrayList<>(1);
    jsons.add(grantJson);
    return new LayeredToken(layers, encoded, jsons, tag);
  }

  /**
   * Reads a token's text.
   *
   * @throws TokenFormatException naming what is wrong ({@code MALFORMED}, or {@code TRUNCATED} when
   *     the text stops short), never quoting the token
   */
  public static LayeredToken parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new TokenFormatException(ChainRefusal.Reason.MALFORMED, "no token given");
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new TokenFormatException(
          ChainRefusal.Reason.MALFORMED,
          "the token is " + text.length() + " characters; at most " + MAX_TEXT_LENGTH);
    }
    if (!text.startsWith(PREFIX)) {
      throw new TokenFormatException(
          ChainRefusal.Reason.MALFORMED,
          "not a Tether token: it must start with '" + PREFIX + "' (a layered token from the Vault)");
    }
    String[] parts = text.substring(PREFIX.length()).split("\\.", -1);
    if (parts.length < 2) {
      throw new TokenFormatException(
          ChainRefusal.Reason.TRUNCATED, "the token has no tag after its layers: it was cut short");
    }
    int layerCount = parts.length - 1;
    if (layerCount > MAX_PARSED_LAYERS) {
      throw new TokenFormatException(
          ChainRefusal.Reason.TOO_DEEP,
          "the token has " + layerCount + " layers; a chain has at most " + MAX_LAYERS
              + " (grant, task, turn, tool)");
    }
    String tagText = parts[layerCount];
    if (tagText.length() < TAG_TEXT_LENGTH) {
      throw new TokenFormatException(
          ChainRefusal.Reason.TRUNCATED,
          "the tag is " + tagText.length() + " characters; it must be " + TAG_TEXT_LENGTH
              + ": the token was cut short");
    }
    if (tagText.length() > TAG_TEXT_LENGTH) {
      // Where the tag belongs there is something longer: a layer, so the tag itself is missing.
      throw new TokenFormatException(
          ChainRefusal.Reason.TRUNCATED,
          "the token ends without its " + TAG_TEXT_LENGTH + "-character tag: it was cut short");
    }
    byte[] tag = decode(tagText, "the tag");
    List<TokenLayer> layers = new ArrayList<>(layerCount);
    List<String> encoded = new ArrayList<>(layerCount);
    List<byte[]> jsons = new ArrayList<>(layerCount);
    for (int i = 0; i < layerCount; i++) {
      String position = "layer " + (i + 1) + " (of " + layerCount + ")";
      byte[] json = decode(parts[i], position);
      layers.add(LayerCodec.read(json, position));
      encoded.add(parts[i]);
      jsons.add(json);
    }
    return new LayeredToken(layers, encoded, jsons, tag);
  }

  private static byte[] decode(String part, String what) {
    if (part.isEmpty()) {
      throw new TokenFormatException(ChainRefusal.Reason.TRUNCATED, what + " is empty");
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      boolean base64url =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
              || c == '_';
      if (!base64url) {
        throw new TokenFormatException(
            ChainRefusal.Reason.MALFORMED,
            what + " has a character that is not base64url at offset " + i
                + " (padding '=' is not used)");
      }
    }
    if (part.length() % 4 == 1) {
      throw new TokenFormatException(
          ChainRefusal.Reason.TRUNCATED, what + " is not whole base64url: the token was cut short");
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(part);
    } catch (IllegalArgumentException e) {
      throw new TokenFormatException(ChainRefusal.Reason.MALFORMED, what + " is not base64url");
    }
    // One text per value: unused low bits in the last character would let two texts carry the
    // same bytes, so a changed character could go unnoticed.
    if (!ENCODER.encodeToString(bytes).equals(part)) {
      throw new TokenFormatException(
          ChainRefusal.Reason.MALFORMED, what + " is not canonical base64url");
    }
    return bytes;
  }

  /** The token's text; a credential: never log it. */
  public String encode() {
    StringBuilder text = new StringBuilder(PREFIX);
    for (String layer : encodedLayers) {
      text.append(layer).append('.');
    }
    return text.append(ENCODER.encodeToString(tag)).toString();
  }

  public List<TokenLayer> layers() {
    return layers;
  }

  public TokenLayer last() {
    return layers.get(layers.size() - 1);
  }

  public TokenLayer grant() {
    return layers.get(0);
  }

  /**
   * What the last layer allows with inheritance applied. For a token this process derived (or the
   * Vault verified) that is the chain's scope; for a token read from outside, verify it first.
   */
  public EffectiveScope effectiveScope() {
    EffectiveScope scope = effective;
    if (scope == null) {
      List<EffectiveScope> scopes = layerScopes();
      scope = scopes.get(scopes.size() - 1);
      effective = scope;
    }
    return scope;
  }

  /** What each layer allows with inheritance applied, grant first. */
  List<EffectiveScope> layerScopes() {
    List<EffectiveScope> scopes = new ArrayList<>(layers.size());
    EffectiveScope scope = EffectiveScope.ofGrant(layers.get(0));
    scopes.add(scope);
    for (int i = 1; i < layers.size(); i++) {
      scope = scope.then(layers.get(i));
      scopes.add(scope);
    }
    return scopes;
  }

  /** The JSON of layer {@code i} exactly as the MAC covers it (decoded once, when read). */
  byte[] layerJson(int i) {
    return layerJsons.get(i);
  }

  /** Characters layer {@code i} adds to the token's text (its base64url and the dot). */
  public int layerTextLength(int i) {
    return encodedLayers.get(i).length() + 1;
  }

  byte[] tagUnsafe() {
    return tag;
  }

  /** Kinds and the last layer's id only: the tag is a credential. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("LayeredToken[");
    for (int i = 0; i < layers.size(); i++) {
      s.append(i == 0 ? "" : ">").append(layers.get(i).kind().wireName());
    }
    return s.append(", id=").append(last().id()).append(", tag=<redacted>]").toString();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
