package dev.tether.bootstrap;

import java.util.ArrayList;
import java.util.List;

/** Called by code woven into the AWS SDK for Java v2. */
public final class AwsSdkHooks {

  /** The ambient provider answers for itself (a nested call, or ambient credentials permitted). */
  private static final Object PROCEED = new Object();

  private AwsSdkHooks() {}

  /**
   * Puts Tether's interceptor first in the chain a client builder (or the S3 presigner) resolved.
   * {@code builderType} is the SDK class that resolved it, whose loader sees {@code
   * ExecutionInterceptor}: the interceptor is defined against that loader.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static List prependInterceptor(List resolved, Class<?> builderType) {
    try {
      Object tether = TetherBridge.dispatcher().createAwsInterceptor(builderType.getClassLoader());
      if (tether == null || resolved == null) {
        return resolved;
      }
      List withTether = new ArrayList(resolved.size() + 1);
      withTether.add(tether);
      withTether.addAll(resolved);
      return withTether;
    } catch (Throwable t) {
      // Without the interceptor the ambient-provider hooks still refuse this client's requests.
      return resolved;
    }
  }

  /**
   * An ambient provider was asked for credentials. Only the outermost provider call on a thread
   * asks Tether: the default chain consults its links with the decision already made.
   *
   * @throws TetherDeniedException when ambient credentials are refused here
   */
  public static Object ambientEnter(String providerType) {
    if (AmbientProviderHook.DEPTH.getAndIncrement() > 0) {
      return PROCEED;
    }
    try {
      IssuedAwsCredentials issued =
          TetherBridge.dispatcher().onAmbientCredentialsRequested(providerType);
      return issued == null || issued.isAmbient() ? PROCEED : issued;
    } catch (RuntimeException | Error refused) {
      AmbientProviderHook.DEPTH.decrementAndGet();
      throw refused;
    }
  }

  /** Whether Tether answers instead of the provider. */
  public static boolean ambientAnswers(Object state) {
    return state instanceof IssuedAwsCredentials;
  }

  public static String accessKeyId(Object state) {
    return ((IssuedAwsCredentials) state).accessKeyId();
  }

  public static String secretAccessKey(Object state) {
    return ((IssuedAwsCredentials) state).secretAccessKey();
  }

  public static String sessionToken(Object state) {
    return ((IssuedAwsCredentials) state).sessionToken();
  }

  public static void ambientExit(Object state, Throwable thrown) {
    AmbientProviderHook.DEPTH.decrementAndGet();
  }
}
