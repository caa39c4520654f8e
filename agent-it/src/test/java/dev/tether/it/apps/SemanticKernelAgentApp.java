package dev.tether.it.apps;

import com.azure.ai.openai.OpenAIAsyncClient;
import com.azure.ai.openai.OpenAIClientBuilder;
import com.azure.core.credential.KeyCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.FluxUtil;
import com.microsoft.semantickernel.Kernel;
import com.microsoft.semantickernel.aiservices.openai.chatcompletion.OpenAIChatCompletion;
import com.microsoft.semantickernel.orchestration.InvocationContext;
import com.microsoft.semantickernel.orchestration.ToolCallBehavior;
import com.microsoft.semantickernel.plugin.KernelPluginFactory;
import com.microsoft.semantickernel.semanticfunctions.annotations.DefineKernelFunction;
import com.microsoft.semantickernel.semanticfunctions.annotations.KernelFunctionParameter;
import com.microsoft.semantickernel.services.chatcompletion.ChatCompletionService;
import com.microsoft.semantickernel.services.chatcompletion.ChatHistory;
import com.microsoft.semantickernel.services.chatcompletion.ChatMessageContent;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An agent built on Semantic Kernel that knows nothing of Tether: a {@link Kernel} with one plugin
 * ({@code Reports}, four native functions) and Semantic Kernel's {@link OpenAIChatCompletion},
 * which runs the tool loop itself (auto-invoke, {@code ToolCallBehavior.allowAllKernelFunctions}).
 * Its OpenAI client talks to a scripted model in this process (an Azure {@link HttpClient} that
 * answers chat completions requests; no model service, no network). Each S3 read uses the SDK's
 * default credentials chain.
 *
 * <p>{@code readReports} is asynchronous: it returns a {@code Mono} whose S3 read runs on {@code
 * Schedulers.boundedElastic()} once Semantic Kernel subscribes to it, after the method returned.
 * The others return their result; Semantic Kernel runs them on {@code boundedElastic} too.
 *
 * <p>Responses: (1) readReports and readLedger (Semantic Kernel runs one response's calls one
 * after the other); (2) readArchive, readReports trying readLedger's object, and unlisted (no entry
 * in Tether's configuration); (3) the answer. Prints one {@code STEP} line per S3 attempt, {@code
 * RETURNED} when the asynchronous function's method returns, and {@code TURN} per model call.
 */
public final class SemanticKernelAgentApp {

  public static final String BUCKET = "it-data";

  static S3Steps s3;

  public static void main(String[] args) throws Exception {
    s3 = new S3Steps(args[0], BUCKET, args[1]);

    OpenAIAsyncClient client =
        new OpenAIClientBuilder()
            .credential(new KeyCredential("scripted"))
            .httpClient(new ScriptedModel())
            .buildAsyncClient();
    ChatCompletionService chat =
        OpenAIChatCompletion.builder().withOpenAIAsyncClient(client).withModelId("scripted").build();
    Kernel kernel =
        Kernel.builder()
            .withAIService(ChatCompletionService.class, chat)
            .withPlugin(KernelPluginFactory.createFromObject(new ReportTools(), "Reports"))
            .build();
    InvocationContext invocation =
        InvocationContext.builder()
            .withToolCallBehavior(ToolCallBehavior.allowAllKernelFunctions(true))
            .build();
    ChatHistory history = new ChatHistory();
    history.addUserMessage("summarise the task's data");
    List<ChatMessageContent<?>> messages =
        chat.getChatMessageContentsAsync(history, kernel, invocation).block();
    System.out.println("ANSWER " + messages.get(messages.size() - 1).getContent());
    s3.close();
    System.out.println("DONE");
    System.exit(0);
  }

  /** The plugin's native functions; the model calls them as {@code Reports-<name>}. */
  public static final class ReportTools {

    /** Returns its read still to run: Semantic Kernel subscribes to it after this returned. */
    @DefineKernelFunction(name = "readReports", description = "reads an object under reports/", returnType = "java.lang.String")
    public Mono<String> readReports(
        @KernelFunctionParameter(name = "path", description = "object under the task's reports/") String path) {
      Mono<String> read =
          Mono.fromCallable(() -> s3.read("readReports", path)).subscribeOn(Schedulers.boundedElastic());
      System.out.println("RETURNED readReports/" + path + " " + S3Steps.thread());
      return read;
    }

    @DefineKernelFunction(name = "readLedger", description = "reads an object under ledger/", returnType = "java.lang.String")
    public String readLedger(
        @KernelFunctionParameter(name = "path", description = "object under the task's ledger/") String path) {
      return s3.read("readLedger", path);
    }

    @DefineKernelFunction(name = "readArchive", description = "reads an object under archive/", returnType = "java.lang.String")
    public String readArchive(
        @KernelFunctionParameter(name = "path", description = "object under the task's archive/") String path) {
      return s3.read("readArchive", path);
    }

    /** A function the application offers the model but Tether's configuration does not list. */
    @DefineKernelFunction(name = "unlisted", description = "reads any object", returnType = "java.lang.String")
    public String unlisted(
        @KernelFunctionParameter(name = "path", description = "any object") String path) {
      return s3.read("unlisted", path);
    }
  }

  /**
   * The model, as the OpenAI client's HTTP client: answers each chat completions request by
   * script, the round following from the assistant tool-call messages the request already holds.
   */
  static final class ScriptedModel implements HttpClient {

    private static final Pattern TOOL_CALLS = Pattern.compile("\"tool_calls\"\\s*:\\s*\\[");

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
      return FluxUtil.collectBytesInByteBufferStream(request.getBody())
          .map(body -> (HttpResponse) new Answer(request, answer(new String(body, StandardCharsets.UTF_8))));
    }

    private static String answer(String requestBody) {
      int rounds = 0;
      Matcher calls = TOOL_CALLS.matcher(requestBody);
      while (calls.find()) {
        rounds++;
      }
      System.out.println("TURN " + rounds);
      if (rounds == 0) {
        return completion(call("c1", "readReports", "reports/r.txt") + "," + call("c2", "readLedger", "ledger/l.txt"));
      }
      if (rounds == 1) {
        return completion(
            call("c3", "readArchive", "archive/a.txt") + "," + call("c4", "readReports", "ledger/l.txt")
                + "," + call("c5", "unlisted", "reports/r.txt"));
      }
      return "{\"id\":\"r" + rounds + "\",\"object\":\"chat.completion\",\"created\":1700000000,"
          + "\"model\":\"scripted\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
          + "\"message\":{\"role\":\"assistant\",\"content\":\"done after " + rounds
          + " tool rounds\"}}],\"usage\":{\"completion_tokens\":1,\"prompt_tokens\":1,\"total_tokens\":2}}";
    }

    private static String completion(String toolCalls) {
      return "{\"id\":\"r\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"scripted\","
          + "\"choices\":[{\"index\":0,\"finish_reason\":\"tool_calls\",\"message\":{\"role\":\"assistant\","
          + "\"content\":null,\"tool_calls\":[" + toolCalls + "]}}],"
          + "\"usage\":{\"completion_tokens\":1,\"prompt_tokens\":1,\"total_tokens\":2}}";
    }

    private static String call(String id, String function, String path) {
      return "{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"Reports-" + function
          + "\",\"arguments\":\"{\\\"path\\\":\\\"" + path + "\\\"}\"}}";
    }
  }

  /** One scripted HTTP answer: 200, JSON. */
  static final class Answer extends HttpResponse {
    private final byte[] body;
    private final HttpHeaders headers =
        new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json");

    Answer(HttpRequest request, String body) {
      super(request);
      this.body = body.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int getStatusCode() {
      return 200;
    }

    @Override
    @SuppressWarnings("deprecation")
    public String getHeaderValue(String name) {
      return headers.getValue(name);
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
      return Flux.just(ByteBuffer.wrap(body));
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
      return Mono.just(body);
    }

    @Override
    public Mono<String> getBodyAsString() {
      return Mono.just(new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
      return Mono.just(new String(body, charset));
    }
  }
}
