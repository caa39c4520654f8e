package dev.tether.vault;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code java -jar tether-vault.jar serve|grant|attest|keys|load [options]}: {@code serve} runs
 * the Vault until the process is stopped; {@code grant} asks a running Vault for a task grant, as
 * an orchestrator does; {@code load} measures a Vault under load. Tokens are never printed, except
 * the grant {@code grant} was asked for.
 */
public final class VaultMain {

  static final String TOKEN_ENV = "TETHER_VAULT_TOKEN";
  static final String ORCHESTRATOR_TOKEN_ENV = "TETHER_ORCHESTRATOR_TOKEN";
  static final String VAULT_URL_ENV = "TETHER_VAULT_URL";
  static final String RESOURCE_SERVER_TOKEN_ENV = "TETHER_RESOURCE_SERVER_TOKEN";
  static final String REDIS_PASSWORD_ENV = "TETHER_REDIS_PASSWORD";
  static final String REDIS_USER_ENV = "TETHER_REDIS_USER";

  static final String USAGE =
      String.join(
          "\n",
          "Usage: java -jar tether-vault.jar serve [options]",
          "       java -jar tether-vault.jar grant --task ID --user ID --repo REPO --tools T1,T2"
              + " [options]",
          "       java -jar tether-vault.jar attest verify --kind nitro|ec2-iid FILE [options]",
          "       java -jar tether-vault.jar keys generate --out FILE [--issuer NAME]",
          "       java -jar tether-vault.jar keys add --key-file FILE [--current]",
          "       java -jar tether-vault.jar keys use --key-file FILE --key-id ID",
          "       java -jar tether-vault.jar load [--kind api-token|aws] [options]",
          "       java -jar tether-vault.jar help",
          "",
          "serve: runs the Tether Token Vault until the process is stopped.",
          "",
          "  --host HOST               address to bind (default 127.0.0.1)",
          "  --port PORT               port to bind, 0 for an ephemeral one (default 0)",
          "  --mode local|aws          local: answer STS on /sts, no AWS account needed;",
          "                            aws: call a real STS with the default AWS credentials",
          "                            (default local)",
          "  --sts-endpoint URL        aws mode: the STS endpoint (default: the SDK's for"
              + " us-east-1)",
          "  --role-arn ARN            the role sessions assume (required in aws mode; local",
          "                            default " + VaultSettings.LOCAL_ROLE_ARN + ")",
          "  --aws-auth assume-role|web-identity",
          "                            how the Vault gets sessions: assume-role signs AssumeRole",
          "                            with its own credentials (default); web-identity makes it",
          "                            an OIDC issuer and calls AssumeRoleWithWebIdentity with a",
          "                            token it signs per session (docs/aws/README.md)",
          "  --oidc-issuer URL         web-identity: the issuer URL registered with IAM (https;",
          "                            required in aws mode; local default: the Vault's own URL)",
          "  --oidc-audience ID        web-identity: the client id (default sts.amazonaws.com)",
          "  --oidc-key-rotation HOURS web-identity: how long one signing key signs (default 24)",
          "  --session-duration SECS   session length when a request asks for none, 900..3600",
          "                            (default 900)",
          "  --tools-file FILE         the tool catalogue: the tools grants may name and the",
          "                            widest AWS scope of each (JSON); without it no grant",
          "                            can be minted",
          "  --token-file FILE         write the agent token to FILE (mode 600)",
          "  --orchestrator-token-file FILE",
          "                            write the orchestrator token to FILE (mode 600)",
          "  --resource-server-token-file FILE",
          "                            write the token resource servers present to",
          "                            POST /v1/introspect to FILE (mode 600)",
          "  --github-app FILE         a GitHub App (JSON: app id, key file, installations, each",
          "                            tool's permissions) for POST /v1/github/tokens",
          "  --tls-cert FILE           serve HTTPS (TLS 1.3, 1.2) with this PEM certificate",
          "                            chain, server certificate first; needs --tls-key",
          "  --tls-key FILE            the certificate's PEM private key (PKCS#8, RSA or EC,",
          "                            unencrypted)",
          "  --store memory|redis://HOST:PORT[/DB]",
          "                            where nonces, bindings, redeemed grants, spent tokens and",
          "                            issuances live (default memory: this process only);",
          "                            replicas share one Redis. Password: " + REDIS_PASSWORD_ENV,
          "                            (ACL user: " + REDIS_USER_ENV + ")",
          "  --key-file FILE           the root keys that MAC grants and task tokens (from",
          "                            'keys generate'); required with redis, the same file for",
          "                            every replica (default: random per process)",
          "",
          "  Attestation (what a workload shows to redeem its grant; docs/operators.md):",
          AttestationOptions.USAGE,
          "  The agent token is " + TOKEN_ENV + " if set, the orchestrator token",
          "  " + ORCHESTRATOR_TOKEN_ENV + " if set; each is generated otherwise. Neither is",
          "  ever printed: give --token-file unless " + TOKEN_ENV + " is set, and",
          "  --orchestrator-token-file unless " + ORCHESTRATOR_TOKEN_ENV + " is set. The",
          "  resource-server token is " + RESOURCE_SERVER_TOKEN_ENV + " if set. With a redis",
          "  store all three must be set, alike for every replica.",
          "  Prints one line with the Vault's URL once it accepts requests.",
          "",
          "grant: asks a running Vault for a task grant, as an orchestrator does.",
          "",
          "  --task ID                 the task the grant is for (required)",
          "  --user ID                 the user the task runs for (required)",
          "  --repo REPO               a repository the task may reach (required); repeat it,",
          "                            or separate repositories with commas",
          "  --tools T1,T2             tools of the Vault's catalogue (required)",
          "  --lifetime SECS           how long the grant and everything derived from it live,",
          "                            60..86400 (default: the Vault's, 3600)",
          "  --vault URL               the Vault (default " + VAULT_URL_ENV + ")",
          "  --orchestrator-token-file FILE",
          "                            read the orchestrator token from FILE (default",
          "                            " + ORCHESTRATOR_TOKEN_ENV + ")",
          "  --out FILE                write the grant to FILE (mode 600) and print only its id",
          "                            and expiry",
          "",
          "  Prints the grant on stdout: hand it to the agent runtime as TETHER_TASK_GRANT. It",
          "  can be redeemed once.",
          "",
          "attest verify: verifies one attestation as the Vault does and prints its decoded fields",
          "and the verdict with its reason (exit 0 valid, 1 refused).",
          "",
          "  --kind nitro|ec2-iid      a Nitro attestation document (COSE_Sign1 CBOR), or an EC2",
          "                            instance identity PKCS#7 (/instance-identity/rsa2048 or",
          "                            /pkcs7) (required)",
          "  --at INSTANT              verify at this ISO-8601 instant (default now)",
          "  --region REGION           ec2-iid: use this region's AWS certificate instead of the",
          "                            document's own region's",
          "  --allow-debug             nitro: admit debug-mode enclaves (PCR0, 1 and 2 all zero)",
          "  --pcr INDEX=HEX           nitro: require this enclave PCR value (repeat for several)",
          "  --tpm-pcr INDEX=HEX       nitro: require this NitroTPM PCR value (repeat for several);",
          "                            NitroTPM documents are verified and printed either way",
          "",
          "keys: the key file replicas share (JSON, mode 600). generate makes one with one",
          "random key; add appends a random key (verify-only unless --current); use makes a",
          "key current. Rotate in two roll-outs: add, restart every replica, then use.",
          "",
          "load: measures exchanges per second and their latency. Starts a Vault in this process",
          "(local mode) or targets a running one, sets tasks up as their parties do (grant, nonce,",
          "local attestation, redemption with a proof of possession), then fires exchanges with",
          "tool-call tokens from concurrent clients over kept-alive loopback connections, each",
          "request with its own proof (tokens derived and proofs signed before each measured",
          "segment). Prints one summary line; docs/vault.md and docs/benchmarks.md.",
          "",
          "  --kind api-token|aws      POST /v1/api-tokens (the Vault's own work) or POST",
          "                            /v1/aws/credentials (with an STS AssumeRole each)",
          "                            (default api-token)",
          "  --store memory|redis://HOST:PORT[/DB]",
          "                            the embedded Vault's store (default memory; Redis",
          "                            password: " + REDIS_PASSWORD_ENV + ")",
          "  --concurrency N           clients, one connection each (default 32)",
          "  --tasks N                 tasks set up first; exchanges go round them (default 16)",
          "  --warmup DURATION         unmeasured exchanges first (default 5s)",
          "  --duration DURATION       the measured phase (default 10s; with --warmup at most 8m)",
          "  --requests N              measure exactly N exchanges instead of a duration",
          "  --proofs session|signed   prove with the session proof key handed over at",
          "                            redemption (HS256), as the agent does, or sign every",
          "                            proof with the workload key (EdDSA) (default session)",
          "  --json FILE               also write the report as JSON",
          "  --vault URL               a running Vault instead (http://HOST:PORT), with",
          "                            " + TOKEN_ENV + " and " + ORCHESTRATOR_TOKEN_ENV + " set and:",
          "  --launcher-key FILE       a launcher key the Vault trusts (--local-attestor-key",
          "                            FILE.pub)",
          "  --tool NAME               a tool of the Vault's catalogue",
          "",
          "Exit codes: 0 success, 1 failure (the Vault could not start, refused or could not be",
          "reached; the evidence is refused; an exchange of a load run failed), 2 usage error.",
          "");

  private VaultMain() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the command line; for {@code serve}, blocks until the process is stopped.
   *
   * @return the exit code: 0 success, 1 failure, 2 usage error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv());
  }

  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    Command command;
    try {
      command = parse(args, env);
    } catch (IllegalArgumentException e) {
      return usageError(err, e.getMessage());
    }
    return command == null ? usage(out) : command.run(out, err);
  }

  /** A parsed command line, ready to run. */
  interface Command {
    /** @return the exit code: 0 success, 1 failure */
    int run(PrintStream out, PrintStream err);
  }

  /** @return {@code null} when the usage was asked for */
  private static Command parse(String[] args, Map<String, String> env) {
    if (args.length == 0) {
      throw new IllegalArgumentException("no command given");
    }
    switch (args[0]) {
      case "help":
      case "--help":
      case "-h":
        return null;
      case "serve":
        return ServeCommand.parse(args, env);
      case "grant":
        return GrantCommand.parse(args, env);
      case "attest":
        return AttestCommand.parse(args);
      case "keys":
        return KeysCommand.parse(args);
      case "load":
        return LoadCommand.parse(args, env);
      default:
        throw new IllegalArgumentException(
            "unknown command '" + args[0] + "'; use serve, grant, attest, keys or load");
    }
  }

  private static int usage(PrintStream out) {
    out.print(USAGE);
    out.flush();
    return 0;
  }

  private static int usageError(PrintStream err, String problem) {
    err.println("tether-vault: " + problem);
    err.println();
    err.print(USAGE);
    err.flush();
    return 2;
  }
}
