package dev.tether.agent.internal.attest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Drains one output stream of a child process on its own daemon thread, keeping at most {@code
 * limit} bytes, so the child never blocks on a full pipe while the caller waits for it.
 */
final class StreamCollector extends Thread {

  private final InputStream in;
  private final int limit;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private boolean overflowed;

  StreamCollector(InputStream in, int limit, String name) {
    super(name);
    this.in = in;
    this.limit = limit;
    setDaemon(true);
  }

  @Override
  public void run() {
    byte[] buffer = new byte[8192];
    try (InputStream stream = in) {
      int n;
      while ((n = stream.read(buffer)) >= 0) {
        synchronized (this) {
          int room = limit - kept.size();
          if (n > room) {
            overflowed = true;
          }
          kept.write(buffer, 0, Math.max(0, Math.min(n, room)));
        }
      }
    } catch (IOException e) {
      // the process was destroyed, or closed the stream: keep what was read
    }
  }

  /** The bytes read so far (all of them once the thread has ended). */
  synchronized byte[] bytes() {
    return kept.toByteArray();
  }

  /** Whether the stream held more than the limit. */
  synchronized boolean overflowed() {
    return overflowed;
  }
}
