package dev.tether.instrumentation.awssdk.v2;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.api.TypeInstrumentation;
import dev.tether.instrumentation.api.TypeTransformer;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * AWS SDK for Java v2. Two hooks:
 *
 * <ul>
 *   <li>{@code SdkDefaultClientBuilder#resolveExecutionInterceptors}: every client, sync or async,
 *       gets Tether's interceptor FIRST in its chain, ahead of the service's auth-scheme
 *       interceptor, which on SDK 2.23-2.46 resolves the client's identity in its own
 *       {@code beforeExecution}.
 *   <li>{@code resolveCredentials()} of the ambient providers (default chain, environment, system
 *       properties, profile, container, IMDS, web identity): code that asks them directly gets the
 *       tool call's credentials, or a refusal outside any tool.
 * </ul>
 */
public final class AwsSdkInstrumentationModule implements InstrumentationModule {

  static final String BUILDER = "software.amazon.awssdk.core.client.builder.SdkDefaultClientBuilder";

  static final List<String> AMBIENT_PROVIDERS =
      List.of(
          "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider",
          "software.amazon.awssdk.auth.credentials.internal.SystemSettingsCredentialsProvider",
          "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider",
          "software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider",
          "software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider",
          "software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider",
          "software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider",
          "software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider",
          "software.amazon.awssdk.auth.credentials.ProcessCredentialsProvider");

  @Override
  public String name() {
    return "aws-sdk-2";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new ClientBuilderInstrumentation(), new AmbientProviderInstrumentation());
  }

  @Override
  public List<String> helperClassNames() {
    return List.of(
        "dev.tether.instrumentation.awssdk.v2.TetherExecutionInterceptor",
        "dev.tether.instrumentation.awssdk.v2.RequestFields",
        "dev.tether.instrumentation.awssdk.v2.SignedKey",
        "dev.tether.instrumentation.awssdk.v2.SelectedIdentity");
  }

  private static Set<String> internalNames(List<String> names) {
    return Set.of(names.stream().map(n -> n.replace('.', '/')).toArray(String[]::new));
  }

  static final class ClientBuilderInstrumentation implements TypeInstrumentation {
    @Override
    public Set<String> typeNames() {
      return internalNames(List.of(BUILDER));
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(BUILDER);
    }

    @Override
    public void transform(TypeTransformer transformer) {
      transformer.applyAdviceToMethod(
          named("resolveExecutionInterceptors").and(returns(java.util.List.class)),
          AddInterceptorAdvice.class);
    }
  }

  static final class AmbientProviderInstrumentation implements TypeInstrumentation {
    @Override
    public Set<String> typeNames() {
      return internalNames(AMBIENT_PROVIDERS);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return namedOneOf(AMBIENT_PROVIDERS.toArray(new String[0]));
    }

    @Override
    public void transform(TypeTransformer transformer) {
      transformer.applyAdviceToMethod(
          named("resolveCredentials").and(takesArguments(0)).and(not(isAbstract())),
          AmbientProviderAdvice.class);
    }
  }
}
