package dev.tether.vault.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestThreadsTest {

  @Test
  void aRequestThatTheBusyOnesWaitForStillGetsAThread() throws Exception {
    ThreadPoolExecutor pool = RequestThreads.create(2, 16, "test");
    try {
      CountDownLatch callBack = new CountDownLatch(1);
      CountDownLatch waiting = new CountDownLatch(6);
      for (int i = 0; i < 6; i++) { // six exchanges, each waiting on an upstream's call back
        pool.execute(() -> {
          waiting.countDown();
          await(callBack);
        });
      }
      assertThat(waiting.await(10, TimeUnit.SECONDS)).as("all six run at once").isTrue();

      pool.execute(callBack::countDown); // the upstream's call back into this server

      assertThat(callBack.await(10, TimeUnit.SECONDS)).as("it was not queued behind them").isTrue();
      assertThat(pool.getLargestPoolSize()).isEqualTo(7);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void pastItsMostThreadsRequestsWaitInLineAndAllRun() throws Exception {
    ThreadPoolExecutor pool = RequestThreads.create(1, 2, "test");
    try {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(5);
      for (int i = 0; i < 5; i++) {
        pool.execute(() -> {
          await(release);
          done.countDown();
        });
      }
      assertThat(pool.getPoolSize()).isEqualTo(2);
      assertThat(pool.getQueue()).hasSize(3);

      release.countDown();

      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(pool.getLargestPoolSize()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anIdleThreadIsReusedRatherThanAnotherStarted() throws Exception {
    ThreadPoolExecutor pool = RequestThreads.create(1, 8, "test");
    try {
      for (int i = 0; i < 20; i++) {
        CountDownLatch ran = new CountDownLatch(1);
        pool.execute(ran::countDown);
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        waitUntilIdle(pool);
      }
      assertThat(pool.getLargestPoolSize()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // Until the thread that ran the last request waits for the next one.
  private static void waitUntilIdle(ThreadPoolExecutor pool) throws InterruptedException {
    LinkedTransferQueue<Runnable> queue = (LinkedTransferQueue<Runnable>) pool.getQueue();
    for (int i = 0; i < 5000 && !queue.hasWaitingConsumer(); i++) {
      Thread.sleep(1);
    }
  }
}
