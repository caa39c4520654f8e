package dev.tether.bench.jmh;

import dev.tether.agent.internal.AgentInstaller;
import dev.tether.agent.internal.config.ConfigException;
import dev.tether.agent.internal.config.ConfigLoader;
import dev.tether.bootstrap.TetherBridge;
import dev.tether.bootstrap.TetherDispatcher;
import dev.tether.core.scope.AwsScope;
import dev.tether.demo.stack.LocalAwsStack;
import dev.tether.demo.stack.ReceivedRequest;
import dev.tether.vault.LocalSession;
import dev.tether.vault.TetherVault;
import dev.tether.vault.ToolCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * The loopback AWS side and Tether, once per fork: the embedded Vault and s3proxy (LocalAwsStack),
 * the dispatcher premain would install, and S3 clients built identically but for their
 * credentials and Tether's interceptor. Fails the trial unless each client's requests reached the
 * server signed with the key that client should carry.
 */
@State(Scope.Benchmark)
public class LoopbackAws {

  static final String BUCKET = "bench-data";
  static final String TASK_ID = "t-bench";
  // One object per client, of the same key length and content, so that the server's request log
  // tells which client each request came from (and every arm does the same work).
  static final String PLAIN_OBJECT = TASK_ID + "/object-p.txt";
  static final String TETHERED_OBJECT = TASK_ID + "/object-t.txt";
  static final String SESSION_OBJECT = TASK_ID + "/object-s.txt";
  static final String CONTENT = "A small object for the warm-call benchmark.\n";
  static final int CONTENT_LENGTH = CONTENT.getBytes(StandardCharsets.UTF_8).length;

  private static final String CONFIG_RESOURCE = "tether-jmh.yaml";

  LocalAwsStack stack;
  TetherDispatcher dispatcher;
  ExecutionInterceptor interceptor;
  /** Signs with the platform key, as the SDK does without the agent. */
  S3Client plain;
  /** The same, with Tether's interceptor: it signs with the tool call's Vault-issued key. */
  S3Client tethered;
  /**
   * For attribution only: no interceptor, but signing with the tool call's own session
   * credentials, so it pays what session credentials cost (the token header, the server's session
   * lookup) and nothing of Tether's client-side work. Built by {@link #verify}.
   */
  S3Client sessionKey;

  final GetObjectRequest plainGet = get(PLAIN_OBJECT);
  final GetObjectRequest tetheredGet = get(TETHERED_OBJECT);
  final GetObjectRequest sessionKeyGet = get(SESSION_OBJECT);
  /** The access key id the Vault issued for the running tool call, once {@link #verify} ran. */
  String vaultKeyId;

  @Setup(Level.Trial)
  public void start() throws ConfigException {
    stack = startStack();
    try {
      for (String key : List.of(PLAIN_OBJECT, TETHERED_OBJECT, SESSION_OBJECT)) {
        stack.seed(BUCKET, key, CONTENT);
      }
      runtimeEnvironment(stack).forEach(System::setProperty);
      installTether();
      AwsCredentialsProvider platformKey = platformKey();
      plain = s3Client(platformKey, ClientOverrideConfiguration.builder().build());
      // With -javaagent the SDK builder hook prepends Tether's interceptor to the list
      // resolveExecutionInterceptors returns; here it is the first (and only) interceptor of the
      // override configuration, which the SDK runs after its own. On SDK 2.57.8 no interceptor
      // resolves identity (auth-scheme selection and identity resolution are pipeline stages
      // after modifyRequest), so the request path is equivalent: the same hooks run on the same
      // request, and the request is signed with the credentials Tether decided.
      tethered =
          s3Client(
              platformKey,
              ClientOverrideConfiguration.builder().addExecutionInterceptor(interceptor).build());
    } catch (RuntimeException | ConfigException e) {
      close(); // JMH runs no teardown after a failed setup: stop s3proxy's threads here
      throw e;
    }
  }

  /** The embedded Vault, whose catalogue has the one tool {@code benchRead}, and s3proxy. */
  static LocalAwsStack startStack() {
    return LocalAwsStack.start(
        ToolCatalogue.of(
            Map.of(
                "benchRead",
                new AwsScope(
                    List.of("s3:GetObject"), List.of("arn:aws:s3:::bench-data/${task.id}/*")))));
  }

  private void installTether() throws ConfigException {
    dispatcher =
        AgentInstaller.inProcessDispatcher(
            ConfigLoader.parse(readConfig(), "<classpath:" + CONFIG_RESOURCE + ">"),
            LoopbackAws.class.getClassLoader());
    TetherBridge.install(dispatcher);
    interceptor =
        (ExecutionInterceptor) dispatcher.createAwsInterceptor(S3Client.class.getClassLoader());
    if (interceptor == null) {
      throw new IllegalStateException(
          "Tether could not create its AWS interceptor (see the [tether] message above)");
    }
  }

  /**
   * One GetObject through each client, inside the tool call: the tethered one must reach the
   * server signed with a key the Vault issued for this tool and task, the plain one with the
   * platform key; then builds the session-key client with that Vault session and checks it too.
   * Call it on the thread that holds the tool call.
   */
  void verify() {
    read(tethered, tetheredGet);
    ReceivedRequest tetheredRequest = lastRequestFor(TETHERED_OBJECT);
    if (tetheredRequest == null
        || !tetheredRequest.accepted()
        || !vaultIssuedKeys().contains(tetheredRequest.accessKeyId())) {
      throw new IllegalStateException(
          "The tethered client's GetObject did not reach the server signed with a key the Vault"
              + " issued for tool "
              + BenchReadTool.METHOD
              + " (server saw "
              + (tetheredRequest == null ? "no request" : tetheredRequest.accessKeyId())
              + "): the benchmark would not measure Tether's enforcement path");
    }
    vaultKeyId = tetheredRequest.accessKeyId();
    expectKey(plain, plainGet, PLAIN_OBJECT, stack.platformAccessKeyId(), "the platform key");

    sessionKey = s3Client(vaultSession(), ClientOverrideConfiguration.builder().build());
    expectKey(
        sessionKey, sessionKeyGet, SESSION_OBJECT, vaultKeyId, "the tool call's session key");
  }

  private void expectKey(
      S3Client client, GetObjectRequest get, String objectKey, String accessKeyId, String what) {
    read(client, get);
    ReceivedRequest request = lastRequestFor(objectKey);
    if (request == null || !request.accepted() || !accessKeyId.equals(request.accessKeyId())) {
      throw new IllegalStateException(
          "A GetObject of "
              + objectKey
              + " did not reach the server signed with "
              + what
              + " (server saw "
              + (request == null ? "no request" : request.accessKeyId())
              + ")");
    }
  }

  /** Checks the whole trial: every request of each client carried its client's key. */
  @TearDown(Level.Trial)
  public void stop() {
    try {
      Set<String> vaultKeys = vaultIssuedKeys();
      for (ReceivedRequest request : stack.requests()) {
        boolean platformExpected = request.targets(BUCKET, PLAIN_OBJECT);
        boolean rightKey =
            platformExpected
                ? stack.platformAccessKeyId().equals(request.accessKeyId())
                : vaultKeys.contains(request.accessKeyId());
        if (!request.accepted() || !rightKey) {
          throw new IllegalStateException(
              "During the trial the server saw a request for "
                  + request.bucket()
                  + "/"
                  + request.key()
                  + " signed with "
                  + request.accessKeyId()
                  + (request.accepted() ? "" : " (rejected)")
                  + ", expected "
                  + (platformExpected ? "the platform key" : "a Vault-issued key")
                  + ": the figures are not valid");
        }
      }
    } finally {
      close();
    }
  }

  /** Stops the clients, s3proxy and the Vault (their threads would keep the fork alive). */
  void close() {
    for (S3Client client : new S3Client[] {plain, tethered, sessionKey}) {
      if (client != null) {
        client.close();
      }
    }
    if (stack != null) {
      stack.close();
    }
    plain = null;
    tethered = null;
    sessionKey = null;
    stack = null;
  }

  /** One GetObject, read fully. */
  byte[] read(S3Client client, GetObjectRequest request) {
    byte[] bytes = client.getObjectAsBytes(request).asByteArrayUnsafe();
    if (bytes.length != CONTENT_LENGTH) {
      throw new IllegalStateException(
          "GetObject returned " + bytes.length + " bytes, expected " + CONTENT_LENGTH);
    }
    return bytes;
  }

  private static GetObjectRequest get(String key) {
    return GetObjectRequest.builder().bucket(BUCKET).key(key).build();
  }

  private Set<String> vaultIssuedKeys() {
    // Identifiers only: access key ids are not secrets.
    return stack.vault().issuances().stream()
        .filter(i -> BenchReadTool.METHOD.equals(i.tool()) && TASK_ID.equals(i.taskId()))
        .map(i -> i.accessKeyId())
        .collect(Collectors.toSet());
  }

  private ReceivedRequest lastRequestFor(String key) {
    List<ReceivedRequest> requests = stack.requests();
    for (int i = requests.size() - 1; i >= 0; i--) {
      if (requests.get(i).targets(BUCKET, key)) {
        return requests.get(i);
      }
    }
    return null;
  }

  /**
   * What a runtime puts in the process, as WarmS3CallBench does: where the Vault is and the task
   * grant. Tether reads these at first use.
   */
  static Map<String, String> runtimeEnvironment(LocalAwsStack stack) {
    Map<String, String> properties = new LinkedHashMap<>();
    TetherVault vault = stack.vault();
    properties.put("tether.vault.url", vault.url().toString());
    properties.put("tether.vault.token", vault.agentToken());
    // The stack is this workload's launcher: its local attestor vouches for the agent's key.
    properties.putAll(stack.launch("pid " + ProcessHandle.current().pid()).systemProperties());
    properties.put(
        "tether.task.grant", stack.grantAllTools(TASK_ID, "bench", List.of("acme/bench")));
    return properties;
  }

  /** As WarmS3CallBench builds its client, but with explicit credentials. */
  private S3Client s3Client(
      AwsCredentialsProvider credentials, ClientOverrideConfiguration overrides) {
    return clientBuilder(credentials, overrides)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /** Everything of the benchmark's clients but the HTTP client. */
  S3ClientBuilder clientBuilder(
      AwsCredentialsProvider credentials, ClientOverrideConfiguration overrides) {
    return S3Client.builder()
        .endpointOverride(stack.s3Endpoint())
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials)
        .overrideConfiguration(overrides)
        // s3proxy does not check the checksums the SDK adds by default since 2.30.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
  }

  /** The platform key, as the plain client signs with it. */
  AwsCredentialsProvider platformKey() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(stack.platformAccessKeyId(), stack.platformSecretAccessKey()));
  }

  /** The running tool call's Vault session, as the session-key client signs with it. */
  AwsCredentialsProvider vaultSession() {
    LocalSession session =
        stack
            .vault()
            .localSession(vaultKeyId)
            .orElseThrow(() -> new IllegalStateException("the Vault forgot session " + vaultKeyId));
    return StaticCredentialsProvider.create(
        AwsSessionCredentials.create(
            session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
  }

  private static String readConfig() {
    try (InputStream in = LoopbackAws.class.getClassLoader().getResourceAsStream(CONFIG_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            CONFIG_RESOURCE + " is missing from the class path; rebuild benchmarks-jmh");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CONFIG_RESOURCE, e);
    }
  }
}
