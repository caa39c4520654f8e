package dev.tether.instrumentation.awssdk.v2;

import dev.tether.bootstrap.AwsRequestInFlight;
import dev.tether.bootstrap.AwsTransmission;
import dev.tether.bootstrap.IssuedAwsCredentials;
import dev.tether.bootstrap.TetherBridge;
import dev.tether.bootstrap.TetherDeniedException;
import java.net.URI;
import java.util.Optional;
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
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.regions.Region;

/**
 * Tether's interceptor, first in every SDK client's chain. Defined by the agent in a child loader
 * of the application's SDK loader; it talks to the agent only through the bootstrap bridge.
 *
 * <p>{@code beforeExecution} runs on the calling thread for sync and async clients alike: that is
 * where the tool context is read and the decision made. The decided credentials replace the
 * client's identity providers in the execution attributes, before any identity is resolved: SDK
 * releases 2.23-2.46 resolve it in the service's auth-scheme interceptor, which runs after this
 * one, and 2.47+ after all interceptors, both from that attribute. The client's own credentials
 * provider is then never asked, so a client built with a key of its own, or with a provider that
 * fails, signs with the tool call's key. A request is rebuilt with a request-level credentials
 * provider only where the SDK asks one: when the request carries its own override configuration
 * (a provider set there would win), or is signed the pre-2.23 way ({@link LegacySigning}).
 * {@code beforeTransmission} sees the signed request and stops it unless it was signed with
 * exactly the decided key.
 */
public final class TetherExecutionInterceptor implements ExecutionInterceptor {

  private static final ExecutionAttribute<IssuedAwsCredentials> DECISION =
      new ExecutionAttribute<>("TetherDecision");

  /** The last decided credentials in the SDK's forms: one tool call's requests reuse them. */
  private volatile ToolCallKey lastKey;

  /** Clients' identity providers let answer for an ambient request. */
  private final ReplacedProviders ambientProviders = new ReplacedProviders(AmbientIdentity::around);

  /** The client endpoint's origin, as last computed: a client's endpoint object does not change. */
  private volatile Origin lastOrigin;

  private static final class Origin {
    final URI endpoint;
    final String origin;

    Origin(URI endpoint) {
      this.endpoint = endpoint;
      this.origin = endpoint.getScheme() + "://" + endpoint.getAuthority();
    }
  }

  private ToolCallKey key(IssuedAwsCredentials issued) {
    ToolCallKey key = lastKey;
    if (key == null || key.issued != issued) {
      key = new ToolCallKey(issued);
      lastKey = key;
    }
    return key;
  }

  private String origin(URI endpoint) {
    if (endpoint == null) {
      return null;
    }
    Origin origin = lastOrigin;
    if (origin == null || origin.endpoint != endpoint) {
      origin = new Origin(endpoint);
      lastOrigin = origin;
    }
    return origin.origin;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
    IssuedAwsCredentials decision =
        TetherBridge.dispatcher()
            .authorizeAwsRequest(
                service,
                operation,
                region == null ? null : region.id(),
                RequestFields.of(context.request()),
                origin(attributes.getAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT)));
    if (decision == null) {
      return; // Tether's own traffic to the Vault
    }
    attributes.putAttribute(DECISION, decision);
    IdentityProviders clients =
        attributes.getAttribute(SdkInternalExecutionAttribute.IDENTITY_PROVIDERS);
    if (decision.isAmbient()) {
      // The client's own provider answers for this request, wherever the SDK asks it: until
      // marshalling on this thread (2.23-2.46, legacy signing), or through the wrapper (2.47+).
      AwsRequestInFlight.set(decision);
      if (clients != null) {
        attributes.putAttribute(
            SdkInternalExecutionAttribute.IDENTITY_PROVIDERS, ambientProviders.forClient(clients));
      }
      return;
    }
    ToolCallKey key = key(decision);
    if (clients != null) {
      attributes.putAttribute(
          SdkInternalExecutionAttribute.IDENTITY_PROVIDERS, key.identityProviders.forClient(clients));
    } else {
      // A client generated before auth schemes: its signer reads the credentials from here.
      attributes.putAttribute(AwsSignerExecutionAttribute.AWS_CREDENTIALS, key.credentials);
    }
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    IssuedAwsCredentials decision = attributes.getAttribute(DECISION);
    SdkRequest request = context.request();
    if (decision == null || decision.isAmbient() || !(request instanceof AwsRequest)) {
      return request;
    }
    ToolCallKey key = key(decision);
    SelectedIdentity.replace(attributes, key.credentials);
    AwsRequest awsRequest = (AwsRequest) request;
    Optional<AwsRequestOverrideConfiguration> own = awsRequest.overrideConfiguration();
    if (own.isEmpty() && !LegacySigning.applies(attributes)) {
      return request; // identity comes from the replaced identity providers
    }
    // A provider set on the request wins over the identity providers, and legacy signing asks it.
    AwsRequestOverrideConfiguration override =
        own.isPresent()
            ? own.get().toBuilder().credentialsProvider(key.provider).build()
            : key.override;
    return awsRequest.toBuilder().overrideConfiguration(override).build();
  }

  @Override
  public void beforeMarshalling(Context.BeforeMarshalling context, ExecutionAttributes attributes) {
    // 2.23-2.46 and legacy signing have resolved identity by now; 2.47+ resolves it later, through
    // AmbientIdentity. Either way the thread no longer needs to carry an ambient decision.
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
    if (signedWith == null
        && CrtSigning.withTheClientsOwnKey(attributes, context.request().getClass())) {
      throw stopped(
          attributes,
          decision,
          "the CRT client's own key",
          "the CRT-based S3 client of this AWS SDK release signs with the credentials it was built"
              + " with, never the tool call's key "
              + decision.accessKeyId()
              + "; inside tools use a client from S3AsyncClient.builder(), or an SDK release whose"
              + " CRT client takes credentials per request (2.57.8 does)");
    }
    if (signedWith != null && !signedWith.equals(decision.accessKeyId())) {
      throw stopped(
          attributes,
          decision,
          signedWith,
          "the request was signed with access key "
              + signedWith
              + " instead of the tool call's key "
              + decision.accessKeyId()
              + "; another interceptor or signer replaced the credentials");
    }
    // Decided already: the HTTP client hooks let this one request through as it is.
    AwsTransmission.begin(context.httpRequest().host());
  }

  /** Records the signing mismatch and returns the refusal naming the operation and why. */
  private static TetherDeniedException stopped(
      ExecutionAttributes attributes, IssuedAwsCredentials decision, String signedWith, String why) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    TetherBridge.dispatcher()
        .onSigningMismatch(service, operation, decision.accessKeyId(), signedWith);
    return new TetherDeniedException("Tether stopped " + service + "." + operation + ": " + why);
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
