package dev.tether.demo;

import java.nio.file.Path;

/** The demo's command line: {@code [--report FILE] [--quiet]}, or {@code --help}. */
record DemoOptions(Path reportFile, boolean quiet, boolean help) {

  static DemoOptions parse(String[] args) {
    Path reportFile = null;
    boolean quiet = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--report":
          if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new IllegalArgumentException(
                "--report needs a file name, e.g. --report report.json");
          }
          reportFile = Path.of(args[++i]);
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
    return new DemoOptions(reportFile, quiet, help);
  }
}
