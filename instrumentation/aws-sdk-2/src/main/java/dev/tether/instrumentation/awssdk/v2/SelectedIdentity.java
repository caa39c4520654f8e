package dev.tether.instrumentation.awssdk.v2;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SelectedAuthScheme;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SDK releases 2.23 to 2.46 select the auth scheme, and resolve the client's own identity with it,
 * in the service's auth-scheme interceptor's {@code beforeExecution}, and sign with that identity:
 * a client built with explicit static credentials ignores the signer attribute. By {@code
 * modifyRequest} the selection is made, so the identity in it is replaced by the tool call's.
 * From 2.47 the selection happens after the interceptors and nothing is selected yet here.
 */
final class SelectedIdentity {

  private static final String SIGV4 = "aws.auth#sigv4";
  private static final String SIGV4A = "aws.auth#sigv4a";

  private SelectedIdentity() {}

  @SuppressWarnings("unchecked")
  static void replace(ExecutionAttributes attributes, AwsCredentialsIdentity credentials) {
    SelectedAuthScheme<?> selected =
        attributes.getAttribute(SdkInternalExecutionAttribute.SELECTED_AUTH_SCHEME);
    if (selected == null) {
      return;
    }
    String scheme = selected.authSchemeOption().schemeId();
    if (!SIGV4.equals(scheme) && !SIGV4A.equals(scheme)) {
      return; // not signed with AWS credentials (e.g. bearer, anonymous)
    }
    attributes.putAttribute(
        SdkInternalExecutionAttribute.SELECTED_AUTH_SCHEME,
        new SelectedAuthScheme<>(
            CompletableFuture.completedFuture(credentials),
            (HttpSigner<AwsCredentialsIdentity>) selected.signer(),
            selected.authSchemeOption()));
  }
}
