package org.brickworks.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import org.apache.spark.sql.SparkSession;

/**
 * The baseline of {@code ClusterBenchmark.java}: a bare JVM that only builds the driver's SparkSession and runs
 * {@code SELECT 1}, started with a real driver's JVM flags and classpath (agent jar + runtime closure) and its
 * {@code --conf} arguments. It lives in the agent's package to build the session with the agent's own
 * {@code SparkSessionFactory}, so its Spark conf (the agent's defaults overlaid with the cluster's) is the driver's.
 *
 * <p>Protocol on stdout/stdin (Spark logs to stderr):
 * <ul>
 * <li>prints {@code READY <jvm uptime ms> <session build ms> <Spark version>} once the session is built;</li>
 * <li>reads {@code QUERY <warm-up> <measured> [collect|take]}: runs {@code spark.sql("SELECT 1").collect()} (or
 * {@code .takeAsList(1001)}, as the agent fetches a result with its default {@code max_rows} 1000) in a
 * {@code newSession()} (as an execution context of the agent is) that many times and prints
 * {@code LATENCIES <ns>,<ns>,...} with the measured calls only;</li>
 * <li>{@code EXIT} or end of input stops Spark and exits 0.</li>
 * </ul>
 * Usage: {@code java <driver flags> -cp <classes>:<driver classpath> org.brickworks.agent.BareSparkDriver
 * [--conf key=value]...}
 */
public final class BareSparkDriver {

    private BareSparkDriver() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> conf = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals("--conf") || i + 1 == args.length || args[i + 1].indexOf('=') < 1) {
                System.err.println("usage: BareSparkDriver [--conf key=value]...");
                System.exit(2);
            }
            String pair = args[++i];
            conf.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        long started = System.nanoTime();
        SparkSession spark = SparkSessionFactory.build(conf);
        long buildMs = (System.nanoTime() - started) / 1_000_000;
        System.out.println("READY " + ManagementFactory.getRuntimeMXBean().getUptime() + " " + buildMs + " "
                + spark.version());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        SparkSession session = spark.newSession();
        for (String line = in.readLine(); line != null && !line.equals("EXIT"); line = in.readLine()) {
            String[] words = line.trim().split(" ");
            if ((words.length == 3 || words.length == 4) && words[0].equals("QUERY")) {
                boolean take = words.length == 4 && words[3].equals("take");
                System.out.println("LATENCIES " + selectOne(session, Integer.parseInt(words[1]),
                        Integer.parseInt(words[2]), take));
            } else {
                System.out.println("UNKNOWN " + line);
            }
            System.out.flush();
        }
        spark.stop();
        System.exit(0);
    }

    private static String selectOne(SparkSession session, int warmUp, int measured, boolean take) {
        for (int i = 0; i < warmUp; i++) {
            run(session, take);
        }
        StringJoiner latencies = new StringJoiner(",");
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            run(session, take);
            latencies.add(String.valueOf(System.nanoTime() - start));
        }
        return latencies.toString();
    }

    private static void run(SparkSession session, boolean take) {
        if (take) {
            session.sql("SELECT 1").takeAsList(1001);
        } else {
            session.sql("SELECT 1").collect();
        }
    }
}
