package dev.tether.vault;

import java.util.Map;

/** The {@code --store} option of {@code serve} and {@code load}, with its Redis credentials. */
final class StoreOption {

  private StoreOption() {}

  /**
   * The store {@code value} names ({@code memory} when absent), with the Redis ACL user and
   * password from the environment when the store is shared.
   */
  static StoreLocation parse(String value, Map<String, String> env) {
    if (value == null) {
      return StoreLocation.memory();
    }
    StoreLocation store;
    try {
      store = StoreLocation.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--store: " + e.getMessage());
    }
    String password = CommandArgs.env(env, VaultMain.REDIS_PASSWORD_ENV);
    String user = CommandArgs.env(env, VaultMain.REDIS_USER_ENV);
    if (user != null && password == null) {
      throw new IllegalArgumentException(VaultMain.REDIS_USER_ENV + " is set but "
          + VaultMain.REDIS_PASSWORD_ENV + " is not; give the ACL user's password too");
    }
    return store.shared() && password != null ? store.withCredentials(user, password) : store;
  }
}
