package dev.tether.demo.stack;

import dev.tether.core.attest.LauncherKey;
import dev.tether.core.attest.LocalAttestor;
import dev.tether.core.attest.LocalAttestorServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One workload started by the stack acting as its launcher: a local attestor on loopback that
 * vouches for the first workload key presented with the ticket. Hand {@link #environment()} to
 * that workload only.
 */
public final class LocalLaunch implements AutoCloseable {

  /** Where the agent's local attestation provider looks for its attestor and ticket. */
  public static final String ATTESTOR_ENV = "TETHER_LOCAL_ATTESTOR";
  public static final String TICKET_ENV = "TETHER_LOCAL_ATTESTOR_TICKET";
  public static final String ATTESTOR_PROPERTY = "tether.local.attestor";
  public static final String TICKET_PROPERTY = "tether.local.attestor.ticket";

  private final LocalAttestor attestor;
  private final LocalAttestorServer server;

  LocalLaunch(LauncherKey key, String workload) {
    this.attestor = new LocalAttestor(key, workload);
    try {
      this.server = LocalAttestorServer.start(attestor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local attestor on loopback", e);
    }
  }

  public URI attestorUrl() {
    return server.url();
  }

  /** The launch ticket: a secret for the launched workload alone. */
  public String ticket() {
    return attestor.ticket();
  }

  /** The environment a launched process needs: the attestor's URL and the ticket. */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(ATTESTOR_ENV, attestorUrl().toString());
    env.put(TICKET_ENV, ticket());
    return env;
  }

  /** The same as system properties, for a workload in this very JVM (the one-process demo). */
  public Map<String, String> systemProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(ATTESTOR_PROPERTY, attestorUrl().toString());
    properties.put(TICKET_PROPERTY, ticket());
    return properties;
  }

  /** The workload key this launch vouches for, once the workload attested. */
  public String boundKey() {
    return attestor.boundKey();
  }

  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "LocalLaunch[" + attestorUrl() + ", ticket=<redacted>]";
  }
}
