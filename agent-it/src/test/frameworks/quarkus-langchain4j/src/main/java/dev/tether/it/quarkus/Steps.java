package dev.tether.it.quarkus;

import dev.tether.it.apps.S3Steps;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** What the tools share: the S3 reads, and the thread the asynchronous tool reads on. */
final class Steps {

  static final String BUCKET = "it-data";

  static volatile S3Steps s3;

  /** A JDK executor, where readArchive's Uni is subscribed by default: its read runs there, later. */
  static final ExecutorService ARCHIVE_READER =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "archive-reader");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Where readArchive's Uni is subscribed: {@link #ARCHIVE_READER}, or Quarkus's own worker pool
   * (Mutiny's default, a JBoss Threads executor) when the app's third argument is {@code
   * worker-pool}.
   */
  static volatile Executor archiveExecutor = ARCHIVE_READER;

  private Steps() {}
}
