package dev.tether.instrumentation.awssdk.v2;

import dev.tether.bootstrap.AwsRequestInFlight;
import dev.tether.bootstrap.AwsTransmission;
import dev.tether.bootstrap.IssuedAwsCredentials;
import dev.tether.bootstrap.TetherBridge;
import dev.tether.bootstrap.TetherDeniedException;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.signer.AwsSignerExecutionAttribute;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;

/**
 * Tether's interceptor, first in every SDK client's chain. Defined by the agent in a child loader
 * of the application's SDK loader; it talks to the agent only through the bootstrap bridge.
 *
 * <p>{@code beforeExecution} runs on the calling thread for sync and async clients alike: that is
 * where the tool context is read and the decision made. The decided credentials are applied twice,
 * because SDK releases disagree on where identity comes from: the signer attribute (honoured by
 * 2.23-2.46) and a request-level credentials provider (honoured by 2.47+). {@code
 * beforeTransmission} sees the signed request and stops it unless it was signed with exactly the
 * decided key.
 */
public final class TetherExecutionInterceptor implements ExecutionInterceptor {

  private static final ExecutionAttribute<IssuedAwsCredentials> DECISION =
      new ExecutionAttribute<>("TetherDecision");

  /** The SDK's form of the last decided credentials: one tool call's requests reuse it. */
  private volatile SdkForm lastSdkForm;

  private static final class SdkForm {
    final IssuedAwsCredentials issued;
    final AwsSessionCredentials credentials;
    final StaticCredentialsProvider provider;
    /** The override for requests that carry none of their own: most of them. */
    final AwsRequestOverrideConfiguration override;

    SdkForm(IssuedAwsCredentials issued) {
      this.issued = issued;
      this.credentials =
          AwsSessionCredentials.create(
              issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken());
      this.provider = StaticCredentialsProvider.create(credentials);
      this.override = AwsRequestOverrideConfiguration.builder().credentialsProvider(provider).build();
    }
  }

  private SdkForm sdkForm(IssuedAwsCredentials issued) {
    SdkForm form = lastSdkForm;
    if (form == null || form.issued != issued) {
      form = new SdkForm(issued);
      lastSdkForm = form;
    }
    return form;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
    URI endpoint = attributes.getAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT);
    IssuedAwsCredentials decision =
        TetherBridge.dispatcher()
            .authorizeAwsRequest(
                service,
                operation,
                region == null ? null : region.id(),
                RequestFields.of(context.request()),
                endpoint == null ? null : endpoint.getScheme() + "://" + endpoint.getAuthority());
    if (decision == null) {
      return; // Tether's own traffic to the Vault
    }
    attributes.putAttribute(DECISION, decision);
    AwsRequestInFlight.set(decision);
    if (!decision.isAmbient()) {
      attributes.putAttribute(
          AwsSignerExecutionAttribute.AWS_CREDENTIALS, sdkForm(decision).credentials);
    }
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    IssuedAwsCredentials decision = attributes.getAttribute(DECISION);
    SdkRequest request = context.request();
    if (decision == null || decision.isAmbient() || !(request instanceof AwsRequest)) {
      return request;
    }
    SdkForm form = sdkForm(decision);
    SelectedIdentity.replace(attributes, form.credentials);
    AwsRequest awsRequest = (AwsRequest) request;
    Optional<AwsRequestOverrideConfiguration> own = awsRequest.overrideConfiguration();
    AwsRequestOverrideConfiguration override =
        own.isPresent()
            ? own.get().toBuilder().credentialsProvider(form.provider).build()
            : form.override;
    return awsRequest.toBuilder().overrideConfiguration(override).build();
  }

  @Override
  public void beforeMarshalling(Context.BeforeMarshalling context, ExecutionAttributes attributes) {
    // Identity has been resolved by now on every SDK release: the decision no longer needs to be
    // visible to the ambient-provider hooks.
    AwsRequestInFlight.clear();
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    IssuedAwsCredentials decision = attributes.getAttribute(DECISION);
    if (decision == null || decision.isAmbient()) {
      AwsTransmission.begin(context.httpRequest().host());
      return;
    }
    String signedWith = SignedKey.of(context.httpRequest());
    if (signedWith != null && !signedWith.equals(decision.accessKeyId())) {
      String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      TetherBridge.dispatcher()
          .onSigningMismatch(service, operation, decision.accessKeyId(), signedWith);
      throw new TetherDeniedException(
          "Tether stopped "
              + service
              + "."
              + operation
              + ": the request was signed with access key "
              + signedWith
              + " instead of the tool call's key "
              + decision.accessKeyId()
              + "; another interceptor or signer replaced the credentials");
    }
    // Decided already: the HTTP client hooks let this one request through as it is.
    AwsTransmission.begin(context.httpRequest().host());
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    AwsTransmission.end();
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    AwsRequestInFlight.clear();
    AwsTransmission.end();
  }
}
