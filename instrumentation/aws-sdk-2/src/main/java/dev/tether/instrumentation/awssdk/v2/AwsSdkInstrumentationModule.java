package dev.tether.instrumentation.awssdk.v2;

import static dev.tether.instrumentation.api.MethodMatcher.descriptorStartsWith;
import static dev.tether.instrumentation.api.MethodMatcher.named;
import static dev.tether.instrumentation.api.MethodMatcher.returns;
import static dev.tether.instrumentation.api.MethodMatcher.withCode;

import dev.tether.instrumentation.api.Advice;
import dev.tether.instrumentation.api.BridgeMethod;
import dev.tether.instrumentation.api.InstrumentationModule;
import dev.tether.instrumentation.api.MethodHook;
import dev.tether.instrumentation.api.Origin;
import dev.tether.instrumentation.api.TypeInstrumentation;
import dev.tether.instrumentation.api.TypeNames;
import java.util.List;
import java.util.Set;

/**
 * AWS SDK for Java v2. Three hooks:
 *
 * <ul>
 *   <li>{@code SdkDefaultClientBuilder#resolveExecutionInterceptors}: every client, sync or async,
 *       gets Tether's interceptor FIRST in its chain, ahead of the service's auth-scheme
 *       interceptor, which on SDK 2.23-2.46 resolves the client's identity in its own
 *       {@code beforeExecution}.
 *   <li>{@code DefaultS3Presigner#initializeInterceptors}: the S3 presigner's chain, which it
 *       builds without a client builder, gets the same interceptor, so a presigned URL is decided
 *       and signed like a request.
 *   <li>{@code resolveCredentials()} of the ambient providers (default chain, environment, system
 *       properties, profile, container, IMDS, web identity, process): code that asks them directly
 *       gets the tool call's credentials, or a refusal outside any tool.
 * </ul>
 */
public final class AwsSdkInstrumentationModule implements InstrumentationModule {

  static final String BUILDER = "software.amazon.awssdk.core.client.builder.SdkDefaultClientBuilder";

  /** S3's presigner builds its own interceptor chain, without a client builder. */
  static final String S3_PRESIGNER =
      "software.amazon.awssdk.services.s3.internal.signing.DefaultS3Presigner";

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

  private static final String BRIDGE = "dev/tether/bootstrap/AwsSdkHooks";
  private static final String OBJECT_TO_STRING = "(Ljava/lang/Object;)Ljava/lang/String;";

  @Override
  public String name() {
    return "aws-sdk-2";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new InterceptorListInstrumentation(BUILDER, "resolveExecutionInterceptors"),
        new InterceptorListInstrumentation(S3_PRESIGNER, "initializeInterceptors"),
        new AmbientProviderInstrumentation());
  }

  @Override
  public List<String> helperClassNames() {
    return List.of(
        "dev.tether.instrumentation.awssdk.v2.TetherExecutionInterceptor",
        "dev.tether.instrumentation.awssdk.v2.RequestFields",
        "dev.tether.instrumentation.awssdk.v2.SignedKey",
        "dev.tether.instrumentation.awssdk.v2.SelectedIdentity",
        "dev.tether.instrumentation.awssdk.v2.LegacySigning",
        "dev.tether.instrumentation.awssdk.v2.AmbientIdentity",
        "dev.tether.instrumentation.awssdk.v2.CrtSigning",
        "dev.tether.instrumentation.awssdk.v2.ToolCallKey",
        "dev.tether.instrumentation.awssdk.v2.ReplacedProviders");
  }

  private static Set<String> internalNames(List<String> names) {
    return TypeNames.internal(names);
  }

  /**
   * Puts Tether's interceptor first in the interceptor list a method of {@code typeName} returns:
   * the client builder's {@code resolveExecutionInterceptors}, and the S3 presigner's {@code
   * initializeInterceptors} (a presigned URL goes through that chain minus transmission, so it is
   * decided like a request, before the URL exists).
   */
  static final class InterceptorListInstrumentation implements TypeInstrumentation {

    private static final Advice PREPEND_INTERCEPTOR =
        new Advice.FilterReturn(
            BridgeMethod.of(
                BRIDGE, "prependInterceptor", "(Ljava/util/List;Ljava/lang/Class;)Ljava/util/List;"),
            List.of(Origin.DECLARING_CLASS));

    private final String typeName;
    private final List<MethodHook> methodHooks;

    InterceptorListInstrumentation(String typeName, String methodName) {
      this.typeName = typeName;
      this.methodHooks =
          List.of(
              new MethodHook(
                  withCode().and(named(methodName)).and(returns("Ljava/util/List;")),
                  PREPEND_INTERCEPTOR));
    }

    @Override
    public Set<String> typeNames() {
      return internalNames(List.of(typeName));
    }

    @Override
    public List<MethodHook> hooksFor(String internalName) {
      return methodHooks;
    }
  }

  static final class AmbientProviderInstrumentation implements TypeInstrumentation {

    /** Tether's credentials, when it answers for the provider, as the SDK's own type. */
    private static final Advice.ShortCircuit ANSWER_WITH_TOOL_CREDENTIALS =
        new Advice.ShortCircuit(
            BridgeMethod.of(BRIDGE, "ambientAnswers", "(Ljava/lang/Object;)Z"),
            List.of(
                BridgeMethod.of(BRIDGE, "accessKeyId", OBJECT_TO_STRING),
                BridgeMethod.of(BRIDGE, "secretAccessKey", OBJECT_TO_STRING),
                BridgeMethod.of(BRIDGE, "sessionToken", OBJECT_TO_STRING)),
            BridgeMethod.of(
                "software/amazon/awssdk/auth/credentials/AwsSessionCredentials",
                "create",
                "(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)"
                    + "Lsoftware/amazon/awssdk/auth/credentials/AwsSessionCredentials;"));

    private static final List<MethodHook> METHOD_HOOKS =
        List.of(
            new MethodHook(
                withCode().and(named("resolveCredentials")).and(descriptorStartsWith("()")),
                new Advice.Scope(
                    BridgeMethod.of(
                        BRIDGE, "ambientEnter", "(Ljava/lang/String;)Ljava/lang/Object;"),
                    List.of(Origin.DECLARING_TYPE_NAME),
                    BridgeMethod.of(
                        BRIDGE, "ambientExit", "(Ljava/lang/Object;Ljava/lang/Throwable;)V"),
                    ANSWER_WITH_TOOL_CREDENTIALS)));

    @Override
    public Set<String> typeNames() {
      return internalNames(AMBIENT_PROVIDERS);
    }

    @Override
    public List<MethodHook> hooksFor(String internalName) {
      return METHOD_HOOKS;
    }
  }
}
