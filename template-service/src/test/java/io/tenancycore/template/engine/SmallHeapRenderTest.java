package io.tenancycore.template.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hostile renders of issue #8 in a JVM of 64 MB heap: with the default limits each ends in its limit; the same
 * work done by the JDK without the bounds runs out of that heap, which shows the attacks are real at this size.
 */
class SmallHeapRenderTest {

    private static final int OUT_OF_MEMORY = 3;
    private static final String HEAP = "-Xmx64m";

    @Test
    void hostileRendersEndInTheirLimitsUnderA64MbHeap() throws Exception {
        Result result = runAttacks("bounded");
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(List.of("number_exponent", "number_exponent", "message_placeholders", "message_argument_size",
                "output_size", "iterations"), result.output().lines().toList());
    }

    @Test
    void theSameWorkWithoutBoundsRunsOutOfThatHeap() throws Exception {
        Result result = runAttacks("unbounded");
        assertEquals(OUT_OF_MEMORY, result.exitCode(), result.output());
    }

    private static Result runAttacks(String mode) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), HEAP, "-cp", classPath,
                Attacks.class.getName(), mode));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = process.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        assertTrue(finished, "the attacks finished");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }

    /** Run in the small JVM: prints the limit each attack hit, one per line. */
    public static final class Attacks {

        private static final String LONG_ARGUMENT = "a".repeat(100 * 1024);

        public static void main(String[] args) {
            try {
                if ("unbounded".equals(args[0])) {
                    unbounded();
                } else {
                    bounded();
                }
            } catch (OutOfMemoryError e) {
                System.exit(OUT_OF_MEMORY);
            }
        }

        private static void bounded() {
            RenderLimits defaults = new RenderLimits(262_144, 10_000, 100_000, Duration.ofSeconds(1),
                    RenderLimits.DEFAULT_FORMAT, RenderLimits.DEFAULT_MESSAGES, RenderLimits.DEFAULT_URL_SCHEMES);
            SafeTemplateEngine engine = new SafeTemplateEngine(defaults);
            MessageSource hostile = key -> Optional.of(switch (key) {
                case "thousand" -> "{0}".repeat(1000);
                default -> "{0}".repeat(32);
            });
            attack(engine, hostile, "{fmt:number(n)}", Map.of("n", "1E200000000"));
            attack(engine, hostile, "{fmt:currency(n, 'EUR')}", Map.of("n", "1E200000000"));
            attack(engine, hostile, "{msg:thousand(s)}", Map.of("s", LONG_ARGUMENT));
            attack(engine, hostile, "{msg:many(s)}", Map.of("s", LONG_ARGUMENT));
            attack(engine, hostile, "{#for i in 10000}{msg:many(s)}{/for}", Map.of("s", "b".repeat(9_000)));
            attack(engine, hostile, "{#for i in 100000}{#for j in 100000}{s}{/for}{/for}", Map.of("s", "c"));
        }

        private static void attack(SafeTemplateEngine engine, MessageSource messages, String source,
                Map<String, Object> data) {
            try {
                engine.render(engine.parse("attack", source, "text/plain", Locale.ENGLISH), data,
                        new RenderEnvironment(Locale.ENGLISH, ZoneOffset.UTC, messages));
                System.out.println("rendered");
            } catch (RenderLimitExceededException e) {
                System.out.println(e.limit().wireName());
            }
        }

        /** What the engine would do without the bounds. */
        private static void unbounded() {
            String message = new MessageFormat("{0}".repeat(1000), Locale.ENGLISH).format(new Object[] {LONG_ARGUMENT});
            String number = NumberFormat.getNumberInstance(Locale.ENGLISH).format(new BigDecimal("1E200000000"));
            System.out.println(message.length() + number.length());
        }
    }
}
