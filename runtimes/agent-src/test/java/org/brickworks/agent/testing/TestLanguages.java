package org.brickworks.agent.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Plugin language jars built by the tests from the agent protocol's SPI alone, as a plugin's build would make them.
 * <ul>
 * <li>{@link #echo}: language {@code echo}; a command's result is {@code #<n> <code>} (n counts the interpreter's
 * commands, so a restart shows), {@code whoami} answers the context's id and working directory, {@code isolation}
 * which classes the plugin sees, {@code fail <text>} is an error; closing writes {@code echo-closed} into the working
 * directory.</li>
 * <li>{@link #shell}: language {@code sh}, as a {@code %sh} plugin would be: {@code sh -c <code>} in the context's
 * working directory, output as text, a non-zero exit status as an error, cancel kills the process and its
 * children.</li>
 * </ul>
 */
public final class TestLanguages {

    private static final String IMPORTS = "package bw.test.lang;\n"
            + "import java.nio.file.*;\nimport org.brickworks.agent.protocol.*;\n";

    private static final String ECHO = IMPORTS + "public class Echo implements CellInterpreterFactory {\n"
            + "  public String language() { return \"echo\"; }\n"
            + "  public CellInterpreter start(CellSession session) { return new Interpreter(session); }\n"
            + "  static final class Interpreter implements CellInterpreter {\n"
            + "    private final CellSession session;\n"
            + "    private int count;\n"
            + "    Interpreter(CellSession session) { this.session = session; }\n"
            + "    public Result execute(CellCommand command) {\n"
            + "      count++;\n"
            + "      String code = command.code();\n"
            + "      if (code.equals(\"whoami\")) {\n"
            + "        return TextResult.of(session.contextId() + \" \" + session.workingDirectory());\n"
            + "      }\n"
            + "      if (code.equals(\"isolation\")) {\n"
            + "        return TextResult.of(\"spark=\" + sees(\"org.apache.spark.SparkContext\")\n"
            + "            + \" agent=\" + sees(\"org.brickworks.agent.DriverAgent\")\n"
            + "            + \" jackson=\" + sees(\"com.fasterxml.jackson.databind.ObjectMapper\")\n"
            + "            + \" protocol=\" + sees(Result.class.getName())\n"
            + "            + \" tccl=\" + (Thread.currentThread().getContextClassLoader()\n"
            + "                == getClass().getClassLoader()));\n"
            + "      }\n"
            + "      if (code.startsWith(\"fail \")) { return new ErrorResult(code.substring(5), \"\"); }\n"
            + "      return TextResult.of(\"#\" + count + \" \" + code);\n"
            + "    }\n"
            + "    private boolean sees(String name) {\n"
            + "      try { Class.forName(name, false, getClass().getClassLoader()); return true; }\n"
            + "      catch (ClassNotFoundException e) { return false; }\n"
            + "    }\n"
            + "    public void interrupt() { }\n"
            + "    public void close() {\n"
            + "      try { Files.writeString(session.workingDirectory().resolve(\"echo-closed\"), \"closed\"); }\n"
            + "      catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }\n"
            + "    }\n"
            + "  }\n"
            + "}\n";

    private static final String SHELL = IMPORTS + "public class Shell implements CellInterpreterFactory {\n"
            + "  public String language() { return \"sh\"; }\n"
            + "  public CellInterpreter start(CellSession session) { return new Interpreter(session); }\n"
            + "  static final class Interpreter implements CellInterpreter {\n"
            + "    private final CellSession session;\n"
            + "    private volatile Process process;\n"
            + "    private volatile boolean interrupted;\n"
            + "    Interpreter(CellSession session) { this.session = session; }\n"
            + "    public Result execute(CellCommand command) throws Exception {\n"
            + "      interrupted = false;\n"
            + "      process = new ProcessBuilder(\"sh\", \"-c\", command.code())\n"
            + "          .directory(session.workingDirectory().toFile()).redirectErrorStream(true).start();\n"
            + "      String output = new String(process.getInputStream().readAllBytes()).stripTrailing();\n"
            + "      int status = process.waitFor();\n"
            + "      if (interrupted) { return new ErrorResult(\"Command cancelled\", output); }\n"
            + "      return status == 0 ? TextResult.of(output)\n"
            + "          : new ErrorResult(\"Exit status \" + status + \": \" + output.lines().reduce((a, b) -> b)\n"
            + "              .orElse(\"\"), output);\n"
            + "    }\n"
            + "    public void interrupt() {\n"
            + "      interrupted = true;\n"
            + "      Process running = process;\n"
            + "      if (running != null) {\n"
            + "        running.descendants().forEach(ProcessHandle::destroyForcibly);\n"
            + "        running.destroyForcibly();\n"
            + "      }\n"
            + "    }\n"
            + "    public void close() { interrupt(); }\n"
            + "  }\n"
            + "}\n";

    private TestLanguages() {
    }

    /** The {@code echo} language's jar, in a folder {@code name} of {@code dir}. */
    public static Path echo(Path dir, String name) throws IOException {
        return TestJars.language(Files.createDirectories(dir.resolve(name)), "echo-language.jar",
                Map.of("bw/test/lang/Echo.java", ECHO), "bw.test.lang.Echo");
    }

    /** The {@code sh} language's jar. */
    public static Path shell(Path dir) throws IOException {
        return TestJars.language(Files.createDirectories(dir.resolve("sh")), "sh-language.jar",
                Map.of("bw/test/lang/Shell.java", SHELL), "bw.test.lang.Shell");
    }
}
