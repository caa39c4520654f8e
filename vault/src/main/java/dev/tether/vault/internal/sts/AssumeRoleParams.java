package dev.tether.vault.internal.sts;

import dev.tether.core.policy.SessionPolicy;
import dev.tether.core.scope.AwsScope;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parameters of one AssumeRole query, checked against the limits real STS enforces. */
record AssumeRoleParams(
    String roleArn,
    String roleSessionName,
    String policy,
    AwsScope scope,
    int durationSeconds,
    Map<String, String> tags,
    String sourceIdentity) {

  static final int MIN_DURATION = 900;
  static final int MAX_DURATION = 3600;
  static final int DEFAULT_DURATION = 3600;
  static final int MAX_TAGS = 50;

  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
  private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  private static final Pattern TAG_PARAM =
      Pattern.compile("Tags\\.member\\.(\\d{1,3})\\.(Key|Value)");
  private static final Pattern TRANSITIVE_PARAM =
      Pattern.compile("TransitiveTagKeys\\.member\\.\\d{1,3}");
  private static final Set<String> PLAIN_PARAMS =
      Set.of(
          "Action",
          "Version",
          "RoleArn",
          "RoleSessionName",
          "Policy",
          "DurationSeconds",
          "SourceIdentity",
          "ExternalId");

  private static final Set<String> EMPTY_LIST_PARAMS = Set.of("Tags", "TransitiveTagKeys");

  static AssumeRoleParams parse(Map<String, String> params) throws StsFault {
    for (Map.Entry<String, String> param : params.entrySet()) {
      String name = param.getKey();
      if (EMPTY_LIST_PARAMS.contains(name) && param.getValue().isEmpty()) {
        continue; // the query protocol's empty list, as the SDK sends for an empty tag list
      }
      if (!PLAIN_PARAMS.contains(name)
          && !TAG_PARAM.matcher(name).matches()
          && !TRANSITIVE_PARAM.matcher(name).matches()) {
        // PolicyArns and friends would narrow the session further; ignoring them would widen it.
        throw StsFault.validation(
            "the local STS does not support parameter '"
                + FormBody.printable(name)
                + "'; it implements AssumeRole with RoleArn, RoleSessionName, Policy,"
                + " DurationSeconds, Tags and SourceIdentity");
      }
    }
    String roleArn = required(params, "RoleArn", "roleArn");
    if (roleArn.length() < 20 || roleArn.length() > 2048) {
      throw constraint("roleArn", "Member must have length between 20 and 2048");
    }
    String sessionName = required(params, "RoleSessionName", "roleSessionName");
    checkName(sessionName, "roleSessionName");
    String policy = params.get("Policy");
    if (policy == null) {
      throw StsFault.validation(
          "the local STS requires a Policy: without one a session would get all of the role's"
              + " rights, and the local STS has no role policy to grant. Pass the tool's session"
              + " policy");
    }
    if (policy.length() > SessionPolicy.MAX_LENGTH) {
      throw constraint(
          "policy", "Member must have length less than or equal to " + SessionPolicy.MAX_LENGTH);
    }
    AwsScope scope = scope(policy);
    int duration = duration(params.get("DurationSeconds"));
    Map<String, String> tags = tags(params);
    String sourceIdentity = params.get("SourceIdentity");
    checkSourceIdentity(sourceIdentity);
    return new AssumeRoleParams(
        roleArn, sessionName, policy, scope, duration, tags, sourceIdentity);
  }

  /** What a session policy lets the session do, as the local servers enforce it. */
  static AwsScope scope(String policy) throws StsFault {
    try {
      SessionPolicy.Parsed parsed = SessionPolicy.read(policy);
      // A session pinned to a VPC (endpoint) is usable only through it, and nothing reaches the
      // local STS's partners that way: enforced here as deny-all, as AWS would for such requests.
      return parsed.networkPins().isEmpty() ? parsed.scope() : AwsScope.none();
    } catch (IllegalArgumentException e) {
      throw new StsFault(400, "MalformedPolicyDocument", e.getMessage());
    }
  }

  static void checkSourceIdentity(String sourceIdentity) throws StsFault {
    if (sourceIdentity != null) {
      checkName(sourceIdentity, "sourceIdentity");
      if (sourceIdentity.toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw constraint("sourceIdentity", "Member must not start with 'aws:'");
      }
    }
  }

  static String required(Map<String, String> params, String name, String member)
      throws StsFault {
    String value = params.get(name);
    if (value == null) {
      throw constraint(member, "Member must not be null");
    }
    return value;
  }

  static void checkName(String value, String member) throws StsFault {
    if (value.length() < 2 || value.length() > 64) {
      throw constraint(member, "Member must have length between 2 and 64");
    }
    if (!NAME.matcher(value).matches()) {
      throw constraint(member, "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    }
  }

  static int duration(String text) throws StsFault {
    if (text == null) {
      return DEFAULT_DURATION;
    }
    int seconds;
    try {
      seconds = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw constraint("durationSeconds", "Member must be an integer");
    }
    if (seconds < MIN_DURATION) {
      throw constraint(
          "durationSeconds", "Member must have value greater than or equal to " + MIN_DURATION);
    }
    if (seconds > MAX_DURATION) {
      throw constraint(
          "durationSeconds",
          "The requested DurationSeconds exceeds the MaxSessionDuration set for this role ("
              + MAX_DURATION
              + ")");
    }
    return seconds;
  }

  private static Map<String, String> tags(Map<String, String> params) throws StsFault {
    Map<Integer, String> keys = new java.util.TreeMap<>();
    Map<Integer, String> values = new java.util.TreeMap<>();
    for (Map.Entry<String, String> param : params.entrySet()) {
      Matcher m = TAG_PARAM.matcher(param.getKey());
      if (m.matches()) {
        int index = Integer.parseInt(m.group(1));
        (m.group(2).equals("Key") ? keys : values).put(index, param.getValue());
      }
    }
    if (!keys.keySet().equals(values.keySet())) {
      Set<Integer> unpaired = new TreeSet<>(keys.keySet());
      unpaired.addAll(values.keySet());
      unpaired.removeIf(i -> keys.containsKey(i) && values.containsKey(i));
      throw constraint("tags", "Tags.member." + unpaired + " needs both a Key and a Value");
    }
    if (keys.size() > MAX_TAGS) {
      throw constraint("tags", "Member must have length less than or equal to " + MAX_TAGS);
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Map.Entry<Integer, String> entry : keys.entrySet()) {
      if (tags.put(entry.getValue(), values.get(entry.getKey())) != null) {
        throw duplicateTagKeys();
      }
    }
    return checkTags(tags, "tags.member.");
  }

  /**
   * Checks tags against STS's rules; {@code member} prefixes the 1-based position in messages.
   */
  static Map<String, String> checkTags(Map<String, String> given, String member)
      throws StsFault {
    if (given.size() > MAX_TAGS) {
      throw constraint("tags", "Member must have length less than or equal to " + MAX_TAGS);
    }
    Map<String, String> tags = new LinkedHashMap<>();
    Set<String> seen = new TreeSet<>();
    int position = 0;
    for (Map.Entry<String, String> entry : given.entrySet()) {
      position++;
      String key = entry.getKey();
      String value = entry.getValue();
      if (key.isEmpty() || key.length() > 128 || !tagText(key)) {
        throw constraint(
            member + position + ".key",
            "Member must be 1 to 128 characters of letters, spaces, digits and _.:/=+-@");
      }
      if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw constraint(
            member + position + ".key", "Member must not start with 'aws:'");
      }
      if (value.length() > 256 || !tagText(value)) {
        throw constraint(
            member + position + ".value",
            "Member must be 0 to 256 characters of letters, spaces, digits and _.:/=+-@");
      }
      if (!seen.add(key.toLowerCase(Locale.ROOT))) {
        throw duplicateTagKeys();
      }
      tags.put(key, value);
    }
    return tags;
  }

  // Tether's tags are ASCII: those need no regular expression.
  private static boolean tagText(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ascii = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == ' ' || "_.:/=+-@".indexOf(c) >= 0;
      if (!ascii) {
        return TAG_TEXT.matcher(text).matches();
      }
    }
    return true;
  }

  private static StsFault duplicateTagKeys() {
    return new StsFault(
        400,
        "InvalidParameterValue",
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
  }

  // The wording real STS uses, without echoing the (possibly long) value.
  static StsFault constraint(String member, String rule) {
    return StsFault.validation(
        "1 validation error detected: Value at '"
            + member
            + "' failed to satisfy constraint: "
            + rule);
  }
}
