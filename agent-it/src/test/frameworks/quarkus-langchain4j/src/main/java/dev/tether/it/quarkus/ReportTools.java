package dev.tether.it.quarkus;

import dev.langchain4j.agent.tool.Tool;
import dev.tether.it.apps.S3Steps;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The tools Tether's configuration lists, on a CDI bean (Quarkus invokes them through its client
 * proxy). readArchive is asynchronous: its method returns a {@code Uni} whose S3 read runs later,
 * on another thread, when Quarkus LangChain4j subscribes to it.
 */
@ApplicationScoped
public class ReportTools {

  @Tool("reads an object under the task's reports/")
  public String readReports(String path) {
    System.out.println("TOOL readReports " + S3Steps.thread());
    return Steps.s3.read("readReports", path);
  }

  @Tool("reads an object under the task's ledger/")
  public String readLedger(String path) {
    System.out.println("TOOL readLedger " + S3Steps.thread());
    return Steps.s3.read("readLedger", path);
  }

  @Tool("reads the task's archive")
  public Uni<String> readArchive() {
    Uni<String> read =
        Uni.createFrom()
            .item(() -> Steps.s3.read("readArchive", "archive/a.txt"))
            .runSubscriptionOn(Steps.archiveExecutor);
    System.out.println("RETURNED readArchive/archive/a.txt " + S3Steps.thread());
    return read;
  }
}
