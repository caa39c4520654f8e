package dev.tether.agent.internal.config;

import dev.tether.agent.internal.config.yaml.YamlException;
import dev.tether.agent.internal.config.yaml.YamlNode;
import dev.tether.agent.internal.config.yaml.YamlParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Finds and reads {@code tether.yaml}. Every problem in the file is reported at once, each with its
 * line and column, so one run of {@code check} shows everything to fix.
 */
public final class ConfigLoader {

  public static final String CONFIG_ARGUMENT = "config";
  public static final String CONFIG_ENV = "TETHER_CONFIG";
  public static final String CONFIG_PROPERTY = "tether.config";
  public static final String CONFIG_RESOURCE = "tether.yaml";
  public static final String RESOURCE_SOURCE = "<classpath:tether.yaml>";

  private ConfigLoader() {}

  /** Reads the file at {@code file}; problems name it as given. */
  public static TetherConfig load(Path file) throws ConfigException {
    return load(file, null);
  }

  /**
   * Parses {@code yaml}; {@code sourceName} is used in problems and in {@link
   * TetherConfig#source()}.
   */
  public static TetherConfig parse(String yaml, String sourceName) throws ConfigException {
    YamlNode root;
    try {
      root = YamlParser.parse(yaml);
    } catch (YamlException e) {
      throw ConfigException.of(YamlSyntaxProblems.of(sourceName, e));
    }
    return ConfigParser.parse(root, sourceName);
  }

  /**
   * The configuration the agent should use, from the first of: the agent argument {@code
   * config=FILE} ({@code agentArgs} is the raw {@code -javaagent:tether-agent.jar=...} option
   * string, comma-separated {@code key=value}), the environment variable {@code TETHER_CONFIG}, the
   * system property {@code tether.config}, the resource {@code tether.yaml} on {@code appLoader}
   * (skipped when null); else {@link TetherConfig#defaults()}.
   *
   * @throws ConfigException if the file is bad, or a setting names a file that does not exist
   */
  public static TetherConfig locateAndLoad(String agentArgs, ClassLoader appLoader)
      throws ConfigException {
    return locateAndLoad(agentArgs, appLoader, ProcessSetting.ENVIRONMENT, ProcessSetting.SYSTEM_PROPERTY);
  }

  /** The process's own settings; an enum, not method references, because premain runs this. */
  private enum ProcessSetting implements UnaryOperator<String> {
    ENVIRONMENT {
      @Override
      public String apply(String name) {
        return System.getenv(name);
      }
    },
    SYSTEM_PROPERTY {
      @Override
      public String apply(String name) {
        return System.getProperty(name);
      }
    }
  }

  static TetherConfig locateAndLoad(
      String agentArgs,
      ClassLoader appLoader,
      UnaryOperator<String> environment,
      UnaryOperator<String> systemProperties)
      throws ConfigException {
    String fromArgument = agentArgument(agentArgs, CONFIG_ARGUMENT);
    if (fromArgument != null) {
      return loadNamed(fromArgument, "the agent argument " + CONFIG_ARGUMENT + "=" + fromArgument);
    }
    String fromEnvironment = environment.apply(CONFIG_ENV);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return loadNamed(fromEnvironment, "the environment variable " + CONFIG_ENV);
    }
    String fromProperty = systemProperties.apply(CONFIG_PROPERTY);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return loadNamed(fromProperty, "the system property " + CONFIG_PROPERTY);
    }
    URL resource = appLoader == null ? null : appLoader.getResource(CONFIG_RESOURCE);
    if (resource != null) {
      return parse(readResource(resource), RESOURCE_SOURCE);
    }
    return TetherConfig.defaults();
  }

  /**
   * The value of {@code key} in {@code a=1,b=2}; null when absent. An empty value counts as set.
   */
  static String agentArgument(String agentArgs, String key) {
    if (agentArgs == null) {
      return null;
    }
    for (String pair : agentArgs.split(",")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).trim().equals(key)) {
        return pair.substring(equals + 1).trim();
      }
    }
    return null;
  }

  private static TetherConfig loadNamed(String file, String namedBy) throws ConfigException {
    if (file.isBlank()) {
      throw ConfigException.of(
          new ConfigProblem(
              "<" + namedBy + ">",
              0,
              0,
              "names no file",
              "give the path of tether.yaml, or remove the setting"));
    }
    return load(Path.of(file), namedBy);
  }

  private static TetherConfig load(Path file, String namedBy) throws ConfigException {
    String source = file.toString();
    String by = namedBy == null ? "" : " (named by " + namedBy + ")";
    if (Files.isDirectory(file)) {
      throw ConfigException.of(
          new ConfigProblem(
              source, 0, 0, "is a directory, not a file" + by, "name the YAML file itself"));
    }
    if (!Files.exists(file)) {
      throw ConfigException.of(
          new ConfigProblem(
              source,
              0,
              0,
              "configuration file not found" + by,
              file.isAbsolute()
                  ? "fix the path"
                  : "fix the path (relative to " + Path.of("").toAbsolutePath() + ")"));
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = readAtMostLimit(in, source);
    } catch (IOException e) {
      throw ConfigException.of(
          new ConfigProblem(
              source, 0, 0, "cannot read the file" + by + ": " + e, "check its permissions"));
    }
    return parse(decode(bytes, source), source);
  }

  private static String readResource(URL resource) throws ConfigException {
    try (InputStream in = resource.openStream()) {
      return decode(readAtMostLimit(in, RESOURCE_SOURCE), RESOURCE_SOURCE);
    } catch (IOException e) {
      throw ConfigException.of(
          new ConfigProblem(RESOURCE_SOURCE, 0, 0, "cannot read " + resource + ": " + e, null));
    }
  }

  /** Reads no more than the parser takes, so a wrong file (a log, a device) cannot fill memory. */
  private static byte[] readAtMostLimit(InputStream in, String source)
      throws IOException, ConfigException {
    byte[] bytes = in.readNBytes(YamlParser.MAX_CHARS + 1);
    if (bytes.length > YamlParser.MAX_CHARS) {
      throw ConfigException.of(
          new ConfigProblem(
              source,
              0,
              0,
              "the file is larger than 1 MiB",
              "a Tether configuration is a few kilobytes: check that this is the right file"));
    }
    return bytes;
  }

  private static String decode(byte[] bytes, String source) throws ConfigException {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw ConfigException.of(
          new ConfigProblem(source, 0, 0, "the file is not UTF-8 text", "save it as UTF-8"));
    }
  }
}
