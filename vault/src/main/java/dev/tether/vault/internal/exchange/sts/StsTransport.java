package dev.tether.vault.internal.exchange.sts;

import java.net.URI;
import java.util.Map;

/**
 * Sends one form POST to STS and reads the whole answer: over a kept-alive connection ({@link
 * ApacheStsTransport}), or to the local STS in the Vault's own process ({@link
 * InProcessStsTransport}).
 */
public interface StsTransport extends AutoCloseable {

  /**
   * @param headers headers to send besides Host and Content-Length, which the transport sets
   *     ({@code Host} as {@link StsEndpoint#hostHeader()})
   * @throws StsUnavailableException (unreachable) when connecting, sending or reading fails or
   *     times out, or the answer is larger than {@link StsAnswers#MAX_ANSWER_BYTES}
   */
  Answer post(StsEndpoint endpoint, Map<String, String> headers, byte[] body)
      throws StsUnavailableException;

  @Override
  void close();

  /** An HTTP answer: status and body. */
  record Answer(int status, byte[] body) {}
}
