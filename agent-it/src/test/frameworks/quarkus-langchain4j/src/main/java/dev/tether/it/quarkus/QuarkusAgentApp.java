package dev.tether.it.quarkus;

import dev.tether.it.apps.S3Steps;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

/**
 * A Quarkus application built on Quarkus LangChain4j that knows nothing of Tether: a
 * {@code @RegisterAiService} assistant whose scripted model asks for tool calls, which Quarkus
 * LangChain4j's own loop runs through the tool executors its build step generated. Arguments: the
 * S3 endpoint, the task, and optionally {@code worker-pool} (see {@link Steps#archiveExecutor}) or
 * {@code virtual-threads} (the assistant whose tools are {@link VirtualThreadTools}).
 * Prints the {@code STEP} lines of {@link S3Steps}, {@code TOOL} lines (the thread a tool's method
 * ran on), {@code TURN} lines, {@code RETURNED} when the asynchronous tool's method returned, then
 * the answer.
 */
@QuarkusMain
public class QuarkusAgentApp implements QuarkusApplication {

  @Inject Assistant assistant;
  @Inject VirtualThreadAssistant virtualThreadAssistant;

  @Override
  @ActivateRequestContext // an AI service is request-scoped
  public int run(String... args) {
    Steps.s3 = new S3Steps(args[0], Steps.BUCKET, args[1]);
    if (args.length > 2 && args[2].equals("worker-pool")) {
      Steps.archiveExecutor = Infrastructure.getDefaultWorkerPool();
      System.out.println("EXECUTOR " + Steps.archiveExecutor.getClass().getName());
    }
    boolean virtualThreads = args.length > 2 && args[2].equals("virtual-threads");
    String answer = (virtualThreads ? virtualThreadAssistant.chat("summarise the task's data")
        : assistant.chat("summarise the task's data"));
    System.out.println("ANSWER " + answer);
    Steps.s3.close();
    Steps.ARCHIVE_READER.shutdown();
    System.out.println("DONE");
    return 0;
  }
}
