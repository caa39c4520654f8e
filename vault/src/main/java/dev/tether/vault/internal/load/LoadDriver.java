package dev.tether.vault.internal.load;

import dev.tether.core.wire.VaultError;
import dev.tether.core.wire.WireJson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fires exchanges at a Vault from concurrent clients, each on its own kept-alive connection, in
 * segments: before each, the segment's requests are prepared (tokens derived, proofs signed; not
 * measured), then every client takes the next request, sends it and waits for its answer, until
 * the requests run out or the segment's time is up. Every exchange's latency is recorded.
 */
final class LoadDriver implements AutoCloseable {

  /** Requests in the first segment, before any rate is known. */
  private static final int FIRST_SEGMENT = 2_000;
  /** The most requests one segment prepares (about 5 s of signing on 2 cores). */
  private static final int MAX_SEGMENT = 300_000;
  /** Prepared requests per expected one, so that a segment rarely runs out before its time. */
  private static final double HEADROOM = 1.5;

  private final URI vault;
  private final String agentToken;
  private final ExchangeKind kind;
  private final List<LoadTask> tasks;
  private final List<Client> clients = new ArrayList<>();
  private final ExecutorService threads;
  private double rate; // exchanges per second in the last segment; 0 before the first

  LoadDriver(URI vault, String agentToken, ExchangeKind kind, List<LoadTask> tasks,
      int concurrency) {
    this.vault = vault;
    this.agentToken = agentToken;
    this.kind = kind;
    this.tasks = tasks;
    InetSocketAddress address = new InetSocketAddress(vault.getHost(), vault.getPort());
    for (int i = 0; i < concurrency; i++) {
      clients.add(new Client(new LoadConnection(address)));
    }
    AtomicInteger count = new AtomicInteger();
    threads = Executors.newFixedThreadPool(concurrency, task -> {
      Thread thread = new Thread(task, "tether-load-client-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Runs for {@code nanos} of measured time, or, when {@code requests} is above 0, for that many
   * exchanges.
   */
  PhaseResult run(long nanos, long requests) throws InterruptedException {
    boolean byCount = requests > 0;
    int connectsBefore = connects();
    for (Client client : clients) {
      client.reset();
    }
    long elapsed = 0;
    long done = 0;
    int segments = 0;
    long processCpu = 0;
    long machineCpu = 0;
    while (true) {
      long segmentNanos;
      int count;
      if (byCount) {
        long left = requests - done;
        if (left <= 0) {
          break;
        }
        segmentNanos = TimeUnit.SECONDS.toNanos(PreparedRequests.MAX_SECONDS);
        count = (int) Math.min(left, planned(segmentNanos, 1.0));
      } else {
        long left = nanos - elapsed;
        if (left < TimeUnit.MILLISECONDS.toNanos(10)) {
          break;
        }
        segmentNanos = Math.min(left, TimeUnit.SECONDS.toNanos(PreparedRequests.MAX_SECONDS));
        count = planned(segmentNanos, HEADROOM);
      }
      long now = System.currentTimeMillis() / 1000;
      PreparedRequests prepared = PreparedRequests.prepare(vault, agentToken, kind, tasks, count,
          now, now + TimeUnit.NANOSECONDS.toSeconds(segmentNanos) / 2);
      // A full collection moves the prepared requests, which live through the segment, to the
      // old generation: the young collections the Vault's own garbage sets off while it is
      // measured then do not copy them.
      System.gc();
      long cpuBefore = processCpuNanos();
      long machineBefore = MachineCpu.busyNanos();
      long[] outcome = segment(prepared, segmentNanos);
      long cpuAfter = processCpuNanos();
      long machineAfter = MachineCpu.busyNanos();
      processCpu = cpuBefore < 0 || cpuAfter < 0 || processCpu < 0 ? -1
          : processCpu + cpuAfter - cpuBefore;
      machineCpu = machineBefore < 0 || machineAfter < 0 || machineCpu < 0 ? -1
          : machineCpu + machineAfter - machineBefore;
      long answered = outcome[0];
      elapsed += outcome[1];
      done += answered;
      segments++;
      if (answered == 0) {
        break; // nothing came back: more segments would not either
      }
      rate = answered / (outcome[1] / 1e9);
    }
    long ok = 0;
    long clientCpu = 0;
    Map<String, Long> errors = new TreeMap<>();
    List<LatencyLog> logs = new ArrayList<>();
    for (Client client : clients) {
      ok += client.ok;
      clientCpu = client.cpuNanos < 0 || clientCpu < 0 ? -1 : clientCpu + client.cpuNanos;
      client.errors.forEach((what, n) -> errors.merge(what, n, Long::sum));
      logs.add(client.log);
    }
    return new PhaseResult(ok, errors, elapsed, LatencyLog.sorted(logs), segments,
        connects() - connectsBefore, processCpu, clientCpu, machineCpu);
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime()
        : -1;
  }

  private int planned(long segmentNanos, double headroom) {
    if (rate == 0) {
      return FIRST_SEGMENT;
    }
    double expected = rate * segmentNanos / 1e9;
    return (int) Math.min(MAX_SEGMENT, Math.ceil(expected * headroom) + 4L * clients.size());
  }

  /** @return answered exchanges, and nanoseconds from the start to the last answer */
  private long[] segment(PreparedRequests prepared, long segmentNanos)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(clients.size());
    long[] start = new long[1];
    for (Client client : clients) {
      client.answered = 0;
      client.lastAnswer = 0;
      client.checked = false;
      threads.execute(() -> {
        try {
          go.await();
          client.fire(prepared, next, start[0] + segmentNanos);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          finished.countDown();
        }
      });
    }
    start[0] = System.nanoTime(); // published to the clients by the latch
    go.countDown();
    finished.await();
    long answered = 0;
    long last = start[0];
    for (Client client : clients) {
      answered += client.answered;
      if (client.answered > 0) {
        last = Math.max(last, client.lastAnswer);
      }
    }
    return new long[] {answered, last - start[0]};
  }

  private int connects() {
    int total = 0;
    for (Client client : clients) {
      total += client.connection.connects();
    }
    return total;
  }

  @Override
  public void close() {
    threads.shutdownNow();
    for (Client client : clients) {
      client.connection.close();
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** One client: its connection, and what it recorded in the current phase. */
  private final class Client {
    final LoadConnection connection;
    LatencyLog log = new LatencyLog();
    Map<String, Long> errors = new TreeMap<>();
    long ok;
    long cpuNanos;
    long answered;
    long lastAnswer;
    boolean checked;

    Client(LoadConnection connection) {
      this.connection = connection;
    }

    void reset() {
      log = new LatencyLog();
      errors = new TreeMap<>();
      ok = 0;
      cpuNanos = THREADS.isCurrentThreadCpuTimeSupported() ? 0 : -1;
    }

    void fire(PreparedRequests prepared, AtomicInteger next, long deadline) {
      long cpuBefore = cpuNanos < 0 ? -1 : THREADS.getCurrentThreadCpuTime();
      try {
        fireUntil(prepared, next, deadline);
      } finally {
        if (cpuBefore >= 0) {
          cpuNanos += THREADS.getCurrentThreadCpuTime() - cpuBefore;
        }
      }
    }

    private void fireUntil(PreparedRequests prepared, AtomicInteger next, long deadline) {
      while (System.nanoTime() - deadline < 0) {
        int i = next.getAndIncrement();
        if (i >= prepared.size()) {
          return;
        }
        long begin = System.nanoTime();
        String error;
        try {
          LoadConnection.Answer answer = connection.exchange(prepared.head(i), prepared.body(i));
          error = answer.status() == 200 ? check(answer.body()) : refusal(answer);
        } catch (IOException e) {
          error = "I/O " + e.getClass().getSimpleName();
          connection.close();
        }
        long end = System.nanoTime();
        log.add(end - begin);
        lastAnswer = end;
        answered++;
        if (error == null) {
          ok++;
        } else {
          errors.merge(error, 1L, Long::sum);
        }
      }
    }

    // The first answer of each segment is read strictly as its wire record; the rest by shape.
    private String check(byte[] body) {
      if (!checked) {
        checked = true;
        try {
          kind.checkAnswer(body);
        } catch (RuntimeException e) {
          return "HTTP 200 with a malformed answer";
        }
      }
      return body.length > 0 && body[0] == '{' ? null : "HTTP 200 with a malformed answer";
    }
  }

  private static String refusal(LoadConnection.Answer answer) {
    try {
      return "HTTP " + answer.status() + " "
          + WireJson.read(answer.body(), VaultError.class).error();
    } catch (RuntimeException notAVaultError) {
      return "HTTP " + answer.status();
    }
  }
}
