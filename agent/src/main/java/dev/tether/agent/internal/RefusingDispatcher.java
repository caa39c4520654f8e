package dev.tether.agent.internal;

import dev.tether.agent.internal.install.HelperInjector;
import dev.tether.bootstrap.FailClosedDispatcher;

/**
 * The agent started but cannot enforce (a bad configuration): every credential use is refused,
 * and SDK clients still get the interceptor so that clients with their own static credentials are
 * refused as well, not only those that ask an ambient provider.
 */
final class RefusingDispatcher extends FailClosedDispatcher {

  private final HelperInjector helpers;

  RefusingDispatcher(String reason, HelperInjector helpers) {
    super(reason);
    this.helpers = helpers;
  }

  @Override
  public Object createAwsInterceptor(ClassLoader sdkClassLoader) {
    try {
      return helpers.newInstance(sdkClassLoader, AgentDispatcher.AWS_INTERCEPTOR);
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }
}
