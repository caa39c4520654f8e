package dev.tether.vault.internal.http;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads that run a server's requests: a request goes to an idle thread; while every
 * thread is busy another is started, up to {@code most}; only then do requests wait in line.
 *
 * <p>A fixed pool with a queue starves a request that the busy ones wait for: after a key rotation,
 * STS fetches the Vault's OpenID Connect key set from the Vault while the exchanges that called STS
 * hold every thread, and the fetch would queue behind them until both time out.
 */
final class RequestThreads {

  private static final long IDLE_SECONDS = 30;

  private RequestThreads() {}

  /**
   * @param threads how many threads to start before any is re-used (they end after {@value
   *     #IDLE_SECONDS} s idle)
   * @param most how many run at once at most
   */
  static ThreadPoolExecutor create(int threads, int most, String threadName) {
    HandOffQueue queue = new HandOffQueue();
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            most,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            queue,
            task -> {
              Thread thread = new Thread(task, threadName + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            (task, executor) -> {
              if (executor.isShutdown()) {
                throw new RejectedExecutionException(threadName + " is stopped");
              }
              queue.waitInLine(task); // all `most` threads busy
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * Takes a request only when an idle thread takes it at once, so that the pool starts another
   * thread instead; {@link #waitInLine} queues it when the pool may start none.
   */
  private static final class HandOffQueue extends LinkedTransferQueue<Runnable> {
    @Override
    public boolean offer(Runnable task) {
      return tryTransfer(task);
    }

    void waitInLine(Runnable task) {
      super.offer(task);
    }
  }
}
