package dev.tether.demo.stack;

import dev.tether.vault.LocalSession;
import dev.tether.vault.TetherVault;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaul.s3proxy.BlobStoreLocator;
import org.jclouds.blobstore.BlobStore;

/**
 * Tells s3proxy which secret belongs to an access key id: a live session the Vault issued, or the
 * one platform key. Any other key gets null, which s3proxy answers with 403 InvalidAccessKeyId.
 * Every lookup is recorded, since it is the one place that sees which key each request carried.
 */
final class VaultAwareBlobStoreLocator implements BlobStoreLocator {

  private final TetherVault vault;
  private final String platformAccessKeyId;
  private final String platformSecretAccessKey;
  private final BlobStore blobStore;
  private final Clock clock;
  // Appended on every request, read rarely: a copy-on-write list would copy itself per request.
  private final List<ReceivedRequest> requests = new ArrayList<>();

  VaultAwareBlobStoreLocator(
      TetherVault vault,
      String platformAccessKeyId,
      String platformSecretAccessKey,
      BlobStore blobStore,
      Clock clock) {
    this.vault = vault;
    this.platformAccessKeyId = platformAccessKeyId;
    this.platformSecretAccessKey = platformSecretAccessKey;
    this.blobStore = blobStore;
    this.clock = clock;
  }

  @Override
  public Map.Entry<String, BlobStore> locateBlobStore(
      String identity, String container, String blob) {
    Instant now = clock.instant();
    Optional<String> secret;
    try {
      secret = secretFor(identity, now);
    } catch (RuntimeException e) {
      // s3proxy answers 500; the request still counts as received.
      record(new ReceivedRequest(identity, emptyToNull(container), emptyToNull(blob), now, false));
      throw e;
    }
    record(
        new ReceivedRequest(
            identity, emptyToNull(container), emptyToNull(blob), now, secret.isPresent()));
    return secret.<Map.Entry<String, BlobStore>>map(s -> Map.entry(s, blobStore)).orElse(null);
  }

  private void record(ReceivedRequest request) {
    synchronized (requests) {
      requests.add(request);
    }
  }

  List<ReceivedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private Optional<String> secretFor(String accessKeyId, Instant now) {
    if (accessKeyId == null || accessKeyId.isEmpty()) {
      return Optional.empty();
    }
    if (accessKeyId.equals(platformAccessKeyId)) {
      return Optional.of(platformSecretAccessKey);
    }
    return vault
        .localSession(accessKeyId)
        .filter(session -> !session.isExpiredAt(now))
        .map(LocalSession::secretAccessKey);
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
