import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Joins two JaCoCo XML reports of the same sources line by line and prints coverage per module with a floor:
 * the module tests' report (read against target/classes) and the running services' report (read against the classes
 * as packaged, which Quarkus rewrote at build time, so one report cannot hold both). A line's instructions and
 * branches are those of the module tests' report where it has the line; covered is the larger of the two reports'.
 *
 * <p>Run by ./suite (`java CoverageUnion.java MODULE_TESTS.xml SERVICES.xml FLOOR`); exits 1 below the floor (% of
 * instructions). The module of a class is the third segment of its package (io/tenancycore/&lt;module&gt;).
 */
public class CoverageUnion {

    /** Instructions and branches of one source line: missed and covered. */
    record Line(int mi, int ci, int mb, int cb) {
    }

    /** Counters of one module (or all): instructions, branches, lines; covered and total. */
    static final class Totals {
        long ci, ti, cb, tb, cl, tl, ciModule, ciServices;

        void add(Line base, Line modules, Line services) {
            int covered = Math.min(base.mi + base.ci, Math.max(ci(modules), ci(services)));
            ci += covered;
            ti += base.mi + base.ci;
            cb += Math.min(base.mb + base.cb, Math.max(cb(modules), cb(services)));
            tb += base.mb + base.cb;
            cl += covered > 0 ? 1 : 0;
            tl += base.mi + base.ci > 0 ? 1 : 0;
            ciModule += Math.min(base.mi + base.ci, ci(modules));
            ciServices += Math.min(base.mi + base.ci, ci(services));
        }

        private static int ci(Line line) {
            return line == null ? 0 : line.ci;
        }

        private static int cb(Line line) {
            return line == null ? 0 : line.cb;
        }
    }

    static Map<String, Line> lines(String report) throws Exception {
        Map<String, Line> lines = new TreeMap<>();
        SAXParserFactory factory = SAXParserFactory.newInstance();
        // JaCoCo's report names its DTD; nothing needs it
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.newSAXParser().parse(new File(report), new DefaultHandler() {
            String pkg;
            String source;

            @Override
            public void startElement(String uri, String localName, String name, Attributes attributes) {
                switch (name) {
                    case "package" -> pkg = attributes.getValue("name");
                    case "sourcefile" -> source = attributes.getValue("name");
                    case "line" -> lines.put(pkg + "/" + source + ":" + attributes.getValue("nr"), new Line(
                            Integer.parseInt(attributes.getValue("mi")), Integer.parseInt(attributes.getValue("ci")),
                            Integer.parseInt(attributes.getValue("mb")), Integer.parseInt(attributes.getValue("cb"))));
                    default -> { }
                }
            }

            @Override
            public void endElement(String uri, String localName, String name) {
                if (name.equals("sourcefile")) {
                    source = null;
                }
            }
        });
        return lines;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Line> modules = lines(args[0]);
        Map<String, Line> services = lines(args[1]);
        double floor = Double.parseDouble(args[2]);
        Map<String, Totals> byModule = new TreeMap<>();
        Totals all = new Totals();
        Map<String, Line> every = new TreeMap<>(services);
        every.putAll(modules);
        every.forEach((key, base) -> {
            String[] segments = key.split("/");
            String module = segments.length > 2 ? segments[2] : segments[0];
            Line fromModules = modules.get(key);
            Line fromServices = services.get(key);
            byModule.computeIfAbsent(module, m -> new Totals()).add(base, fromModules, fromServices);
            all.add(base, fromModules, fromServices);
        });
        System.out.printf("  %-10s %13s %9s %7s   %s%n", "module", "instructions", "branches", "lines",
                "instructions by module tests / by system tests alone");
        byModule.forEach((module, totals) -> print(module, totals));
        print("all", all);
        double total = pct(all.ci, all.ti);
        System.out.printf("  floor: %.1f%% of instructions%n", floor);
        System.exit(total < floor ? 1 : 0);
    }

    static void print(String module, Totals t) {
        System.out.printf("  %-10s %12.1f%% %8.1f%% %6.1f%%   %5.1f%% / %5.1f%%%n", module, pct(t.ci, t.ti), pct(t.cb, t.tb),
                pct(t.cl, t.tl), pct(t.ciModule, t.ti), pct(t.ciServices, t.ti));
    }

    static double pct(long covered, long total) {
        return total == 0 ? 0 : 100.0 * covered / total;
    }
}
