package dev.tether.demo;

import java.nio.file.Path;

/**
 * The demo's command line: {@code [--report FILE] [--html FILE] [--timings FILE] [--quiet]}, or
 * {@code --help}.
 *
 * @param reportFile where to write the report as JSON; null for nowhere
 * @param htmlFile where to write the derivation tree as an HTML page; null for nowhere
 * @param timingsFile where to write when each phase of the run began; null for nowhere
 */
record DemoOptions(Path reportFile, Path htmlFile, Path timingsFile, boolean quiet, boolean help) {

  static DemoOptions parse(String[] args) {
    Path reportFile = null;
    Path htmlFile = null;
    Path timingsFile = null;
    boolean quiet = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--report":
          reportFile = fileAfter(args, i++, "--report report.json");
          break;
        case "--html":
          htmlFile = fileAfter(args, i++, "--html tree.html");
          break;
        case "--timings":
          timingsFile = fileAfter(args, i++, "--timings phases.txt");
          break;
        case "--quiet":
          quiet = true;
          break;
        case "--help":
        case "-h":
          help = true;
          break;
        default:
          throw new IllegalArgumentException("Unknown argument '" + arg + "'");
      }
    }
    return new DemoOptions(reportFile, htmlFile, timingsFile, quiet, help);
  }

  /** The file name after the option at {@code index}; {@code example} shows how to give one. */
  private static Path fileAfter(String[] args, int index, String example) {
    if (index + 1 >= args.length || args[index + 1].startsWith("--")) {
      throw new IllegalArgumentException(
          args[index] + " needs a file name, e.g. " + example);
    }
    return Path.of(args[index + 1]);
  }
}
