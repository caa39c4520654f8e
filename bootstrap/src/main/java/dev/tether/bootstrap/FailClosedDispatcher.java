package dev.tether.bootstrap;

import java.util.Collection;
import java.util.Map;

/**
 * Refuses every credential use with the reason the agent could not start. Tools still run. The
 * agent extends it to keep attaching its interceptor to SDK clients, so that clients with static
 * credentials are refused too.
 */
public class FailClosedDispatcher implements TetherDispatcher {

  private final String reason;

  public FailClosedDispatcher(String reason) {
    this.reason = reason;
  }

  @Override
  public Object enterTool(Class<?> declaringType, String methodName, String descriptor) {
    return null;
  }

  @Override
  public void exitTool(Object handle, Throwable thrown) {}

  @Override
  public Object enterTurn(Class<?> declaringType, String methodName, String descriptor) {
    return null;
  }

  @Override
  public void exitTurn(Object handle, Throwable thrown) {}

  @Override
  public String narrowTurn(Collection<String> tools, Collection<String> repos) {
    return reason;
  }

  @Override
  public String singleUseToken(String audience) {
    throw new TetherDeniedException("Tether refused an API token for " + audience + ": " + reason);
  }

  @Override
  public String timeBoxedToken(String audience) {
    return singleUseToken(audience);
  }

  @Override
  public String gitHubToken() {
    throw new TetherDeniedException("Tether refused a GitHub token: " + reason);
  }

  @Override
  public Object onHttpRequest(Object context, String client, Object request, Object target) {
    throw new TetherDeniedException("Tether refused an HTTP request through " + client + ": "
        + reason + "; nothing was sent");
  }

  @Override
  public Object onHttpFollowUp(Object context, String client, Object request, Object redirected) {
    return onHttpRequest(context, client, request, null);
  }

  @Override
  public Object onHttpSending(Object context, String client, Object request, Object target) {
    return onHttpRequest(context, client, request, null);
  }

  @Override
  public void onHttpRedirectLocation(String client, java.net.URI location) {
    onHttpRequest(ToolContext.current(), client, location, null);
  }

  @Override
  public IssuedAwsCredentials authorizeAwsRequest(
      String service,
      String operation,
      String region,
      Map<String, String> requestFields,
      String endpoint) {
    throw new TetherDeniedException(
        "Tether refused " + service + "." + operation + ": " + reason
            + "; credentials are withheld until the agent starts cleanly (see the line it printed at start-up)");
  }

  @Override
  public IssuedAwsCredentials onAmbientCredentialsRequested(String providerClass) {
    throw new TetherDeniedException(
        "Tether refused AWS credentials from " + providerClass + ": " + reason);
  }

  @Override
  public Object createAwsInterceptor(ClassLoader sdkClassLoader) {
    return null;
  }

  @Override
  public void onSigningMismatch(
      String service, String operation, String expectedKeyId, String actualKeyId) {}
}
