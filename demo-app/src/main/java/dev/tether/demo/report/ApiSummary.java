package dev.tether.demo.report;

import dev.tether.demo.stack.ReceivedHttp;
import java.util.List;

/** A few lines on what the code-host API received, and what its credentials were worth after. */
public final class ApiSummary {

  private ApiSummary() {}

  public static String render(List<ReceivedHttp> received) {
    StringBuilder out = new StringBuilder("code host API: ");
    if (received.isEmpty()) {
      return out.append("received nothing\n").toString();
    }
    out.append("received ").append(received.size()).append(" request(s)\n");
    for (ReceivedHttp request : received) {
      out.append("  POST ").append(request.host()).append(request.path()).append(" → ")
          .append(request.status()).append(", with ")
          .append(request.ambient()
              ? "the runtime's broad token"
              : "a single-use token the Vault issued for the tool call")
          .append("; the same credential presented again → ").append(request.replayStatus())
          .append(request.replayStatus() == 401
              ? " (worthless once used)"
              : " (still good for anyone who copies it)")
          .append('\n');
    }
    if (received.stream().noneMatch(request -> request.path().equals("/paste"))) {
      out.append("  the paste site received nothing\n");
    }
    return out.toString();
  }
}
