package dev.tether.instrumentation.awssdk.v2;

import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;

/**
 * Whether the SDK signs a request the way it did before 2.23: with a {@code Signer} set on the
 * client, or for a client generated without auth schemes. That path takes its credentials from a
 * request-level credentials provider or the client's own, never from the identity providers.
 */
final class LegacySigning {

  private LegacySigning() {}

  static boolean applies(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkInternalExecutionAttribute.AUTH_SCHEMES) == null
        || Boolean.TRUE.equals(attributes.getAttribute(SdkExecutionAttribute.SIGNER_OVERRIDDEN));
  }
}
