package dev.tether.vault.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the agent token to a file only its owner can read (mode 600), replacing it atomically. */
public final class TokenFile {

  private TokenFile() {}

  public static void write(Path file, String token) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path temp;
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      // Created with mode 600, so the token is never readable by others, not even briefly.
      temp =
          Files.createTempFile(
              dir,
              ".tether-vault-token",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      temp = Files.createTempFile(dir, ".tether-vault-token", ".tmp");
    }
    try {
      Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
