package dev.tether.instrumentation.awssdk.v2;

import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;

/**
 * Whether a request is one the CRT-based S3 client ({@code S3AsyncClient.crtBuilder()}, the
 * transfer manager's default) signs natively with the client's own credentials. That client leaves
 * requests unsigned in the SDK and signs them in the CRT. Releases that pass the SDK's resolved
 * identity to the CRT per request (they have {@code CRT_CREDENTIALS_PROVIDER_ADAPTER}, 2.57.8 does)
 * sign with the tool call's key; earlier ones (2.40.2 does not) give the CRT the provider the
 * client was built with, which Tether cannot reach from the CRT's threads.
 */
final class CrtSigning {

  private static final String S3_CRT_ATTRIBUTES =
      "software.amazon.awssdk.services.s3.internal.crt.S3InternalSdkHttpExecutionAttribute";

  /** Per S3 module class loader: whether its CRT client takes credentials per request. */
  private static final ClassValue<Boolean> PER_REQUEST_CREDENTIALS =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> requestType) {
          try {
            Class.forName(S3_CRT_ATTRIBUTES, false, requestType.getClassLoader())
                .getField("CRT_CREDENTIALS_PROVIDER_ADAPTER");
            return true;
          } catch (ReflectiveOperationException | LinkageError e) {
            return false;
          }
        }
      };

  private CrtSigning() {}

  /** For an unsigned request of {@code requestType}: whether the CRT signs it with its own key. */
  static boolean withTheClientsOwnKey(ExecutionAttributes attributes, Class<?> requestType) {
    return attributes.getAttribute(SdkInternalExecutionAttribute.SDK_HTTP_EXECUTION_ATTRIBUTES)
            != null
        && !PER_REQUEST_CREDENTIALS.get(requestType);
  }
}
