package dev.tether.core.cbor;

/**
 * Bounds on what one {@link CborDecoder#decode} call accepts, so that hostile input costs little.
 *
 * @param maxDepth how deep arrays, maps and tags may nest (at most {@value #DEPTH_CAP}): a scalar
 *     alone needs 0, {@code [1]} needs 1, {@code [[1]]} needs 2
 * @param maxBytes the largest input accepted
 * @param maxItems the most data items in the whole input (every integer, string, array, map, tag
 *     and simple value counts one; a map entry counts two)
 */
public record CborLimits(int maxDepth, int maxBytes, int maxItems) {

  /** 32 levels, 1 MiB, 100,000 items. */
  public static final CborLimits DEFAULT = new CborLimits(32, 1 << 20, 100_000);

  /** The decoder recurses once per level; this keeps its stack use small. */
  public static final int DEPTH_CAP = 256;

  public CborLimits {
    if (maxDepth < 0 || maxDepth > DEPTH_CAP || maxBytes < 0 || maxItems < 1) {
      throw new IllegalArgumentException(
          "limits must be 0 <= maxDepth <= " + DEPTH_CAP + ", maxBytes >= 0, maxItems >= 1");
    }
  }
}
