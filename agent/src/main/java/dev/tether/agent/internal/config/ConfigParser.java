package dev.tether.agent.internal.config;

import dev.tether.agent.internal.config.OutsideToolsRule.Mode;
import dev.tether.agent.internal.config.ValueRules.Rejection;
import dev.tether.agent.internal.config.yaml.YamlNode;
import dev.tether.agent.internal.config.yaml.YamlScalar;
import dev.tether.agent.internal.config.yaml.YamlSequence;
import dev.tether.core.json.SafeName;
import dev.tether.core.scope.AwsScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the composed YAML node tree into a {@link TetherConfig}, reporting every problem with the
 * line and column of the node it is about. Builds the model only when nothing was wrong.
 */
final class ConfigParser {

  private static final List<String> TOP_KEYS =
      List.of("vault", "task", "attestation", "tools", "apis", "turns", "outside-tools",
          "environment", "telemetry");
  private static final String HEADER_NAME = "[A-Za-z0-9-]{1,64}";
  private static final List<String> API_KEYS = List.of("host", "token", "header", "scheme", "removes");
  private static final List<String> ENVIRONMENT_KEYS = List.of("hide");
  private static final List<String> VAULT_KEYS =
      List.of("url", "token-file", "timeout", "revocation-poll");
  private static final List<String> TASK_KEYS = List.of("id", "user", "repo");
  private static final List<String> TASK_EXAMPLES = List.of("t-123", "alice", "acme/widgets");
  private static final List<String> TOOL_KEYS = List.of("name", "boundary", "aws", "egress");
  private static final List<String> AWS_KEYS = List.of("actions", "resources");
  private static final List<String> TURNS_KEYS = List.of("boundaries", "tools", "repos");
  private static final List<String> OUTSIDE_KEYS = List.of("aws", "ambient-services");
  private static final List<String> TELEMETRY_KEYS = List.of("exporter");

  /** Keys written one level too high, and where they belong. */
  private static final Map<String, String> MOVED_FROM_TOP = movedFromTop();

  private static final Map<String, String> MOVED_FROM_TOOL =
      Map.of(
          "actions", "put it under this tool's 'aws:'",
          "resources", "put it under this tool's 'aws:'");

  static final String ANNOTATION_BOUNDARY = "annotation";
  private static final List<String> EXPORTERS = List.of("otlp", "console", "none");

  private static final String BOUNDARY_HINT =
      "write 'annotation', or class#method such as 'com.acme.Tools#fetch'"
          + " ('$' for nested classes, method '*' for all declared methods)";

  private final Problems problems;

  private ConfigParser(Problems problems) {
    this.problems = problems;
  }

  /** Parses a composed document; {@code root} null (an empty file) gives the defaults. */
  static TetherConfig parse(YamlNode root, String source) throws ConfigException {
    if (root == null) {
      return TetherConfig.defaults(source);
    }
    Problems problems = new Problems(source);
    TetherConfig config = new ConfigParser(problems).config(root, source);
    problems.throwIfAny();
    return config;
  }

  private TetherConfig config(YamlNode root, String source) {
    YamlMapping top = YamlMapping.read(root, "", TOP_KEYS, MOVED_FROM_TOP, "tools:", problems);
    if (top == null) {
      return null;
    }
    VaultConfig vault = vault(top.value("vault"));
    TaskDefaults task = task(top.value("task"));
    AttestationConfig attestation =
        new AttestationParser(this, problems).parse(top.value("attestation"));
    List<ToolConfig> tools = tools(top.value("tools"));
    List<ApiConfig> apis = apis(top.value("apis"));
    Turns turns = turns(top.value("turns"));
    OutsideToolsRule outside = outsideTools(top.value("outside-tools"));
    List<String> hidden = environment(top.value("environment"));
    String exporter = telemetry(top.value("telemetry"));
    if (problems.count() > 0) {
      return null;
    }
    return new TetherConfig(
        vault,
        task,
        attestation,
        tools,
        apis,
        turns == null ? null : turns.boundaries(),
        turns == null ? null : turns.rule(),
        outside,
        hidden,
        exporter,
        source);
  }

  /** {@code apis: [{host, token, header, scheme, removes}]}: one entry per host. */
  private List<ApiConfig> apis(YamlNode node) {
    List<YamlNode> items =
        sequence(node, "apis", "write each API as '- host: api.github.com' with 'token: github'");
    List<ApiConfig> apis = new ArrayList<>();
    Map<String, Integer> hostLines = new HashMap<>();
    for (int i = 0; items != null && i < items.size(); i++) {
      ApiConfig api = api(items.get(i), "apis[" + i + "]", hostLines);
      if (api != null) {
        apis.add(api);
      }
    }
    return apis;
  }

  private ApiConfig api(YamlNode item, String path, Map<String, Integer> hostLines) {
    int before = problems.count();
    YamlMapping api =
        YamlMapping.read(item, path, API_KEYS, Map.of(), "host: api.github.com", problems);
    if (api == null) {
      return null;
    }
    YamlScalar host = scalar(api, path, "host", "api.github.com");
    YamlScalar token = scalar(api, path, "token", "single-use");
    YamlScalar header = scalar(api, path, "header", "Authorization");
    YamlScalar scheme = scalar(api, path, "scheme", "Bearer");
    List<YamlScalar> removes = scalars(api, path, "removes", "Private-Token");
    if (host == null) {
      problems.at(item, path + " has no host", "write 'host: api.example.com'");
    } else if (!reject(host, ValueRules.hostName(withoutPort(host.value()),
        "API host '" + host.value() + "'"))) {
      if (host.value().startsWith("*.")) {
        problems.at(host, "API host '" + SafeName.of(host.value()) + "' has a wildcard",
            "write one entry per host the tools call");
      }
      Integer earlier = hostLines.putIfAbsent(host.value().toLowerCase(Locale.ROOT), item.line());
      if (earlier != null) {
        problems.at(host, "API host '" + SafeName.of(host.value()) + "' is listed already at line "
            + earlier, "keep one entry per host");
      }
    }
    if (token == null) {
      problems.at(item, path + " has no token mode", "write 'token: single-use', 'token: "
          + "time-boxed' or 'token: github'");
    } else if (!ApiConfig.TOKENS.contains(token.value())) {
      problems.at(token, "token mode '" + SafeName.of(token.value()) + "' is not one Tether knows",
          "write one of " + ApiConfig.TOKENS);
    }
    if (header != null && !header.value().matches(HEADER_NAME)) {
      problems.at(header, "header '" + SafeName.of(header.value()) + "' is not an HTTP header name",
          "write e.g. 'Authorization' or 'X-Api-Key'");
    }
    if (scheme != null && !scheme.value().matches("[A-Za-z0-9-]{0,32}")) {
      problems.at(scheme, "scheme '" + SafeName.of(scheme.value()) + "' is not an auth scheme",
          "write e.g. 'Bearer', 'token', or '' for the bare token");
    }
    List<String> removed = new ArrayList<>();
    for (YamlScalar name : removes == null ? List.<YamlScalar>of() : removes) {
      if (!name.value().matches(HEADER_NAME)) {
        problems.at(name, "header '" + SafeName.of(name.value()) + "' under removes is not an HTTP"
            + " header name", "write e.g. 'removes: [X-Api-Key, Private-Token]'");
      } else {
        removed.add(name.value());
      }
    }
    if (problems.count() > before) {
      return null;
    }
    return new ApiConfig(host.value(), token.value(), header == null ? null : header.value(),
        scheme == null ? null : scheme.value(), removed, item.line());
  }

  /** {@code host:port} without a valid port suffix; anything else as it is, for the host rules. */
  private static String withoutPort(String host) {
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(':') == colon && host.substring(colon + 1).matches("[0-9]{1,5}")
        && Integer.parseInt(host.substring(colon + 1)) <= 65535) {
      return host.substring(0, colon);
    }
    return host;
  }

  /** {@code environment: hide: [GITHUB_TOKEN, ...]}: variable names, as the shell writes them. */
  private List<String> environment(YamlNode node) {
    YamlMapping environment =
        YamlMapping.read(node, "environment", ENVIRONMENT_KEYS, Map.of(), "hide: [GITHUB_TOKEN]",
            problems);
    if (environment == null) {
      return null;
    }
    List<YamlScalar> names = scalars(environment, "environment", "hide", "GITHUB_TOKEN");
    if (names == null) {
      return null;
    }
    List<String> hidden = new ArrayList<>();
    for (YamlScalar name : names) {
      if (!name.value().matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
        problems.at(name, "environment variable name '" + SafeName.of(name.value())
                + "' is not one a process can have",
            "write the variable's name as the shell does, e.g. GITHUB_TOKEN");
      } else if (!hidden.contains(name.value())) {
        hidden.add(name.value());
      }
    }
    return hidden;
  }

  private VaultConfig vault(YamlNode node) {
    YamlMapping vault =
        YamlMapping.read(
            node, "vault", VAULT_KEYS, Map.of(), "url: http://127.0.0.1:8787", problems);
    if (vault == null) {
      return null;
    }
    String url = text(vault, "vault", "url", "http://127.0.0.1:8787");
    if (url != null) {
      reject(vault.value("url"), ValueRules.vaultUrl(url));
    }
    String tokenFile = text(vault, "vault", "token-file", "/run/tether/token");
    Duration timeout = VaultConfig.DEFAULT_TIMEOUT;
    YamlScalar timeoutNode = scalar(vault, "vault", "timeout", "5s");
    if (timeoutNode != null) {
      timeout = timeout(timeoutNode);
    }
    Duration poll = VaultConfig.DEFAULT_REVOCATION_POLL;
    YamlScalar pollNode = scalar(vault, "vault", "revocation-poll", "5s");
    if (pollNode != null) {
      poll = duration(pollNode, "vault.revocation-poll", "s' or '%ms", "500ms, 5s or 1m",
          VaultConfig.MIN_REVOCATION_POLL, VaultConfig.MAX_REVOCATION_POLL, "100ms to 10m");
    }
    return timeout == null || poll == null
        ? null
        : new VaultConfig(url, tokenFile, timeout, poll);
  }

  private Duration timeout(YamlScalar node) {
    return duration(
        node,
        "vault.timeout",
        "s' or '%ms",
        "500ms, 5s or 1m",
        VaultConfig.MIN_TIMEOUT,
        VaultConfig.MAX_TIMEOUT,
        "100ms to 60s");
  }

  /**
   * A duration within {@code min..max}; null when reported.
   *
   * @param bareUnits how to write a number without a unit, {@code %} standing for the number after
   *     the first unit, e.g. {@code s' or '%ms}
   */
  Duration duration(
      YamlScalar node,
      String name,
      String bareUnits,
      String examples,
      Duration min,
      Duration max,
      String range) {
    String text = node.value();
    Duration duration;
    try {
      duration = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      String hint =
          text.matches("\\d{1,9}")
              ? "write '" + text + bareUnits.replace("%", text) + "'"
              : "write e.g. " + examples;
      problems.at(node, name + " " + e.getMessage(), hint);
      return null;
    }
    if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
      problems.at(
          node, name + " " + text + " is outside the allowed range", "write a value from " + range);
      return null;
    }
    return duration;
  }

  private TaskDefaults task(YamlNode node) {
    YamlMapping task = YamlMapping.read(node, "task", TASK_KEYS, Map.of(), "id: t-123", problems);
    if (task == null) {
      return null;
    }
    String[] values = new String[TASK_KEYS.size()];
    for (int i = 0; i < values.length; i++) {
      String key = TASK_KEYS.get(i);
      values[i] = text(task, "task", key, TASK_EXAMPLES.get(i));
      if (values[i] != null) {
        reject(task.value(key), ValueRules.taskField(key, values[i]));
      }
    }
    return new TaskDefaults(values[0], values[1], values[2]);
  }

  private List<ToolConfig> tools(YamlNode node) {
    List<YamlNode> items = sequence(node, "tools", "write each tool as '- name: fetch_sources'");
    if (items == null) {
      return List.of();
    }
    List<ToolConfig> tools = new ArrayList<>(items.size());
    Map<String, Integer> nameLines = new HashMap<>();
    List<ToolConfig> withBoundaries = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ToolConfig tool = tool(items.get(i), "tools[" + i + "]", nameLines, withBoundaries);
      if (tool != null) {
        tools.add(tool);
      }
    }
    return tools;
  }

  private ToolConfig tool(
      YamlNode item, String path, Map<String, Integer> nameLines, List<ToolConfig> withBoundaries) {
    int before = problems.count();
    YamlMapping tool =
        YamlMapping.read(item, path, TOOL_KEYS, MOVED_FROM_TOOL, "name: fetch_sources", problems);
    if (tool == null) {
      return null;
    }
    String name = toolName(item, tool, path, nameLines);
    BoundarySpec boundary = null;
    YamlScalar boundaryNode = scalar(tool, path, "boundary", "com.acme.Tools#fetch");
    if (boundaryNode != null && !boundaryNode.value().equals(ANNOTATION_BOUNDARY)) {
      boundary = boundary(boundaryNode);
      if (boundary != null) {
        checkOverlap(boundaryNode, boundary, withBoundaries);
      }
    }
    AwsScope aws = AwsScope.none();
    if (tool.has("aws")) {
      aws = awsScope(tool.value("aws"), tool.keyNode("aws"), path + ".aws");
    }
    List<String> egress = egress(tool, path);
    if (problems.count() > before) {
      return null;
    }
    ToolConfig config = new ToolConfig(name, boundary, aws, egress, item.line());
    if (boundary != null) {
      withBoundaries.add(config);
    }
    return config;
  }

  private String toolName(
      YamlNode item, YamlMapping tool, String path, Map<String, Integer> nameLines) {
    if (!tool.has("name")) {
      problems.at(
          item,
          path + " has no name",
          "add 'name: <tool name>' (the @Tool name, or your own name when you give a boundary)");
      return null;
    }
    YamlScalar nameNode = scalar(tool, path, "name", "fetch_sources");
    if (nameNode == null) {
      return null;
    }
    String name = nameNode.value();
    if (reject(nameNode, ValueRules.toolName(name))) {
      return null;
    }
    Integer firstLine = nameLines.putIfAbsent(name, nameNode.line());
    if (firstLine != null) {
      problems.at(
          nameNode,
          "duplicate tool name '" + name + "' (first at line " + firstLine + ")",
          "give each tool its own name");
      return null;
    }
    return name;
  }

  private BoundarySpec boundary(YamlScalar node) {
    try {
      return BoundarySpec.parse(node.value());
    } catch (IllegalArgumentException e) {
      problems.at(node, e.getMessage(), BOUNDARY_HINT);
      return null;
    }
  }

  private void checkOverlap(YamlNode at, BoundarySpec boundary, List<ToolConfig> withBoundaries) {
    for (ToolConfig other : withBoundaries) {
      if (other.boundary().overlaps(boundary)) {
        problems.at(
            at,
            "boundary '"
                + boundary
                + "' overlaps tool '"
                + other.name()
                + "' (line "
                + other.line()
                + ", boundary '"
                + other.boundary()
                + "')",
            "give each tool its own method, so every call has exactly one scope");
        return;
      }
    }
  }

  private AwsScope awsScope(YamlNode node, YamlNode keyNode, String path) {
    int before = problems.count();
    YamlMapping aws =
        YamlMapping.read(node, path, AWS_KEYS, Map.of(), "actions: [s3:GetObject]", problems);
    if (aws == null) {
      return null;
    }
    List<YamlScalar> actions = scalars(aws, path, "actions", "s3:GetObject");
    List<YamlScalar> resources =
        scalars(aws, path, "resources", "\"arn:aws:s3:::bucket/${repo}/*\"");
    if (actions == null || resources == null) {
      return null;
    }
    if (actions.isEmpty() && resources.isEmpty()) {
      problems.at(
          keyNode,
          "'" + path + "' has no actions and no resources",
          "add 'actions: [...]' and 'resources: [...]', or remove 'aws' to deny AWS to this tool");
    } else if (actions.isEmpty()) {
      problems.at(
          keyNode,
          "'" + path + "' has resources but no actions",
          "add e.g. 'actions: [s3:GetObject]'");
    } else if (resources.isEmpty()) {
      problems.at(
          keyNode,
          "'" + path + "' has actions but no resources",
          "add e.g. 'resources: [\"arn:aws:s3:::bucket/${repo}/*\"]' ('*' for any resource)");
    }
    for (YamlScalar action : actions) {
      reject(action, ValueRules.awsAction(action.value()));
    }
    for (YamlScalar resource : resources) {
      reject(resource, ValueRules.awsResource(resource.value()));
    }
    if (problems.count() > before) {
      return null;
    }
    try {
      return new AwsScope(values(actions), values(resources));
    } catch (IllegalArgumentException e) { // a rule the item checks above do not know
      problems.at(keyNode, e.getMessage(), null);
      return null;
    }
  }

  private List<String> egress(YamlMapping tool, String path) {
    List<YamlScalar> hosts = scalars(tool, path, "egress", "api.github.com");
    if (hosts == null) {
      return null;
    }
    Set<String> egress = new LinkedHashSet<>();
    for (YamlScalar host : hosts) {
      if (!reject(host, ValueRules.egressHost(host.value()))) {
        egress.add(host.value().toLowerCase(Locale.ROOT));
      }
    }
    return new ArrayList<>(egress);
  }

  private record Turns(List<BoundarySpec> boundaries, TurnRule rule) {}

  private Turns turns(YamlNode node) {
    YamlMapping turns =
        YamlMapping.read(
            node,
            "turns",
            TURNS_KEYS,
            Map.of(),
            "boundaries: [com.acme.AgentLoop#runTurn]",
            problems);
    if (turns == null) {
      return null;
    }
    List<YamlScalar> specs = scalars(turns, "turns", "boundaries", "com.acme.AgentLoop#runTurn");
    List<BoundarySpec> boundaries = new ArrayList<>();
    for (YamlScalar spec : specs == null ? List.<YamlScalar>of() : specs) {
      BoundarySpec boundary = boundary(spec);
      if (boundary != null && !boundaries.contains(boundary)) {
        boundaries.add(boundary);
      }
    }
    TurnRule rule =
        new TurnRule(
            names(turns, "tools", "readFile", ValueRules::toolName),
            names(turns, "repos", "acme/app", repo -> ValueRules.taskField("repo", repo)));
    return new Turns(boundaries, rule);
  }

  private List<String> names(
      YamlMapping turns, String key, String example, java.util.function.Function<String, Rejection> rule) {
    if (!turns.has(key)) {
      return null;
    }
    List<YamlScalar> values = scalars(turns, "turns", key, example);
    if (values == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (YamlScalar value : values) {
      if (!reject(value, rule.apply(value.value())) && !names.contains(value.value())) {
        names.add(value.value());
      }
    }
    return names;
  }

  private OutsideToolsRule outsideTools(YamlNode node) {
    int before = problems.count();
    YamlMapping outside =
        YamlMapping.read(node, "outside-tools", OUTSIDE_KEYS, Map.of(), "aws: deny", problems);
    if (outside == null) {
      return null;
    }
    Mode mode = Mode.DENY;
    YamlScalar modeNode = scalar(outside, "outside-tools", "aws", "deny");
    if (modeNode != null) {
      mode = mode(modeNode);
    } else if (outside.has("aws")) {
      mode = null; // reported: no value, or not a single value
    }
    List<YamlScalar> services = scalars(outside, "outside-tools", "ambient-services", "logs");
    if (services == null) {
      return null;
    }
    List<String> prefixes = new ArrayList<>();
    for (YamlScalar service : services) {
      if (!reject(service, ValueRules.ambientService(service.value()))
          && !prefixes.contains(service.value())) {
        prefixes.add(service.value());
      }
    }
    if (mode == Mode.AMBIENT && services.isEmpty()) {
      problems.at(
          modeNode,
          "'outside-tools.aws: ambient' needs the services it applies to",
          "add 'ambient-services: [logs]' naming the IAM service prefixes code outside tools may"
              + " call with the ambient credentials");
    }
    if (mode == Mode.DENY && !services.isEmpty()) {
      problems.at(
          outside.keyNode("ambient-services"),
          "'ambient-services' is only used with 'aws: ambient'",
          "remove 'ambient-services', or write 'aws: ambient'");
    }
    return problems.count() > before ? null : new OutsideToolsRule(mode, prefixes);
  }

  private Mode mode(YamlScalar node) {
    switch (node.value()) {
      case "deny":
        return Mode.DENY;
      case "ambient":
        return Mode.AMBIENT;
      default:
        String closest = KeySuggestions.closest(node.value(), List.of("deny", "ambient"));
        problems.at(
            node,
            "unknown value '" + node.value() + "' for outside-tools.aws",
            closest != null
                ? "write '" + closest + "' instead"
                : "write 'deny' (no AWS outside tools) or 'ambient' (ambient credentials, for"
                    + " ambient-services only)");
        return null;
    }
  }

  private String telemetry(YamlNode node) {
    YamlMapping telemetry =
        YamlMapping.read(node, "telemetry", TELEMETRY_KEYS, Map.of(), "exporter: otlp", problems);
    if (telemetry == null) {
      return null;
    }
    YamlScalar exporterNode = scalar(telemetry, "telemetry", "exporter", "otlp");
    if (exporterNode == null) {
      return TetherConfig.DEFAULT_TELEMETRY_EXPORTER;
    }
    String exporter = exporterNode.value();
    if (EXPORTERS.contains(exporter)) {
      return exporter;
    }
    String closest = KeySuggestions.closest(exporter, EXPORTERS);
    problems.at(
        exporterNode,
        "unknown telemetry exporter '" + exporter + "'",
        closest != null ? "write '" + closest + "' instead" : "write otlp, console or none");
    return null;
  }

  // ---- typed access, reporting wrong shapes ----

  /** The text of a single value; null when absent or reported. */
  String text(YamlMapping mapping, String path, String key, String example) {
    YamlScalar node = scalar(mapping, path, key, example);
    return node == null ? null : node.value();
  }

  /** A single non-empty value; null when absent or reported. */
  YamlScalar scalar(YamlMapping mapping, String path, String key, String example) {
    YamlNode node = mapping.value(key);
    if (node == null) {
      return null;
    }
    String full = join(path, key);
    if (YamlMapping.isNull(node)) {
      problems.at(
          node,
          "'" + full + "' has no value",
          "write e.g. '" + key + ": " + example + "', or remove the key");
      return null;
    }
    if (!(node instanceof YamlScalar)) {
      problems.at(
          node,
          "'" + full + "' must be a single value, not " + YamlMapping.describe(node),
          "write e.g. '" + key + ": " + example + "'");
      return null;
    }
    return (YamlScalar) node;
  }

  /** A list of single values: empty when absent or empty, null when reported. */
  List<YamlScalar> scalars(YamlMapping mapping, String path, String key, String example) {
    YamlNode node = mapping.value(key);
    String full = join(path, key);
    String hint = "write e.g. '" + key + ": [" + example + "]'";
    if (node instanceof YamlScalar && !YamlMapping.isNull(node)) {
      hint = "write '" + key + ": [" + ((YamlScalar) node).value() + "]'";
    }
    List<YamlNode> items = sequence(node, full, hint);
    if (items == null) {
      return node == null || YamlMapping.isNull(node) ? List.of() : null;
    }
    List<YamlScalar> values = new ArrayList<>(items.size());
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      if (item instanceof YamlScalar && !YamlMapping.isNull(item)) {
        values.add((YamlScalar) item);
      } else {
        problems.at(
            item,
            "'" + full + "[" + i + "]' must be a single value, not " + YamlMapping.describe(item),
            "write e.g. '- " + example + "'");
        ok = false;
      }
    }
    return ok ? values : null;
  }

  /** The items of a list; null when absent, empty (no problem) or not a list (reported). */
  private List<YamlNode> sequence(YamlNode node, String path, String hint) {
    if (node == null || YamlMapping.isNull(node)) {
      return null;
    }
    if (!(node instanceof YamlSequence)) {
      problems.at(node, "'" + path + "' must be a list, not " + YamlMapping.describe(node), hint);
      return null;
    }
    return ((YamlSequence) node).items();
  }

  /** Reports {@code rejection} at {@code node}; true when there was one. */
  boolean reject(YamlNode node, Rejection rejection) {
    if (rejection == null) {
      return false;
    }
    problems.at(node, rejection.message(), rejection.hint());
    return true;
  }

  static List<String> values(List<YamlScalar> nodes) {
    List<String> values = new ArrayList<>(nodes.size());
    for (YamlScalar node : nodes) {
      values.add(node.value());
    }
    return values;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static Map<String, String> movedFromTop() {
    Map<String, String> moved = new HashMap<>();
    for (String key : VAULT_KEYS) {
      moved.put(key, "put it under 'vault:'");
    }
    for (String key : TASK_KEYS) {
      moved.put(key, "put it under 'task:'");
    }
    for (String key : AttestationParser.KEYS) {
      moved.put(key, "put it under 'attestation:'");
    }
    for (String key : TOOL_KEYS) {
      moved.put(key, "put it in a tool under 'tools:'");
    }
    for (String key : AWS_KEYS) {
      moved.put(key, "put it under a tool's 'aws:'");
    }
    moved.put("boundaries", "put it under 'turns:'");
    moved.put("ambient-services", "put it under 'outside-tools:'");
    moved.put("exporter", "put it under 'telemetry:'");
    return Map.copyOf(moved);
  }
}
