package dev.tether.agent.internal.config;

import dev.tether.core.scope.AwsScope;
import dev.tether.core.scope.Placeholders;
import dev.tether.core.scope.TaskIdentity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks for single values of the file. Each check returns null when the value is fine, or a {@link
 * Rejection} saying what is wrong and what to write instead.
 */
final class ValueRules {

  /** What is wrong with a value, and the fix (null when none can be suggested). */
  record Rejection(String message, String hint) {}

  private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern SERVICE_PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final List<String> PLACEHOLDER_NAMES = List.of("task.id", "user.id", "repo");
  private static final String PLACEHOLDERS = "${task.id}, ${user.id} or ${repo}";
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private ValueRules() {}

  static Rejection toolName(String name) {
    if (TOOL_NAME.matcher(name).matches()) {
      return null;
    }
    String fixed = name.replaceAll("[^A-Za-z0-9_.-]", "_");
    fixed = fixed.substring(0, Math.min(fixed.length(), 64));
    String hint =
        fixed.replace("_", "").isEmpty()
            ? "use 1 to 64 letters, digits, '_', '.' or '-'"
            : "write '" + fixed + "' instead (1 to 64 letters, digits, '_', '.' or '-')";
    return new Rejection("invalid tool name '" + name + "'", hint);
  }

  /** Checks an egress entry; on success the caller stores it lower-cased. */
  static Rejection egressHost(String written) {
    return hostName(written, "egress entry '" + written + "'");
  }

  /** Checks a host name the file gives, shown in a rejection as {@code shown}. */
  static Rejection hostName(String written, String shown) {
    String host = written.toLowerCase(Locale.ROOT);
    if (host.contains("://")) {
      String bare = hostOfUrl(host);
      return new Rejection(
          shown + " is a URL, not a host name",
          bare == null
              ? "write the host name only, e.g. 'api.github.com'"
              : "write '" + bare + "' instead");
    }
    if (host.startsWith("[")) {
      return new Rejection(
          shown + " is an IPv6 address; egress takes host names", "write the host's name instead");
    }
    int slash = host.indexOf('/');
    if (slash >= 0) {
      return new Rejection(
          shown + " has a path; egress is decided per host",
          "write '" + host.substring(0, slash) + "' instead");
    }
    int colon = host.indexOf(':');
    if (colon >= 0) {
      return new Rejection(
          shown + " has a port; egress is decided per host",
          "write '" + host.substring(0, colon) + "' instead");
    }
    if (host.equals("*") || host.equals("*.")) {
      return new Rejection(
          shown + " would allow every host",
          "list the hosts, e.g. 'api.github.com' or '*.github.com'");
    }
    String domain = host.startsWith("*.") ? host.substring(2) : host;
    if (domain.indexOf('*') >= 0) {
      return new Rejection(
          shown + " has a '*' inside; only a leading '*.' is allowed",
          "write e.g. '*.example.com'");
    }
    if (host.startsWith("*.") && domain.indexOf('.') < 0) {
      return new Rejection(
          shown + " is too broad", "name a domain, e.g. '*.example." + domain + "'");
    }
    if (domain.length() > 253 || !allLabelsValid(domain)) {
      return new Rejection(
          shown + " is not a valid host name",
          "write a host name such as 'api.github.com' or '*.example.com'");
    }
    return null;
  }

  static Rejection vaultUrl(String url) {
    return httpUrl(
        "vault.url",
        url,
        "http://127.0.0.1:8787",
        "https://vault.internal:8787",
        "remove them from the URL; give the token with 'token-file' or TETHER_VAULT_TOKEN");
  }

  /** Checks the base URL of a local attestor, which runs on the workload's own host. */
  static Rejection attestorUrl(String url) {
    return httpUrl(
        "attestation.local.attestor",
        url,
        "http://127.0.0.1:9750",
        "http://127.0.0.1:9750",
        "remove them from the URL; the launcher hands the workload a ticket instead");
  }

  /** Checks the instance metadata service's base URL. */
  static Rejection imdsUrl(String url) {
    return httpUrl(
        "attestation.ec2-iid.imds",
        url,
        "http://169.254.169.254",
        "http://169.254.169.254",
        "remove them from the URL; IMDSv2 takes a session token, which the agent asks for");
  }

  /**
   * An absolute http(s) URL with a host and no query, fragment or user information.
   *
   * @param example a valid URL to suggest
   * @param schemeExample a valid URL to suggest when the scheme is wrong
   * @param credentialsHint what to do instead of putting credentials in the URL
   */
  private static Rejection httpUrl(
      String name, String url, String example, String schemeExample, String credentialsHint) {
    if (url.contains("@")) {
      // May hold a password: never echo it.
      return new Rejection(name + " must not contain a user name or password", credentialsHint);
    }
    if (!url.contains("://")) {
      return new Rejection(
          name + " '" + url + "' has no http:// or https:// prefix",
          "write 'http://" + url + "' (or https://)");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return new Rejection(
          name + " '" + url + "' is not a valid URL: " + e.getReason(),
          "write e.g. '" + example + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return new Rejection(
          name + " '" + url + "' must use http or https, not '" + uri.getScheme() + "'",
          "write e.g. '" + schemeExample + "'");
    }
    if (uri.getHost() == null) {
      return new Rejection(name + " '" + url + "' has no host", "write e.g. '" + example + "'");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return new Rejection(
          name + " '" + url + "' must not have a query or fragment",
          "write scheme://host:port, optionally with a path");
    }
    return null;
  }

  /** Checks the name of an environment variable, e.g. {@code AGENTCORE_WORKLOAD_ACCESS_TOKEN}. */
  static Rejection envName(String key, String name) {
    if (ENV_NAME.matcher(name).matches()) {
      return null;
    }
    String fixed = name.startsWith("$") ? name.substring(1) : name;
    fixed = fixed.replaceAll("^[{]|[}]$", "").replaceAll("[^A-Za-z0-9_]", "_");
    String hint =
        ENV_NAME.matcher(fixed).matches()
            ? "write '" + fixed + "' instead (the variable's name, not its value)"
            : "write the variable's name: letters, digits and '_', not starting with a digit";
    return new Rejection(key + " '" + name + "' is not an environment variable name", hint);
  }

  /**
   * Checks one argument of the nitro command: the only placeholders are {@code ${nonce}} and {@code
   * ${user_data}}.
   */
  static Rejection nitroArgument(String argument) {
    int at = argument.indexOf("${");
    while (at >= 0) {
      int end = argument.indexOf('}', at);
      if (end < 0) {
        return new Rejection(
            "unterminated placeholder '"
                + argument.substring(at)
                + "' in nitro command argument '"
                + argument
                + "'",
            "close it with '}'; placeholders are ${nonce} and ${user_data}");
      }
      String name = argument.substring(at + 2, end);
      if (!AttestationConfig.Nitro.PLACEHOLDER_NAMES.contains(name)) {
        String closest = KeySuggestions.closest(name, AttestationConfig.Nitro.PLACEHOLDER_NAMES);
        return new Rejection(
            "unknown placeholder ${" + name + "} in nitro command argument '" + argument + "'",
            closest != null
                ? "write '${" + closest + "}' instead"
                : "use ${nonce} and ${user_data} (each replaced by hex)");
      }
      at = argument.indexOf("${", end + 1);
    }
    return null;
  }

  static Rejection ambientService(String written) {
    if (SERVICE_PREFIX.matcher(written).matches()) {
      return null;
    }
    String shown = "ambient service '" + written + "'";
    int colon = written.indexOf(':');
    String prefix = (colon >= 0 ? written.substring(0, colon) : written).toLowerCase(Locale.ROOT);
    if (prefix.contains("*")) {
      return new Rejection(
          shown + " would allow every service",
          "name the IAM service prefixes, e.g. logs, cloudwatch");
    }
    if (SERVICE_PREFIX.matcher(prefix).matches()) {
      return new Rejection(
          shown + " is not an IAM service prefix", "write '" + prefix + "' instead");
    }
    return new Rejection(
        shown + " is not an IAM service prefix", "write a prefix such as 'logs' or 's3'");
  }

  /** Checks one of task.id, task.user, task.repo with the rules of {@link TaskIdentity}. */
  static Rejection taskField(String key, String value) {
    try {
      switch (key) {
        case "id":
          new TaskIdentity(value, "u", "r");
          break;
        case "user":
          new TaskIdentity("t", value, "r");
          break;
        default:
          new TaskIdentity("t", "u", value);
      }
      return null;
    } catch (IllegalArgumentException e) {
      String fixed = value.replaceAll("[^A-Za-z0-9._:/@+=,-]", "-");
      fixed = fixed.substring(0, Math.min(fixed.length(), TaskIdentity.MAX_LENGTH));
      String hint =
          fixed.isEmpty() || fixed.equals(value)
              ? "use 1 to " + TaskIdentity.MAX_LENGTH + " letters, digits and . _ : / @ + = , -"
              : "write '" + fixed + "' instead";
      return new Rejection("invalid task." + key + ": " + e.getMessage(), hint);
    }
  }

  static Rejection awsAction(String action) {
    try {
      new AwsScope(List.of(action), List.of("*"));
      return null;
    } catch (IllegalArgumentException e) {
      String hint = null;
      String fixed = action.replaceAll("\\s", "");
      if (fixed.indexOf(':') < 0 && fixed.matches("[A-Za-z0-9-]+[./][A-Za-z0-9*?]+")) {
        fixed = fixed.replaceFirst("[./]", ":");
      }
      if (!fixed.equals(action) && awsActionIsValid(fixed)) {
        hint = "write '" + fixed + "' instead";
      }
      return new Rejection(e.getMessage(), hint);
    }
  }

  static Rejection awsResource(String resource) {
    List<String> unknown = Placeholders.unknownPlaceholders(resource);
    if (!unknown.isEmpty()) {
      return placeholderRejection(resource, unknown.get(0));
    }
    try {
      new AwsScope(List.of("s3:GetObject"), List.of(resource));
      return null;
    } catch (IllegalArgumentException e) {
      String hint = null;
      if (resource.startsWith("s3://")) {
        hint = "write 'arn:aws:s3:::" + resource.substring("s3://".length()) + "' instead";
      }
      return new Rejection(e.getMessage(), hint);
    }
  }

  private static Rejection placeholderRejection(String resource, String placeholder) {
    if (!placeholder.endsWith("}")) {
      return new Rejection(
          "unterminated placeholder '" + placeholder + "' in resource '" + resource + "'",
          "close it with '}'; placeholders are " + PLACEHOLDERS);
    }
    String name = placeholder.substring(2, placeholder.length() - 1);
    String closest = KeySuggestions.closest(name, PLACEHOLDER_NAMES);
    return new Rejection(
        "unknown placeholder " + placeholder + " in resource '" + resource + "'",
        closest != null ? "write '${" + closest + "}' instead" : "use " + PLACEHOLDERS);
  }

  private static boolean awsActionIsValid(String action) {
    try {
      new AwsScope(List.of(action), List.of("*"));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean allLabelsValid(String domain) {
    for (String label : domain.split("\\.", -1)) {
      if (!HOST_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  private static String hostOfUrl(String url) {
    try {
      return new URI(url).getHost();
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
