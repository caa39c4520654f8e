package dev.tether.vault.internal.exchange.sts;

import java.util.List;
import java.util.Map;

/**
 * An STS that runs in the Vault's own process (the local STS of local mode), handed each request
 * as it would arrive on the wire: the same signed headers and body, with no socket in between.
 */
@FunctionalInterface
public interface InProcessSts {

  /**
   * @param headers header values by name, {@code Host} and {@code Content-Length} included
   * @return the HTTP status and body STS would send back
   */
  StsTransport.Answer answer(
      String method, String rawPath, Map<String, List<String>> headers, byte[] body);
}
