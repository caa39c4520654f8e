package dev.tether.vault.internal.load;

import dev.tether.core.pop.PopProofs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The requests of one measured segment, made before it starts: tool-call tokens derived (one per
 * {@link #EXCHANGES_PER_CALL} exchanges, round the tasks), each request's proof of possession
 * signed, and each request's bytes laid out, so that a client only writes them.
 *
 * <p>A proof carries its time ({@code iat}), which the Vault accepts within its clock skew (30 s)
 * either way, and a tool-call token lives a minute: a segment is therefore at most {@link
 * #MAX_SECONDS} long, its proofs dated at its middle and its tokens at its start.
 */
final class PreparedRequests {

  /** The longest a segment runs: its proofs are then within 15 s of their time. */
  static final int MAX_SECONDS = 30;

  /**
   * Exchanges per tool-call token: a tool call that makes several requests to an API asks a
   * single-use token for each with the same tool-call token. Each exchange has its own proof.
   */
  static final int EXCHANGES_PER_CALL = 16;

  private final byte[][] heads;
  private final byte[][] bodies;

  private PreparedRequests(byte[][] heads, byte[][] bodies) {
    this.heads = heads;
    this.bodies = bodies;
  }

  /**
   * @param count how many requests
   * @param now epoch seconds: the tool-call tokens' issue time
   * @param proofTime epoch seconds: the proofs' {@code iat}, the segment's middle
   */
  static PreparedRequests prepare(
      URI vault, String agentToken, ExchangeKind kind, List<LoadTask> tasks, int count, long now,
      long proofTime) {
    String url = vault + kind.path();
    String prefix = "POST " + kind.path() + " HTTP/1.1\r\n"
        + "Host: " + vault.getHost() + ":" + vault.getPort() + "\r\n"
        + "Authorization: Bearer " + agentToken + "\r\n"
        + "Content-Type: application/json\r\n";
    int calls = (count + EXCHANGES_PER_CALL - 1) / EXCHANGES_PER_CALL;
    String[] tokens = new String[calls];
    String[] hashes = new String[calls];
    byte[][] callBodies = new byte[calls][];
    IntStream.range(0, calls).parallel().forEach(call -> {
      tokens[call] = tasks.get(call % tasks.size()).toolCall(now);
      hashes[call] = PopProofs.tokenHash(tokens[call]);
      callBodies[call] = kind.body(tokens[call]);
    });
    byte[][] heads = new byte[count][];
    byte[][] bodies = new byte[count][];
    IntStream.range(0, count).parallel().forEach(i -> {
      int call = i / EXCHANGES_PER_CALL;
      String proof =
          tasks.get(call % tasks.size()).key().proof("POST", url, hashes[call], proofTime);
      bodies[i] = callBodies[call];
      heads[i] = (prefix + "Content-Length: " + callBodies[call].length + "\r\n"
          + PopProofs.HEADER + ": " + proof + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    });
    return new PreparedRequests(heads, bodies);
  }

  int size() {
    return heads.length;
  }

  byte[] head(int i) {
    return heads[i];
  }

  byte[] body(int i) {
    return bodies[i];
  }
}
