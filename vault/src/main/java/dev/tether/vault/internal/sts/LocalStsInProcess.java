package dev.tether.vault.internal.sts;

import dev.tether.vault.internal.exchange.sts.InProcessSts;
import dev.tether.vault.internal.exchange.sts.StsTransport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The local STS for a caller in the same process: what {@link LocalStsEndpoint} does for a request
 * off the wire, for the same request handed over directly. The signature check judges it alike.
 */
public final class LocalStsInProcess implements InProcessSts {

  private final LocalSts sts;

  public LocalStsInProcess(LocalSts sts) {
    this.sts = sts;
  }

  @Override
  public StsTransport.Answer answer(
      String method, String rawPath, Map<String, List<String>> headers, byte[] body) {
    LocalSts.Answer answer = sts.answer(new SignedRequest(method, rawPath, null, headers, body));
    return new StsTransport.Answer(answer.status(), answer.xml().getBytes(StandardCharsets.UTF_8));
  }
}
