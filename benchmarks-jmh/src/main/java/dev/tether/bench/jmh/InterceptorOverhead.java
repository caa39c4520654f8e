package dev.tether.bench.jmh;

import dev.tether.bootstrap.TetherBridge;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.ClientEndpointProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Tether's per-request work without the network, to attribute the warm-call difference: {@code
 * interceptor} runs Tether's four request hooks on a prepared GetObject as the SDK would call them
 * (beforeExecution, modifyRequest, beforeMarshalling, beforeTransmission on a request signed with
 * the tool call's key); {@code decisionOnly} is the part behind the bridge (scope check, cached
 * credentials, decision span), given the request's fields.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Attribution only, small and quick to compile: one fork keeps the default run short.
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class InterceptorOverhead {

  /** A GetObject as the SDK presents it to interceptors, inside the trial's tool call. */
  @State(Scope.Thread)
  public static class PreparedCall {

    ExecutionInterceptor interceptor;
    InterceptorContext context;
    ExecutionAttributes attributes;
    Map<String, String> fields;
    String endpoint;

    @Setup(Level.Trial)
    public void prepare(LoopbackAws aws, ToolScope tool) {
      // ToolScope's setup ran first (a dependency): the tool call holds its Vault key by now.
      URI s3 = aws.stack.s3Endpoint();
      interceptor = aws.interceptor;
      // Reused by every invocation: the hooks overwrite what they put in it.
      attributes = new ExecutionAttributes();
      attributes.putAttribute(SdkExecutionAttribute.SERVICE_NAME, "S3");
      attributes.putAttribute(SdkExecutionAttribute.OPERATION_NAME, "GetObject");
      attributes.putAttribute(AwsExecutionAttribute.AWS_REGION, Region.US_EAST_1);
      // CLIENT_ENDPOINT, which the interceptor reads, is derived from this one.
      attributes.putAttribute(
          SdkInternalExecutionAttribute.CLIENT_ENDPOINT_PROVIDER,
          ClientEndpointProvider.forEndpointOverride(s3));
      SdkHttpFullRequest signed =
          SdkHttpFullRequest.builder()
              .method(SdkHttpMethod.GET)
              .uri(s3.resolve("/" + LoopbackAws.BUCKET + "/" + LoopbackAws.TETHERED_OBJECT))
              .putHeader(
                  "Authorization",
                  "AWS4-HMAC-SHA256 Credential="
                      + aws.vaultKeyId
                      + "/20250101/us-east-1/s3/aws4_request,"
                      + " SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
                      + " Signature="
                      + "0".repeat(64))
              .build();
      context = InterceptorContext.builder().request(aws.tetheredGet).httpRequest(signed).build();
      fields = Map.of("Bucket", LoopbackAws.BUCKET, "Key", LoopbackAws.TETHERED_OBJECT);
      endpoint = s3.getScheme() + "://" + s3.getAuthority();
      // Fails the trial here, not in the measurement, if the hooks refuse this request.
      runHooks(this);
    }
  }

  @Benchmark
  public SdkRequest interceptor(PreparedCall call) {
    return runHooks(call);
  }

  @Benchmark
  public Object decisionOnly(PreparedCall call) {
    return TetherBridge.dispatcher()
        .authorizeAwsRequest("S3", "GetObject", "us-east-1", call.fields, call.endpoint);
  }

  private static SdkRequest runHooks(PreparedCall call) {
    ExecutionInterceptor tether = call.interceptor;
    tether.beforeExecution(call.context, call.attributes);
    SdkRequest modified = tether.modifyRequest(call.context, call.attributes);
    tether.beforeMarshalling(call.context, call.attributes);
    tether.beforeTransmission(call.context, call.attributes);
    return modified;
  }
}
