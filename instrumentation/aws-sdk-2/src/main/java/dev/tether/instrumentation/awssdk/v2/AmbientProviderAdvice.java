package dev.tether.instrumentation.awssdk.v2;

import dev.tether.bootstrap.AmbientProviderHook;
import dev.tether.bootstrap.IssuedAwsCredentials;
import dev.tether.bootstrap.TetherBridge;
import net.bytebuddy.asm.Advice;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Asks Tether before an ambient provider answers. Only the outermost provider call on a thread
 * asks: the default chain consults its links with the decision already made.
 */
public final class AmbientProviderAdvice {

  private AmbientProviderAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
  public static IssuedAwsCredentials onEnter(@Advice.Origin("#t") String providerType) {
    if (AmbientProviderHook.DEPTH.getAndIncrement() > 0) {
      return null;
    }
    try {
      return TetherBridge.dispatcher().onAmbientCredentialsRequested(providerType);
    } catch (RuntimeException refused) {
      AmbientProviderHook.DEPTH.decrementAndGet();
      throw refused;
    }
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void onExit(
      @Advice.Enter IssuedAwsCredentials issued,
      @Advice.Return(readOnly = false) AwsCredentials credentials) {
    AmbientProviderHook.DEPTH.decrementAndGet();
    if (issued != null) {
      credentials =
          AwsSessionCredentials.create(
              issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken());
    }
  }
}
