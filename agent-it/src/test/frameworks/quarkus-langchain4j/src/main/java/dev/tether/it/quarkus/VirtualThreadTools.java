package dev.tether.it.quarkus;

import dev.langchain4j.agent.tool.Tool;
import dev.tether.it.apps.S3Steps;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * readReports and readLedger as {@code @RunOnVirtualThread} tools, under names of their own (Quarkus
 * LangChain4j 1.0 wants tool names unique in an application): Quarkus LangChain4j's executor
 * submits each call to Quarkus's virtual-thread executor and waits for it (on a JDK without
 * virtual threads, Quarkus falls back to its worker pool).
 */
@ApplicationScoped
public class VirtualThreadTools {

  @Tool("reads an object under the task's reports/")
  @RunOnVirtualThread
  public String readReportsOnVirtualThread(String path) {
    System.out.println("TOOL readReportsOnVirtualThread " + S3Steps.thread());
    return Steps.s3.read("readReportsOnVirtualThread", path);
  }

  @Tool("reads an object under the task's ledger/")
  @RunOnVirtualThread
  public String readLedgerOnVirtualThread(String path) {
    System.out.println("TOOL readLedgerOnVirtualThread " + S3Steps.thread());
    return Steps.s3.read("readLedgerOnVirtualThread", path);
  }
}
