package dev.tether.vault.internal.exchange.sts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands each signed request to an STS in the same process. In local mode the Vault's STS is the
 * local STS beside it; reaching it through a loopback socket cost two HTTP stacks and two thread
 * hand-offs per exchange (under load, about 40 % of an exchange's CPU: docs/benchmarks.md, section
 * 7) and tested nothing that {@link ApacheStsTransport}'s own tests against the local STS's
 * listener do not.
 */
final class InProcessStsTransport implements StsTransport {

  private final InProcessSts sts;

  InProcessStsTransport(InProcessSts sts) {
    this.sts = sts;
  }

  @Override
  public Answer post(StsEndpoint endpoint, Map<String, String> headers, byte[] body)
      throws StsUnavailableException {
    Map<String, List<String>> sent = new LinkedHashMap<>();
    sent.put("Host", List.of(endpoint.hostHeader()));
    sent.put("Content-Length", List.of(Integer.toString(body.length)));
    sent.put("User-Agent", List.of(StsEndpoint.USER_AGENT));
    headers.forEach((name, value) -> sent.put(name, List.of(value)));
    Answer answer = sts.answer("POST", endpoint.rawPath(), sent, body);
    if (answer.body().length > StsAnswers.MAX_ANSWER_BYTES) {
      throw StsAnswers.tooLarge("the in-process STS");
    }
    return answer;
  }

  @Override
  public void close() {
    // nothing held: no connections, no threads
  }
}
